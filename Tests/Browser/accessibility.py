"""Every kind of page, checked by axe: no violation of serious or critical impact."""

import os
import unittest

import axe_selenium_python

from desk import ADMIN, CLERK, STALLED, SUPERVISOR, TYPO_REFERENCE, Shared

AXE_SCRIPT = os.path.join(os.path.dirname(axe_selenium_python.__file__), "node_modules", "axe-core", "axe.min.js")
BLOCKING = ("serious", "critical")

# (what, who, path, its status, an element that shows it is the page meant).
PAGES = [
    ("the dashboard", SUPERVISOR, "/", 200, "#stalled-heading"),
    ("a request page", SUPERVISOR, f"/requests/{STALLED}", 200, "form#reply-form"),
    ("a letter preview", SUPERVISOR, f"/requests/{TYPO_REFERENCE}/letter", 200, "a#letter-open"),
    ("the letters register", SUPERVISOR, "/letters", 200, "main h1"),
    ("the brief", SUPERVISOR, "/engagements/NODA-BEIJING-2011/brief", 200, "h1"),
    ("the stall report", SUPERVISOR, "/reports/stall", 200, "h1"),
    ("the requests list", CLERK, "/requests", 200, "table#requests-table"),
    ("search results", CLERK, "/search?q=MHI", 200, "ul#search-results"),
    ("the engagements", CLERK, "/engagements", 200, "table#engagements-table"),
    ("a case", CLERK, "/cases/MHI-2011", 200, "main h1"),
    ("a new request", CLERK, "/requests/new", 200, "form#request-form"),
    ("one's own account", CLERK, "/account", 200, "form#password-form"),
    ("a refusal", CLERK, "/requests/NO-SUCH-REQUEST", 404, "p.refusal"),
    ("the accounts page", ADMIN, "/users", 200, "table#users-table"),
]


class Accessibility(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(AXE_SCRIPT, encoding="utf-8") as script:
            cls.axe = script.read()

    def violations(self, page):
        """Runs axe on the page in the browser and returns its serious and critical findings, readably."""
        page.driver.execute_script(self.axe)
        results = page.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(done, e => done({error: String(e)}));")
        self.assertNotIn("error", results, f"axe failed on {page.driver.current_url}")
        found = []
        for violation in results["violations"]:
            if violation["impact"] in BLOCKING:
                targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
                found.append(f"{violation['impact']} {violation['id']}: {violation['help']} ({targets})")
        return found

    def test_the_sign_in_page_and_its_refusal(self):
        page = Shared.page()
        page.open("/signin")
        self.assertTrue(page.has("form.signin"))
        self.assertEqual(self.violations(page), [])
        page.sign_in(CLERK, password="not the clerk's password")
        self.assertTrue(page.has("p#signin-error"))
        self.assertEqual(self.violations(page), [])

    def test_every_page_of_the_desk(self):
        page = Shared.page()
        signed_in_as = None
        for what, account, path, status, proof in PAGES:
            with self.subTest(page=what):
                if account is not signed_in_as:
                    page.signed_in(account)
                    signed_in_as = account
                self.assertEqual(page.open(path), status, f"{path}: {page.text('main')[:300]}")
                self.assertTrue(page.has(proof), f"{path} is not {what}: {page.text('main')[:300]}")
                self.assertEqual(self.violations(page), [], f"{what} ({path})")

    def test_the_refusal_of_a_forged_form(self):
        page = Shared.page().signed_in(CLERK)
        page.open(f"/requests/{STALLED}")
        page.driver.execute_script("document.querySelector('form#follow-up-form input[name=csrf]').remove()")
        self.assertEqual(page.submit("form#follow-up-form"), 403)
        self.assertEqual(self.violations(page), [])
