"""PyInstaller runtime hook: give matplotlib a persistent per-user cache.

Without it, a frozen app's matplotlib uses a fresh temporary folder on every start and
rebuilds its font cache there (about a second). Runs before any of Hearth's code.
"""

import os

if "MPLCONFIGDIR" not in os.environ:
    try:
        from platformdirs import user_cache_path

        folder = user_cache_path("Hearth", appauthor=False) / "matplotlib"
        folder.mkdir(parents=True, exist_ok=True)
        os.environ["MPLCONFIGDIR"] = str(folder)
    except OSError:
        pass  # matplotlib falls back to a temporary folder: slower, still fine
