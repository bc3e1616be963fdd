"""Where the browser tests find comity, the repository, Chromium and its driver (no imports beyond
the standard library, so that run.py can say what is missing before anything else loads)."""

import os
import shutil

ROOT = os.environ.get("COMITY_ROOT") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("COMITY_BINARY") or os.path.join(ROOT, ".build", "debug", "comity")
CHROMIUM = os.environ.get("COMITY_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = os.environ.get("COMITY_CHROMEDRIVER") or shutil.which("chromedriver") or "/usr/bin/chromedriver"
