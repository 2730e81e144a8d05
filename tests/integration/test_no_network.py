"""No network, ever: a full start of Hearth with demo data — every view shown, charts drawn,
a backup, an export, a calendar file and a worksheet PDF made — opens no internet socket.

The run happens in a child process with an audit hook (PEP 578) that records every socket
created, connected, bound or sent from and every name looked up; local sockets (the single
instance's QLocalServer) are fine. On Linux, the sockets the process still holds at the end
are also checked against the kernel's list of internet sockets, which catches Qt's own C++
code as well.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

GUARDED_RUN = textwrap.dedent('''
    import json, os, socket, sys

    attempts = []
    LOCAL = {getattr(socket, "AF_UNIX", None)}

    def hook(event, args):
        if event == "socket.__new__" and args[1] not in LOCAL:
            attempts.append(f"{event} family={args[1]}")
        elif event in ("socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg"):
            if args[0].family not in LOCAL:
                attempts.append(f"{event} {args[1]!r}")
        elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
                       "socket.getnameinfo"):
            attempts.append(f"{event} {args[0]!r}")

    sys.addaudithook(hook)

    # The guard works: an internet socket is noticed (and then forgotten).
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.close()
    guard_works = bool(attempts)
    attempts.clear()

    from ui.main import main

    code = main(["--demo", "--smoke"])  # the whole start, as the couple gets it

    # Then every view with real data, the charts, and every file Hearth can write.
    import tempfile
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from app.paths import db_path
    from app.persistence.migrate import open_database
    from app.services import Services
    from app.services.demo import DemoService
    from ui.bus import DataBus
    from ui.main_window import MainWindow

    folder = Path(tempfile.mkdtemp(prefix="hearth-no-network-"))
    services = Services.over(open_database(db_path(folder)))
    DemoService(services.db).generate(years=1, seed=2)
    app = QApplication.instance()
    window = MainWindow(services, DataBus(), folder, remember=False)
    window.show()
    for spec in window._specs:
        window.show_view(spec.key)
        for _ in range(5):
            app.processEvents()
    services.backups.back_up("manual")
    services.transfer.export()
    services.ics.export()
    sheet = next(iter(services.worksheets.worksheets()), None)
    if sheet is not None:
        services.worksheets.pdf(sheet.id)
    window.close()

    internet_fds = []
    if sys.platform.startswith("linux"):
        inodes = set()
        for table in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6"):
            try:
                with open(f"/proc/net/{table}") as fh:
                    inodes |= {line.split()[9] for line in list(fh)[1:]}
            except OSError:
                pass
        for fd in os.listdir("/proc/self/fd"):
            try:
                target = os.readlink(f"/proc/self/fd/{fd}")
            except OSError:
                continue
            if target.startswith("socket:[") and target[8:-1] in inodes:
                internet_fds.append(target)
    services.close()
    print("RESULT " + json.dumps({"code": code, "guard_works": guard_works,
                                  "attempts": attempts, "internet_fds": internet_fds,
                                  "views": [s.key for s in window._specs]}))
''')


def test_a_full_start_with_demo_data_opens_no_internet_socket(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HEARTH_HOME": str(tmp_path / "home"),
           "PYTHONDONTWRITEBYTECODE": "1"}
    run = subprocess.run([sys.executable, "-c", GUARDED_RUN], env=env, capture_output=True,
                         text=True, timeout=300)
    lines = [line for line in run.stdout.splitlines() if line.startswith("RESULT ")]
    assert run.returncode == 0 and lines, run.stderr[-3000:]
    result = json.loads(lines[-1][len("RESULT "):])
    assert result["guard_works"], "the audit hook didn't notice a deliberate socket"
    assert result["code"] == 0
    assert {"home", "checkins", "trends", "settings"} <= set(result["views"])
    assert result["attempts"] == []
    assert result["internet_fds"] == []
