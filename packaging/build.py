"""Build Hearth for the OS this runs on, into dist/.

    uv run python packaging/build.py

1. A clean environment in build/venv with only Hearth's runtime dependencies and
   PyInstaller, exactly as pinned in uv.lock (nothing from the development environment,
   so no unrelated database drivers or test tools end up in the bundle).
2. PyInstaller with packaging/hearth.spec → dist/hearth/ (onedir; on macOS dist/Hearth.app).
3. Per OS:
   - Linux: dist/hearth-<version>-linux-x86_64.tar.gz and dist/hearth_<version>_amd64.deb
     (dpkg-deb; /opt/hearth, /usr/bin/hearth, the .desktop file, AppStream metainfo and
     hicolor icons).
   - Windows: dist/hearth-<version>-setup.exe from packaging/windows/hearth.nsi (NSIS's
     makensis must be on PATH).
   - macOS: dist/Hearth-<version>.dmg (hdiutil). Signing and notarization run only when
     HEARTH_MACOS_SIGN_IDENTITY (and, for notarization, HEARTH_MACOS_NOTARY_PROFILE, a
     `xcrun notarytool store-credentials` profile) are set.
4. Prints the size of every artefact and fails if a Linux budget is exceeded.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
BUILD = ROOT / "build"
DIST = ROOT / "dist"
APP_ID = "org.hearth.Hearth"
MB = 1024 * 1024
BUDGETS = {"onedir": 280 * MB, "deb": 90 * MB}  # Linux
# The system libraries Qt's xcb platform plugin and fonts need (Debian/Ubuntu names).
DEB_DEPENDS = (
    "libc6, libstdc++6, libegl1, libgl1, libfontconfig1, libfreetype6, libdbus-1-3, "
    "libglib2.0-0 | libglib2.0-0t64, libxkbcommon0, libxkbcommon-x11-0, libx11-xcb1, "
    "libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, "
    "libxcb-randr0, libxcb-render-util0, libxcb-shape0, libxcb-xfixes0, libxcb-xinerama0, "
    "libxcb-xkb1"
)


def version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["version"]


def run(*command: str | Path, **kwargs) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    subprocess.run([str(part) for part in command], check=True, **kwargs)


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def clean_environment() -> Path:
    """build/venv with the locked runtime dependencies, PyInstaller and Hearth itself."""
    venv = BUILD / "venv"
    shutil.rmtree(venv, ignore_errors=True)
    BUILD.mkdir(exist_ok=True)
    requirements = BUILD / "requirements.txt"
    run("uv", "export", "--frozen", "--no-dev", "--group", "packaging", "--no-emit-project",
        "--no-hashes", "--output-file", requirements, cwd=ROOT)
    run("uv", "venv", "--python", sys.executable, venv)
    python = venv_python(venv)
    run("uv", "pip", "install", "--python", python, "-r", requirements)
    run("uv", "pip", "install", "--python", python, "--no-deps", ROOT)
    return python


def pyinstaller(python: Path) -> None:
    shutil.rmtree(DIST, ignore_errors=True)
    run(python, "-m", "PyInstaller", "--noconfirm", "--clean", "--distpath", DIST,
        "--workpath", BUILD / "pyinstaller", PACKAGING / "hearth.spec", cwd=ROOT)


def drop_python_debug_info() -> None:
    """Some Pythons (e.g. pyenv builds) ship libpython with its debug information — about
    18 MB nobody needs. Only that one library loses its debug sections; nothing is stripped
    otherwise (PyInstaller's strip would break numpy's bundled libraries)."""
    strip = shutil.which("strip")
    for library in (DIST / "hearth" / "_internal").glob("libpython3*.so*"):
        if strip and not library.is_symlink():
            run(strip, "--strip-debug", library)


def folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and
               not f.is_symlink())


# -- Linux -----------------------------------------------------------------------------------


def linux_tarball(ver: str) -> Path:
    target = DIST / f"hearth-{ver}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(target, "w:gz") as tar:
        tar.add(DIST / "hearth", arcname=f"hearth-{ver}")
    return target


def linux_deb(ver: str) -> Path:
    arch = {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())
    stage = BUILD / "deb"
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(DIST / "hearth", stage / "opt" / "hearth", symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    (stage / "usr" / "bin" / "hearth").symlink_to("/opt/hearth/hearth")
    share = stage / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy2(PACKAGING / "linux" / f"{APP_ID}.desktop", share / "applications")
    (share / "metainfo").mkdir(parents=True)
    shutil.copy2(PACKAGING / "linux" / f"{APP_ID}.metainfo.xml", share / "metainfo")
    for png in sorted((PACKAGING / "icons" / "png").glob("*.png")):
        size = png.stem
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copy2(png, folder / f"{APP_ID}.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy2(ROOT / "resources" / "icons" / "hearth.svg", scalable / f"{APP_ID}.svg")
    control = stage / "DEBIAN"
    control.mkdir()
    installed_kb = folder_size(stage) // 1024
    (control / "control").write_text(
        f"Package: hearth\n"
        f"Version: {ver}\n"
        f"Architecture: {arch}\n"
        f"Maintainer: Hearth <hearth@localhost>\n"
        f"Installed-Size: {installed_kb}\n"
        f"Depends: {DEB_DEPENDS}\n"
        f"Section: misc\n"
        f"Priority: optional\n"
        f"Description: a calm app two partners use together\n"
        f" Hearth helps a couple look after their relationship and plan their shared\n"
        f" life at one computer: check-ins, shared goals and values, planned quality\n"
        f" time, guided conflict worksheets and trends. No account, no network.\n",
        encoding="utf-8")
    for path in stage.rglob("*"):  # root-owned, readable by everyone, as packages are
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() or os.access(path, os.X_OK) else 0o644)
    target = DIST / f"hearth_{ver}_{arch}.deb"
    run("dpkg-deb", "--root-owner-group", "-Zxz", "--build", stage, target)
    return target


# -- Windows and macOS -----------------------------------------------------------------------


def windows_installer(ver: str) -> Path:
    makensis = shutil.which("makensis") or next(
        (str(p) for p in (Path(os.environ.get(v, "")) / "NSIS" / "makensis.exe"
                          for v in ("ProgramFiles(x86)", "ProgramFiles")) if p.is_file()), None)
    if makensis is None:
        raise SystemExit("NSIS's makensis isn't on PATH (choco install nsis).")
    target = DIST / f"hearth-{ver}-setup.exe"
    numbers = [int(n) for n in re.findall(r"\d+", ver)[:4]]
    four_part = ".".join(str(n) for n in numbers + [0] * (4 - len(numbers)))
    run(makensis, f"-DVERSION={ver}", f"-DVERSION4={four_part}",
        f"-DDIST={DIST / 'hearth'}", f"-DOUTFILE={target}",
        f"-DICON={PACKAGING / 'icons' / 'hearth.ico'}", PACKAGING / "windows" / "hearth.nsi")
    return target


def macos_dmg(ver: str) -> Path:
    app = DIST / "Hearth.app"
    identity = os.environ.get("HEARTH_MACOS_SIGN_IDENTITY")
    if identity:
        run("codesign", "--force", "--deep", "--options", "runtime", "--timestamp",
            "--entitlements", PACKAGING / "macos" / "entitlements.plist", "--sign", identity,
            app)
    target = DIST / f"Hearth-{ver}-{platform.machine()}.dmg"
    stage = BUILD / "dmg"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    run("ditto", app, stage / "Hearth.app")  # keeps the signature's extended attributes
    (stage / "Applications").symlink_to("/Applications")
    for attempt in range(3):  # hdiutil is known to fail now and then with "Resource busy"
        try:
            run("hdiutil", "create", "-volname", "Hearth", "-srcfolder", stage, "-ov",
                "-format", "UDZO", target)
            break
        except subprocess.CalledProcessError:
            if attempt == 2:
                raise
    if identity:
        run("codesign", "--sign", identity, "--timestamp", target)
        profile = os.environ.get("HEARTH_MACOS_NOTARY_PROFILE")
        if profile:
            run("xcrun", "notarytool", "submit", target, "--keychain-profile", profile,
                "--wait")
            run("xcrun", "stapler", "staple", target)
    return target


def main() -> int:
    ver = version()
    python = clean_environment()
    pyinstaller(python)
    artefacts: list[tuple[str, Path, int]] = []
    onedir = DIST / ("Hearth.app" if sys.platform == "darwin" else "hearth")
    artefacts.append(("onedir", onedir, folder_size(onedir)))
    if sys.platform.startswith("linux"):
        drop_python_debug_info()
        artefacts[0] = ("onedir", onedir, folder_size(onedir))
        tarball = linux_tarball(ver)
        artefacts.append(("tarball", tarball, tarball.stat().st_size))
        deb = linux_deb(ver)
        artefacts.append(("deb", deb, deb.stat().st_size))
    elif sys.platform == "win32":
        setup = windows_installer(ver)
        artefacts.append(("installer", setup, setup.stat().st_size))
    elif sys.platform == "darwin":
        dmg = macos_dmg(ver)
        artefacts.append(("dmg", dmg, dmg.stat().st_size))
    over = []
    print("\nArtefacts:")
    for kind, path, size in artefacts:
        budget = BUDGETS.get(kind) if sys.platform.startswith("linux") else None
        note = f" (budget {budget // MB} MB)" if budget else ""
        print(f"  {size / MB:8.1f} MB  {path.relative_to(ROOT)}{note}")
        if budget and size > budget:
            over.append(kind)
    if over:
        print(f"Over budget: {', '.join(over)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
