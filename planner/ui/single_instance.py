"""One window per plan file: a lock beside the database, and a way to call the first window up.

A second Rekindle started on the same file (a second click on the launcher, a second process)
finds the lock taken, asks the first one over a local socket to come forward, and quits. If the
first one does not answer (it hangs, or runs on another machine sharing the folder), the second
says plainly that the file is in use instead of opening it twice.
"""

from __future__ import annotations

import contextlib
import enum
import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QLockFile, QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

_WAKE = b"show\n"
#: How long a second instance waits for the first to answer (it runs before any window).
_CONNECT_MS = 1000


class Claim(enum.Enum):
    """What happened when this process tried to take a plan file."""

    OWNED = enum.auto()  # ours now: open it
    FORWARDED = enum.auto()  # another window has it and was asked to come forward
    IN_USE = enum.auto()  # another process holds it and did not answer
    UNLOCKABLE = (
        enum.auto()
    )  # no lock can be made there (read-only folder): go on, storage explains


class SingleInstance(QObject):
    """Holds the lock on one plan file while the app runs.

    Signals:
        activation_requested(): another Rekindle was started on this file; show the window.
    """

    activation_requested = Signal()

    def __init__(self, *, database: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        resolved = Path(database).expanduser().resolve()
        self.lock_path = resolved.with_name(resolved.name + ".lock")
        self._lock = QLockFile(str(self.lock_path))
        # Only a lock whose process has died is taken over (Qt checks the PID), never by age.
        self._lock.setStaleLockTime(0)
        digest = hashlib.sha256(str(resolved).encode()).hexdigest()[:16]
        self.server_name = f"rekindle-{getpass.getuser()}-{digest}"
        self._server: QLocalServer | None = None

    def claim(self) -> Claim:
        """Take the file, or wake the window that has it."""
        # On a first run the plan's folder is not made yet: without it no lock can be taken,
        # and a second start would open a second window on the plan about to be made there.
        with contextlib.suppress(OSError):  # a folder that cannot be made: opening says why
            self.lock_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if self._lock.tryLock(0):
            # Which process on which computer holds the plan: for its owner alone, as the plan
            # and its backups are (a plan kept outside the data folder has it beside it).
            with contextlib.suppress(OSError):
                self.lock_path.chmod(0o600)
            self._listen()
            return Claim.OWNED
        if self._lock.error() != QLockFile.LockError.LockFailedError:
            return Claim.UNLOCKABLE
        if self._wake_owner():
            return Claim.FORWARDED
        return Claim.IN_USE

    @property
    def held(self) -> bool:
        """This process holds the plan's lock (not when no lock could be made there)."""
        return self._lock.isLocked()

    def holder(self) -> str:
        """Who holds the lock, in words ("process 4242 on laptop"), for the in-use message."""
        # PySide6 returns (pid, hostname, appname), or a false value when the lock is unreadable.
        info: object = self._lock.getLockInfo()
        if not isinstance(info, tuple) or len(info) != 3:
            return ""
        pid, host, _app = info
        return f"process {pid} on {host}"

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    def _listen(self) -> None:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # A socket left by a crashed run would block listen(); we hold the lock, so it is stale.
        QLocalServer.removeServer(self.server_name)
        if server.listen(self.server_name):
            server.newConnection.connect(self._on_server_new_connection)
            self._server = server

    def _wake_owner(self) -> bool:
        # Parentless and owned by this frame: it is gone when the call returns.
        socket = QLocalSocket()
        socket.connectToServer(self.server_name)
        if not socket.waitForConnected(_CONNECT_MS):
            return False
        socket.write(QByteArray(_WAKE))
        written = socket.waitForBytesWritten(_CONNECT_MS)
        socket.disconnectFromServer()
        return written

    @Slot()
    def _on_server_new_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            connection.readyRead.connect(self._on_connection_ready_read)
            connection.disconnected.connect(connection.deleteLater)
            if connection.bytesAvailable():
                self._read_wake(connection)

    @Slot()
    def _on_connection_ready_read(self) -> None:
        connection = self.sender()
        if isinstance(connection, QLocalSocket):
            self._read_wake(connection)

    def _read_wake(self, connection: QLocalSocket) -> None:
        if bytes(connection.readAll().data()).startswith(_WAKE.strip()):
            self.activation_requested.emit()
