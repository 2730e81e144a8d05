"""The bundled app's entry point: ui.main, as the ``hearth`` command runs it."""

import sys

from ui.main import main

if __name__ == "__main__":
    sys.exit(main())
