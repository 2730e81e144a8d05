"""Plain dataclasses, enums and pure rules. No SQLAlchemy, no Qt."""
