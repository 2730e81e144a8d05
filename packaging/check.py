"""Check a Linux build: build it, start it, look inside the .deb, validate the metadata.

    uv run python packaging/check.py [--no-build]

Not part of `uv run pytest` (a build takes minutes). Steps, each reported:
1. `packaging/build.py` (unless --no-build): onedir, tarball and .deb within budget.
2. The bundle holds the migrations and resources (a missing migrations folder is the
   classic broken build), and no test tools or other database drivers.
3. `dist/hearth/hearth --smoke` on a fresh HEARTH_HOME exits 0 and creates a healthy
   database (checked with the project's own hearth-cli).
4. The .deb: its control fields, and that it installs the app to /opt/hearth, the command
   /usr/bin/hearth, the .desktop file, the metainfo and hicolor icons — all under one id.
5. `desktop-file-validate` and `appstreamcli validate --no-net` on the shipped files.
Exit code 0 when everything passes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
APP_ID = "org.hearth.Hearth"

problems: list[str] = []


def check(ok: bool, what: str) -> None:
    print(f"  {'ok  ' if ok else 'FAIL'}  {what}", flush=True)
    if not ok:
        problems.append(what)


def run(*command, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, **kwargs)


def main(argv: list[str]) -> int:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["version"]
    if "--no-build" not in argv:
        print("Building (packaging/build.py)…", flush=True)
        built = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py")])
        check(built.returncode == 0, "build.py built every artefact within budget")
        if built.returncode != 0:
            return 1

    print("The bundle:")
    internal = DIST / "hearth" / "_internal"
    executable = DIST / "hearth" / "hearth"
    check(executable.is_file() and os.access(executable, os.X_OK), "dist/hearth/hearth")
    versions = sorted((internal / "app" / "persistence" / "migrations" / "versions").glob(
        "*.py"))
    shipped = sorted((ROOT / "app" / "persistence" / "migrations" / "versions").glob("*.py"))
    check([v.name for v in versions] == [v.name for v in shipped] and bool(shipped),
          f"all {len(shipped)} migration scripts and env.py are bundled")
    check((internal / "app" / "persistence" / "migrations" / "env.py").is_file(),
          "the migrations' env.py is bundled")
    for resource in ("icons/hearth.svg", "styles/hearth.qss", "fonts/DejaVuSans.ttf",
                     "fonts/NotoColorEmoji.ttf", "fonts/OFL-NotoEmoji.txt"):
        check((internal / "resources" / resource).is_file(), f"resources/{resource}")
    names = {p.name.lower() for p in internal.iterdir()}
    for unwanted in ("pytest", "hypothesis", "psycopg2", "pymysql", "tkinter", "pyqt5",
                     "pyqt6"):
        check(not any(n.startswith(unwanted) for n in names), f"no {unwanted}")
    backends = internal / "matplotlib" / "backends"
    check(not (backends / "backend_tkagg.py").exists(), "matplotlib without the Tk backend")

    print("A start from the bundle:")
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "HEARTH_HOME": home, "QT_QPA_PLATFORM": "offscreen"}
        env.pop("MPLCONFIGDIR", None)
        started = run(executable, "--smoke", env=env, timeout=180)
        check(started.returncode == 0 and "painted" in started.stdout,
              f"hearth --smoke exits 0 on a fresh data folder ({started.stdout.strip()}"
              f"{started.stderr.strip()[-300:]})")
        healthy = run("uv", "run", "hearth-cli", "--data-dir", home, "check", cwd=ROOT)
        check(healthy.returncode == 0, "its new database passes hearth-cli check")

    print("The .deb:")
    deb = DIST / f"hearth_{version}_amd64.deb"
    check(deb.is_file(), deb.name)
    if deb.is_file():
        fields = run("dpkg-deb", "--field", deb, "Package", "Version", "Depends").stdout
        check(f"Version: {version}" in fields and "libxcb-cursor0" in fields,
              "control: version and the system libraries Qt needs")
        with tempfile.TemporaryDirectory() as root:
            run("dpkg-deb", "-x", deb, root, check=True)
            root_path = Path(root)
            expected = [
                "opt/hearth/hearth",
                "opt/hearth/_internal/app/persistence/migrations/env.py",
                f"usr/share/applications/{APP_ID}.desktop",
                f"usr/share/metainfo/{APP_ID}.metainfo.xml",
                f"usr/share/icons/hicolor/256x256/apps/{APP_ID}.png",
                f"usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg",
            ]
            for entry in expected:
                check((root_path / entry).exists(), f"installs /{entry}")
            link = root_path / "usr" / "bin" / "hearth"
            check(link.is_symlink() and os.readlink(link) == "/opt/hearth/hearth",
                  "/usr/bin/hearth → /opt/hearth/hearth")
            desktop = root_path / "usr" / "share" / "applications" / f"{APP_ID}.desktop"
            metainfo = root_path / "usr" / "share" / "metainfo" / f"{APP_ID}.metainfo.xml"
            if desktop.exists():
                text = desktop.read_text(encoding="utf-8")
                check(f"Icon={APP_ID}" in text and "Exec=hearth" in text,
                      "the .desktop file names the icon by the app id and runs hearth")
            validators = (("desktop-file-validate", desktop),
                          ("appstreamcli", "validate", "--no-net", metainfo))
            for tool, *args in validators:
                if shutil.which(tool) is None:
                    check(False, f"{tool} is installed (apt-get install "
                                 f"{'desktop-file-utils' if 'desktop' in tool else tool})")
                    continue
                result = run(tool, *args)
                check(result.returncode == 0, f"{tool} {' '.join(map(str, args[:-1]))} "
                      f"passes {result.stdout.strip()[-200:]}{result.stderr.strip()[-200:]}")

    print()
    if problems:
        print(f"{len(problems)} problem(s).")
        return 1
    print("Everything checks out.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
