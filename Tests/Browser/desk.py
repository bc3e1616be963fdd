"""A desk to test in a browser: a demo database with three accounts, a planted secret request,
`comity serve` on a free loopback port, and headless Chromium signed in as one of the accounts.

Read by the other modules of this folder; `run.py` runs them. The built `comity` is
$COMITY_BINARY, the repository $COMITY_ROOT.
"""

import ctypes
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from paths import BINARY, CHROMEDRIVER, CHROMIUM, ROOT

TODAY = "2011-11-28"

# Generous waits: the machines these run on can be very busy. Nothing is timed; a wait only
# stops a test that would otherwise hang.
WAIT = 60

# The accounts: (name, role, clearance, password).
ADMIN = ("admin", "administrator", "secret", "an administrator's passphrase")
SUPERVISOR = ("sato", "supervisor", "secret", "a supervisor's passphrase")
CLERK = ("tanaka", "clerk", "confidential", "a clerk's long passphrase")

# The planted secret request: none of its words may reach the clerk, who is cleared for confidential.
SECRET_REFERENCE = "JP-MHI-2011-077"
SECRET_TEXTS = ("Quokka-Heliotrope ledger", "Vellichor cipher notebook", "Marmalade-Obsidian")

# The demo request that is stalled on the demo's date.
STALLED = "JP-MHI-2011-001"

# A restricted request planted beside it, with a typo to correct and letters to issue.
TYPO_REFERENCE = "JP-MHI-2011-002"
TYPO_SUBJECT = "Access logs of the relay servesr in Shandong"


