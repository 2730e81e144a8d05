"""The main window: the welcome on first run, then a sidebar of views."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QItemSelectionModel, QSettings, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.domain.settings import TextSize
from ui import theme
from ui.bus import DataBus
from ui.views import VIEWS, ViewSpec
from ui.widgets.common import PageStack

if TYPE_CHECKING:
    from app.domain.changes import ChangeSet
    from app.services import Services
    from ui.unlock import IdleWatch, UnlockPanel
    from ui.views.welcome_view import WelcomeView

DEFAULT_SIZE = (1280, 820)


def window_settings(data_dir: Path) -> QSettings:
    """What the window remembers about itself, beside the data: size, last view, text size."""
    return QSettings(str(Path(data_dir) / "window.ini"), QSettings.Format.IniFormat)


def remembered_text_size(data_dir: Path) -> TextSize | None:
    """The text size the window last showed (the couple's setting lives in their data)."""
    value = window_settings(data_dir).value("text_size")
    try:
        return TextSize(value) if value else None
    except ValueError:
        return None


class MainWindow(QMainWindow):
    """Hearth's window. Shows the welcome until the couple exists, then the shell.

    The window can be shown before the data is open (``services=None``): the frame, the
    sidebar and Home's outline — or, on a first start, the welcome — paint at once, and
    ``attach()`` fills them in when the data is ready (see ui/main.py).
    """

    view_changed = Signal(str)
    ready = Signal()  # the data is attached and the first screen shows it

    def __init__(self, services: Services | None, bus: DataBus, data_dir: Path,
                 *, remember: bool = True, first_run: bool = False) -> None:
        super().__init__()
        self.services: Services | None = None
        self.bus = bus
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(theme.app_icon())
        self.setAccessibleName(APP_NAME)
        self._remember = remember
        self._settings = self._settings_in(data_dir)
        self._specs: tuple[ViewSpec, ...] = VIEWS
        self._views: dict[str, QWidget] = {}

        self.pages = PageStack(self)
        self.setCentralWidget(self.pages)
        self.shell = QWidget(self.pages)
        self.shell.setObjectName("ShellPage")
        shell_layout = QHBoxLayout(self.shell)
        shell_layout.setContentsMargins(0, 0, 0, 0)
        shell_layout.setSpacing(0)

        sidebar_box = QWidget(self.shell)
        sidebar_box.setObjectName("SidebarBox")
        sidebar_box.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        side = QVBoxLayout(sidebar_box)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(0)
        self.sidebar = QListWidget(sidebar_box)
        self.sidebar.setObjectName("Sidebar")
        self.sidebar.setAccessibleName("Views")
        title = QLabel(APP_NAME, sidebar_box)
        title.setObjectName("SidebarTitle")
        for index, spec in enumerate(self._specs, start=1):
            item = QListWidgetItem(spec.title, self.sidebar)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(f"{spec.title} (Ctrl+{index})" if index < 10 else spec.title)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, spec.title)
        sidebar_box.setFixedWidth(self._sidebar_width())
        self.sidebar_box = sidebar_box
        side.addWidget(title)
        side.addWidget(self.sidebar)
        shell_layout.addWidget(sidebar_box)

        self.stack = PageStack(self.shell)
        self.stack.setObjectName("Views")
        shell_layout.addWidget(self.stack, 1)
        self.pages.addWidget(self.shell)
        self.welcome: WelcomeView | None = None
        self._settings_seen = False

        self.sidebar.currentRowChanged.connect(self._show_row)
        self._build_menu()
        bus.changed.connect(self._on_changed)
        self.lock_page: QWidget | None = None  # built the first time Hearth locks
        self.unlock_panel: UnlockPanel | None = None
        self._page_before_lock: QWidget | None = None
        self._hidden_by_lock: list[QWidget] = []
        self.idle: IdleWatch | None = None
        self._restore_geometry()

        self._outline: QWidget | None = None
        if services is not None:
            self.attach(services)
        elif first_run:
            self._show_welcome(None)
        else:  # the outline of Home until the data is open
            self._outline = self._home_outline()
            self.stack.addWidget(self._outline)
            self.sidebar.setEnabled(False)
            with QSignalBlocker(self.sidebar):
                self.sidebar.setCurrentRow(0)

    def _home_outline(self) -> QWidget:
        """What Home looks like for the moment before the data is open: the greeting, where
        Home's title will be (Home's column, without its scroll area: this is part of the
        first paint)."""
        from datetime import datetime

        from app.domain.greeting import greeting
        from ui.views.base import centred_column

        outline = QWidget(self.stack)
        layout = centred_column(outline)
        for text, role in ((greeting(datetime.now().astimezone()), "Title"),
                           ("Opening your Hearth…", "Muted")):
            label = QLabel(text, outline)
            label.setObjectName(role)
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addStretch(1)
        return outline

    def _settings_in(self, data_dir: Path) -> QSettings | None:
        return window_settings(data_dir) if self._remember else None

    def attach(self, services: Services, data_dir: Path | None = None) -> None:
        """The data is open: fill in the first screen (the welcome when there is no couple
        yet) and make every view and action available."""
        from ui.unlock import IdleWatch

        self.services = services
        if data_dir is not None and self._remember:
            self._settings = self._settings_in(data_dir)
        if self.idle is None:
            self.idle = IdleWatch(self)
            self.idle.idle.connect(self.lock)
        self.sidebar.setEnabled(True)
        if services.home.couple() is None:  # read without waiting for SQLAlchemy
            self._show_welcome(services)
        else:
            self._enter_shell()
        if self._outline is not None:
            self.stack.removeWidget(self._outline)
            self._outline.deleteLater()
            self._outline = None
        self.ready.emit()

    def detach(self) -> None:
        """Back to the outline (the data turned out to be unusable after all): every view
        built over it goes, and nothing can reach the old services."""
        for view in self._views.values():
            self.stack.removeWidget(view)
            view.deleteLater()
        self._views.clear()
        self.services = None
        if self.welcome is not None:
            self.welcome.set_services(None)
        else:
            if self._outline is None:
                self._outline = self._home_outline()
                self.stack.addWidget(self._outline)
            self.stack.setCurrentWidget(self._outline)
            self.pages.setCurrentWidget(self.shell)
        self.sidebar.setEnabled(False)
        self._set_view_actions_enabled(False)

    def _show_welcome(self, services: Services | None) -> None:
        from ui.views.welcome_view import WelcomeView

        if self.welcome is None:
            self.welcome = WelcomeView(services, self.bus, self.pages)
            self.welcome.completed.connect(self._welcome_done)
            self.pages.addWidget(self.welcome)
        else:
            self.welcome.set_services(services)
        self.pages.setCurrentWidget(self.welcome)

    # -- structure ---------------------------------------------------------------------

    def _sidebar_width(self) -> int:
        return round(220 * theme.current().text_size.scale)

    def _build_menu(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.lock_action = QAction("&Lock Hearth", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setToolTip("Hide everything behind your passphrase")
        self.lock_action.triggered.connect(self.lock)
        file_menu.addAction(self.lock_action)
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        self.view_menu = bar.addMenu("&View")
        self.view_actions: dict[str, QAction] = {}
        for index, spec in enumerate(self._specs, start=1):
            action = QAction(spec.title, self)
            if index < 10:
                action.setShortcut(QKeySequence(f"Ctrl+{index}"))
            action.triggered.connect(lambda _=False, key=spec.key: self.show_view(key))
            self.view_menu.addAction(action)
            self.view_actions[spec.key] = action
        preferences = QAction("Settings…", self)
        preferences.setShortcut(QKeySequence.StandardKey.Preferences)
        preferences.triggered.connect(lambda: self.show_view("settings"))
        self.addAction(preferences)

        help_menu = bar.addMenu("&Help")
        about = QAction(f"&About {APP_NAME}", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)
        self._set_view_actions_enabled(False)

    def _set_view_actions_enabled(self, enabled: bool) -> None:
        for action in self.view_actions.values():
            action.setEnabled(enabled)

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self, f"About {APP_NAME}",
            f"<h3>{APP_NAME}</h3><p>A calm place for two people to look after their "
            "relationship and plan their life together.</p><p>Your data stays on this "
            "computer: no account, no network.</p>",
        )

    def _welcome_done(self) -> None:
        self._enter_shell()
        if self.welcome is not None:
            self.pages.removeWidget(self.welcome)
            self.welcome.deleteLater()
            self.welcome = None

    def _enter_shell(self) -> None:
        self.pages.setCurrentWidget(self.shell)
        self._set_view_actions_enabled(True)
        key = self._settings.value("last_view", "home") if self._settings else "home"
        self.show_view(key if self._spec(key) else "home")
        self.apply_settings()

    def _spec(self, key: str) -> ViewSpec | None:
        return next((spec for spec in self._specs if spec.key == key), None)

    # -- views -------------------------------------------------------------------------

    def view(self, key: str) -> QWidget:
        """The view for ``key``, created the first time it is needed."""
        if key not in self._views:
            spec = self._spec(key)
            if spec is None:
                raise KeyError(key)
            widget = spec.create(self.services, self.bus)
            if hasattr(widget, "open_view"):
                widget.open_view.connect(self.show_view)
            if hasattr(widget, "open_worksheet"):
                widget.open_worksheet.connect(self.open_worksheet)
            self._views[key] = widget
            self.stack.addWidget(widget)
        return self._views[key]

    def open_worksheet(self, worksheet_id: int) -> None:
        """Show Conflicts with one worksheet open (e.g. from the weekly talk)."""
        self.show_view("conflicts")
        self.view("conflicts").open(worksheet_id)

    def current_view_key(self) -> str | None:
        item = self.sidebar.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def show_view(self, key: str) -> None:
        if self.pages.currentWidget() is not self.shell:
            return
        row = next(i for i, spec in enumerate(self._specs) if spec.key == key)
        if self.sidebar.currentRow() != row:
            self.sidebar.setCurrentRow(row)  # -> _show_row
        else:  # already current (e.g. the first row, right after the welcome): highlight it
            self.sidebar.setCurrentRow(row, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self._show_row(row)

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        key = self._specs[row].key
        if key == "settings":
            self._settings_seen = True  # Home stops suggesting a visit
            if self._settings is not None and self.services is not None:
                self._settings.setValue("settings_seen", True)
        elif key == "home":
            self.view(key).suggest_settings(not self.settings_seen())
        self.stack.setCurrentWidget(self.view(key))
        if self._settings is not None and self.services is not None:
            self._settings.setValue("last_view", key)
        self.view_changed.emit(key)

    def settings_seen(self) -> bool:
        """Whether the couple has opened Settings (remembered with the window's state)."""
        if self._settings_seen or self._settings is None:
            return self._settings_seen
        return self._settings.value("settings_seen", False, type=bool)

    # -- settings and theme ------------------------------------------------------------

    def _on_changed(self, change: ChangeSet) -> None:
        from app.domain import changes

        if change.touches(changes.SETTINGS, changes.COUPLE):
            self.apply_settings()

    def apply_settings(self) -> None:
        """Apply the text size (live) and re-colour views after a theme-relevant change;
        lock after the chosen idle minutes when the data has a passphrase."""
        if self.services is None or self.idle is None:
            return
        settings = self.services.home.settings()  # read without waiting for SQLAlchemy
        protected = self.services.privacy.protected
        self.lock_action.setEnabled(protected)
        if self.unlock_panel is not None:
            self.unlock_panel.setFixedWidth(round(620 * theme.current().text_size.scale))
        if not self.locked:
            self.idle.set_minutes(settings.lock_after_minutes if protected else 0)
        if self._settings is not None:
            self._settings.setValue("text_size", settings.text_size.value)
        if settings.text_size != theme.current().text_size:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                theme.apply(app, text_size=settings.text_size, dark=theme.current().dark)
            self.sidebar_box.setFixedWidth(self._sidebar_width())
            for widget in self._views.values():
                restyle = getattr(widget, "restyle", None)
                if restyle:
                    restyle()

    # -- locking -----------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self.lock_page is not None and self.pages.currentWidget() is self.lock_page

    def _check_passphrase(self, text: str) -> str | None:
        if self.services is not None and self.services.privacy.matches(text):
            return None
        return "That isn't your passphrase. Please try again — capitals and spaces count."

    def lock(self) -> None:
        """Hide everything behind the passphrase prompt (what was typed is saved first)."""
        if self.locked or self.services is None or not self.services.privacy.protected:
            return
        self._save_what_is_typed()
        # Hearth's other windows (device-free time) go behind the passphrase too.
        self._hidden_by_lock = [w for w in self.findChildren(QWidget)
                                if w.isWindow() and w.isVisible()
                                and getattr(w, "hide_when_locked", False)]
        for window in self._hidden_by_lock:
            window.hide()
        self._page_before_lock = self.pages.currentWidget()
        lock_page = self._lock_page()
        self.pages.setCurrentWidget(lock_page)
        self.menuBar().setEnabled(False)
        if self.idle is not None:
            self.idle.set_minutes(0)
        assert self.unlock_panel is not None
        self.unlock_panel.reset()

    def _lock_page(self) -> QWidget:
        """Everything behind the passphrase prompt (built the first time Hearth locks)."""
        if self.lock_page is None:
            from ui.unlock import UnlockPanel

            self.lock_page = QWidget(self.pages)
            self.lock_page.setObjectName("LockPage")
            self.unlock_panel = UnlockPanel(
                self._check_passphrase, "Hearth is locked",
                "Type your passphrase to carry on where you left off.", self.lock_page)
            self.unlock_panel.setFixedWidth(round(620 * theme.current().text_size.scale))
            self.unlock_panel.unlocked.connect(self.unlock)
            centred = QVBoxLayout(self.lock_page)
            centred.addStretch(1)
            across = QHBoxLayout()
            across.addStretch(1)
            across.addWidget(self.unlock_panel)
            across.addStretch(1)
            centred.addLayout(across)
            centred.addStretch(2)
            self.pages.addWidget(self.lock_page)
        return self.lock_page

    def unlock(self) -> None:
        self.pages.setCurrentWidget(self._page_before_lock or self.shell)
        self._page_before_lock = None
        self.menuBar().setEnabled(True)
        self.apply_settings()
        for window in self._hidden_by_lock:
            window.show()
        self._hidden_by_lock = []

    def bring_to_front(self) -> None:
        """Another start of Hearth on the same data: show this window instead."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def retheme(self, dark: bool) -> None:
        """Switch light/dark (the OS scheme changed) and re-colour what needs it."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, dark=dark)
        for widget in self._views.values():
            restyle = getattr(widget, "restyle", None)
            if restyle:
                restyle()

    # -- geometry ----------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self._settings.value("geometry") if self._settings else None
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            return
        self.resize(*DEFAULT_SIZE)

    def _save_what_is_typed(self) -> None:
        for widget in self._views.values():
            about_to_close = getattr(widget, "about_to_close", None)
            if about_to_close:
                about_to_close()

    def closeEvent(self, event) -> None:
        self._save_what_is_typed()
        if self._settings is not None and self.services is not None:  # a refused start
            self._settings.setValue("geometry", self.saveGeometry())  # leaves no trace
            self._settings.sync()
        super().closeEvent(event)
