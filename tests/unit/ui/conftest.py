from __future__ import annotations

import pytest

from ui import theme
from ui.bus import DataBus


@pytest.fixture(autouse=True)
def hearth_theme(qapp):
    """Each UI test starts in the light theme at normal text size."""
    from app.domain.settings import TextSize

    theme.apply(qapp, text_size=TextSize.NORMAL, dark=False)
    yield
    theme.apply(qapp, text_size=TextSize.NORMAL, dark=False)


@pytest.fixture
def bus() -> DataBus:
    return DataBus()


@pytest.fixture
def make_window(qtbot, services, bus, hearth_home):
    from ui.main_window import MainWindow

    def make(remember: bool = True) -> MainWindow:
        window = MainWindow(services, bus, hearth_home, remember=remember)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return make
