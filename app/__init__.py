"""Hearth's Qt-free core: domain rules, services, persistence and the command line."""

APP_NAME = "Hearth"
APP_ID = "org.hearth.Hearth"
