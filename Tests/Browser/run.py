"""Runs the browser tests of the shared desk: `python3 Tests/Browser/run.py [MODULE[.Class[.test]] ...]`.

Needs the built comity ($COMITY_BINARY, else .build/debug/comity), Debian's chromium and
chromium-driver, and the PyPI packages selenium and axe-selenium-python (.ci/run installs them
all). Prints each test, then 'N passed, N failed'; exits 1 when a test failed, 2 when something
it needs is missing.
"""

import os
import shutil
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
MODULES = ["flows", "letters", "refusals", "clearance", "accessibility", "screenshots"]
PACKAGES = "selenium==4.50.0 axe-selenium-python==2.1.6"


def missing():
    """What the tests need and this machine lacks, as sentences."""
    problems = []
    try:
        import selenium  # noqa: F401
        import axe_selenium_python  # noqa: F401
    except ImportError as error:
        problems.append(f"{sys.executable} cannot import {error.name}; install it with "
                        f"'{sys.executable} -m pip install {PACKAGES}' (.ci/run does)")
    import paths
    if not os.access(paths.BINARY, os.X_OK):
        problems.append(f"there is no built comity at {paths.BINARY}; run 'swift build' or set COMITY_BINARY")
    for what, path, package in (("chromium", paths.CHROMIUM, "chromium"), ("chromedriver", paths.CHROMEDRIVER, "chromium-driver")):
        if not (path and os.access(path, os.X_OK)):
            problems.append(f"there is no {what}; install it with 'apt-get install {package}' (.ci/run does)")
    return problems


def main(names):
    sys.path.insert(0, HERE)
    problems = missing()
    if problems:
        print("The browser tests cannot run:\n  " + "\n  ".join(problems))
        return 2
    import desk
    started = time.monotonic()
    suite = unittest.defaultTestLoader.loadTestsFromNames(names or MODULES)
    try:
        result = unittest.TextTestRunner(stream=sys.stdout, verbosity=2).run(suite)
    finally:
        desk.Shared.close()
    # A test whose sub-tests failed counts once.
    failed = len({getattr(test, "test_case", test).id() for test, _ in result.failures + result.errors})
    print(f"The browser tests took {time.monotonic() - started:.0f} s.")
    print(f"browser: {result.testsRun - failed} passed, {failed} failed")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