def comity(*arguments, db, stdin=None):
    """Runs the built comity as the database file's owner; returns its stdout or raises with its output."""
    result = subprocess.run([BINARY, *arguments, "--db", db], input=stdin, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise AssertionError(f"comity {' '.join(arguments)} exited {result.returncode}:\n{result.stdout}{result.stderr}")
    return result.stdout


class World:
    """The demo database with the three accounts and, when asked, the planted requests."""

    def __init__(self, plant=True):
        self.folder = tempfile.mkdtemp(prefix="comity-browser-")
        self.db = os.path.join(self.folder, "desk.sqlite")
        comity("demo", "--today", TODAY, db=self.db)
        for name, role, clearance, password in (ADMIN, SUPERVISOR, CLERK):
            comity("user", "add", name, "--role", role, "--clearance", clearance, "--password-stdin",
                   "--today", TODAY, db=self.db, stdin=password + "\n")
        if plant:
            comity("request", "add", TYPO_REFERENCE, "--case", "MHI-2011", "--from", "JP-NPSC", "--to", "CN-MPS",
                   "--channel", "central-authority", "--subject", TYPO_SUBJECT, "--classification", "restricted",
                   "--sent", "2011-09-01", "--today", TODAY, db=self.db)
            comity("request", "add", SECRET_REFERENCE, "--case", "MHI-2011", "--from", "JP-NPSC", "--to", "CN-MPS",
                   "--channel", "central-authority", "--subject", SECRET_TEXTS[0] + " of the relay operators",
                   "--item", SECRET_TEXTS[1], "--note", SECRET_TEXTS[2] + " source", "--classification", "secret",
                   "--sent", "2011-10-03", "--today", TODAY, db=self.db)

    def copy(self):
        """A second database like this one, for a server whose tests must not disturb the others."""
        other = World.__new__(World)
        other.folder = tempfile.mkdtemp(prefix="comity-browser-")
        other.db = os.path.join(other.folder, "desk.sqlite")
        shutil.copy2(self.db, other.db)
        return other

    def remove(self):
        shutil.rmtree(self.folder, ignore_errors=True)


def _end_with_parent():
    """In a child's process before it starts (a server, chromedriver): SIGTERM it when the tests'
    process ends, however that ends, so that nothing outlives an interrupted run."""
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class Server:
    """`comity serve` on a free loopback port, stopped with SIGTERM."""

    def __init__(self, world, idle_seconds=1800):
        self.log = open(os.path.join(world.folder, f"serve-{time.monotonic_ns()}.log"), "w+")
        self.process = subprocess.Popen(
            [BINARY, "serve", "--db", world.db, "--port", "0", "--today", TODAY,
             "--templates", os.path.join(ROOT, "templates"), "--idle-seconds", str(idle_seconds)],
            stdout=subprocess.DEVNULL, stderr=self.log, preexec_fn=_end_with_parent)
        self.base = self._wait_for_address()

    def _wait_for_address(self):
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            self.log.seek(0)
            found = re.search(r"serving .* at (http://127\.0\.0\.1:\d+)/", self.log.read())
            if found:
                return found.group(1)
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        self.log.seek(0)
        raise AssertionError(f"comity serve did not start:\n{self.log.read()}")

    def url(self, path):
        return self.base + path

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def browser():
    """Headless Chromium, 1280 pixels wide, recording the status of every page it loads."""
    options = Options()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900", "--lang=en-US", "--no-first-run", "--disable-extensions"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER, popen_kw={"preexec_fn": _end_with_parent}))
    driver.set_page_load_timeout(WAIT)
    driver.set_script_timeout(WAIT)
    return driver


class Page:
    """One browser on one server: opening pages, submitting forms and reading what came back."""

    def __init__(self, server, driver=None):
        self.server = server
        self.driver = driver or browser()
        self.owns_driver = driver is None

    def close(self):
        if self.owns_driver:
            self.driver.quit()

    # Navigation.

    def open(self, path):
        """Opens a page of the server and returns the status of the document that was shown."""
        self.driver.get_log("performance")
        self.driver.get(self.server.url(path))
        return self.status()

    def submit(self, form_selector, button=None):
        """Submits a form by its button, as a person would, and waits for the next page."""
        form = self.find(form_selector)
        self._mark_document()
        self.driver.get_log("performance")
        (form.find_element(By.CSS_SELECTOR, button) if button else form.find_element(By.CSS_SELECTOR, "button[type=submit], button:not([type])")).click()
        return self._wait_for_next_document()

    def _mark_document(self):
        self.driver.execute_script("document.documentElement.dataset.comityBefore = 'yes'")

    def _wait_for_next_document(self):
        """Waits until the marked document is gone and the next one has loaded; returns its status."""
        WebDriverWait(self.driver, WAIT, ignored_exceptions=(WebDriverException,)).until(lambda driver: driver.execute_script(
            "return document.readyState === 'complete' && document.documentElement.dataset.comityBefore === undefined"))
        return self.status()

    def status(self):
        """The HTTP status of the last document the browser received (from its network log)."""
        status = None
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.responseReceived" and message["params"]["type"] == "Document":
                status = message["params"]["response"]["status"]
        return status

    # Reading.

    def find(self, selector):
        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def find_all(self, selector):
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def has(self, selector):
        return len(self.find_all(selector)) > 0

    def text(self, selector="body"):
        return self.find(selector).text

    def path(self):
        return urllib.parse.urlsplit(self.driver.current_url).path

    # Forms.

    def fill(self, selector, value):
        field = self.find(selector)
        if field.tag_name == "select":
            options = [option for option in Select(field).options if value in (option.get_attribute("value"), option.text)]
            if not options:
                raise AssertionError(f"{selector} offers no {value!r}")
            options[0].click()
        elif field.get_attribute("type") == "date":
            # A date field takes typing in the browser's locale; set the ISO value as a date picker would.
            self.driver.execute_script("arguments[0].value = arguments[1]", field, value)
        else:
            field.clear()
            field.send_keys(value)

    def csrf(self):
        """The session's form token, from any form of the page."""
        return self.find("input[name=csrf]").get_attribute("value")

    def post(self, path, fields):
        """Posts fields to a path from the page, as a form of the page would, and returns the status."""
        self._mark_document()
        self.driver.get_log("performance")
        self.driver.execute_script("""
            const form = document.createElement('form');
            form.method = 'post';
            form.action = arguments[0];
            for (const [name, value] of arguments[1]) {
                const input = document.createElement('input');
                input.type = 'hidden'; input.name = name; input.value = value;
                form.appendChild(input);
            }
            document.body.appendChild(form);
            form.submit();
        """, path, [[name, value] for name, value in fields])
        return self._wait_for_next_document()

    def fetch(self, path, data=None):
        """A request outside the browser with the browser's cookies: (status, body)."""
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in self.driver.get_cookies())
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.server.url(path), data=body, headers={"Cookie": cookies})
        try:
            with urllib.request.urlopen(request, timeout=WAIT) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    # Accounts.

    def sign_in(self, account, password=None):
        """Signs in through the sign-in page; returns the status of the page that followed."""
        name, _, _, right = account
        self.driver.delete_all_cookies()
        self.open("/signin")
        self.fill("#name", name)
        self.fill("#password", password if password is not None else right)
        return self.submit("form.signin")

    def signed_in(self, account):
        """Signs in and checks that the dashboard came back."""
        status = self.sign_in(account)
        if status != 200 or self.path() != "/":
            raise AssertionError(f"signing in as {account[0]} ended on {self.driver.current_url} with {status}: {self.text()[:400]}")
        return self


class Shared:
    """What most tests share, made once on first use: the world with the planted secret, its
    server and one browser. `close()` stops them at the end of the run."""

    _world = _server = _driver = None
    _others = []

    @classmethod
    def world(cls):
        if cls._world is None:
            cls._world = World(plant=True)
        return cls._world

    @classmethod
    def server(cls):
        if cls._server is None:
            cls._server = Server(cls.world())
        return cls._server

    @classmethod
    def driver(cls):
        if cls._driver is None:
            cls._driver = browser()
        return cls._driver

    @classmethod
    def page(cls, server=None):
        """The shared browser on the shared server (or another), with no one signed in."""
        page = Page(server or cls.server(), cls.driver())
        page.driver.set_window_size(1280, 900)
        page.open("/signin")
        page.driver.delete_all_cookies()
        return page

    @classmethod
    def own_server(cls, plant=True, idle_seconds=1800):
        """A server on a copy of the shared world (or a fresh demo world), for tests that would
        disturb the others: a throttled address, a short idle time, the README's screenshots."""
        world = cls.world().copy() if plant else World(plant=False)
        server = Server(world, idle_seconds=idle_seconds)
        cls._others.append((server, world))
        return server

    @classmethod
    def close(cls):
        if cls._driver is not None:
            cls._driver.quit()
        for server, world in cls._others + ([(cls._server, cls._world)] if cls._world else []):
            if server is not None:
                server.stop()
            world.remove()
        cls._world = cls._server = cls._driver = None
        cls._others = []
