"""One Hearth per data folder. The first window holds a QLockFile in the data folder (a
lock left by a crash is recognised as stale and taken over) and listens on a QLocalServer;
a second start finds the lock, asks the first window to come to the front, and exits — so
there are never two writers on one database.

The lock is taken before the window is shown; the server (and with it QtNetwork) only
once the data is open, so it costs the first paint nothing. A second start in that moment
knocks a few times before giving up."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, QThread, Signal

from app.domain.errors import HearthError
from app.instance import lock_path
from app.paths import ensure_private_dir

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer

MESSAGE = b"show\n"
KNOCKS = 20  # tries, 150 ms apart, while the first window is still opening its data


class FolderUnusable(HearthError):
    """The data folder can't be used at all (not another Hearth holding it)."""


def unusable_words(data_dir: Path, reason: str | None) -> str:
    why = f" ({reason})" if reason else ""
    return (f"Hearth can't use “{data_dir}” as its data folder{why}: it can't write there — "
            "the folder may belong to someone else or be read-only. Nothing was changed. "
            "Please choose a folder of your own, or check its permissions.")


def server_name(data_dir: Path) -> str:
    import hashlib  # only once the data is open (or a second start knocks)

    digest = hashlib.sha256(str(Path(data_dir).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"hearth-{digest}"


class SingleInstance(QObject):
    activated = Signal()  # another start asked this window to come to the front

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        try:
            ensure_private_dir(Path(data_dir))
        except OSError as error:
            raise FolderUnusable(unusable_words(Path(data_dir), error.strerror)) from None
        self.data_dir = Path(data_dir)
        self.lock = QLockFile(str(lock_path(data_dir)))
        self.lock.setStaleLockTime(0)  # never by age: only when its process is gone
        self.server: QLocalServer | None = None

    @property
    def name(self) -> str:
        return server_name(self.data_dir)

    def acquire(self, *, listen: bool = True) -> bool:
        """True when this is the only Hearth on the folder (listening at once unless
        ``listen`` is False: then call ``listen()`` later); False when another one runs —
        it has been asked to show itself."""
        if not self.lock.tryLock(200):
            if self.lock.error() != QLockFile.LockError.LockFailedError:
                # Not another Hearth: the folder can't hold the lock (someone else's, or
                # read-only). Saying "already open" here would be false.
                raise FolderUnusable(unusable_words(self.data_dir, None))
            self._ask_the_other()
            return False
        if listen:
            self.listen()
        return True

    def listen(self) -> None:
        from PySide6.QtNetwork import QLocalServer

        if self.server is not None:
            return
        QLocalServer.removeServer(self.name)  # a socket left behind by a crash
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._knock)
        self.server.listen(self.name)

    def _ask_the_other(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        for _knock in range(KNOCKS):
            socket = QLocalSocket()
            socket.connectToServer(self.name)
            if socket.waitForConnected(1000):
                socket.write(MESSAGE)
                socket.waitForBytesWritten(1000)
                socket.disconnectFromServer()
                return
            QThread.msleep(150)  # the other window may still be opening its data

    def _knock(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            data = b""
            if socket.bytesAvailable() or socket.waitForReadyRead(1000):  # sent at once
                data = bytes(socket.readAll().data())
            socket.abort()
            socket.deleteLater()
            if data.startswith(MESSAGE.strip()):
                self.activated.emit()

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.unlock()
