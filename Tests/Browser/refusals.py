"""What the desk refuses: a form without its token, the tenth wrong password, an idle session."""

import time
import unittest

from desk import CLERK, STALLED, SUPERVISOR, TODAY, Shared

FORGED = "This form has expired or did not come from Comity"


class FormToken(unittest.TestCase):
    def test_a_form_sent_without_its_token_is_refused(self):
        page = Shared.page().signed_in(CLERK)
        self.assertEqual(page.open(f"/requests/{STALLED}"), 200)
        summary = "A reply that must not be recorded, sent without the form's token."
        page.fill("form#reply-form [name=date]", TODAY)
        page.fill("form#reply-form [name=summary]", summary)
        page.driver.execute_script("document.querySelector('form#reply-form input[name=csrf]').remove()")
        self.assertEqual(page.submit("form#reply-form"), 403)
        self.assertIn(FORGED, page.text("main"))

        self.assertEqual(page.open(f"/requests/{STALLED}"), 200)
        self.assertNotIn(summary, page.text("main"), "the refused reply was not recorded")

    def test_a_post_from_outside_the_pages_needs_the_token_too(self):
        page = Shared.page().signed_in(CLERK)
        fields = {"date": TODAY, "kind": "partial-results", "summary": "Posted with the cookie alone."}
        status, body = page.fetch(f"/requests/{STALLED}/replies", fields)
        self.assertEqual(status, 403)
        self.assertIn(FORGED, body)
        status, body = page.fetch(f"/requests/{STALLED}/replies", dict(fields, csrf="0" * 64))
        self.assertEqual(status, 403, "a made-up token is refused as well")


class Throttle(unittest.TestCase):
    def test_the_tenth_wrong_password_is_throttled(self):
        page = Shared.page(Shared.own_server())
        statuses = []
        for attempt in range(1, 11):
            statuses.append(page.sign_in(SUPERVISOR, password=f"wrong password number {attempt}"))
            self.assertEqual(page.path(), "/signin")
            if attempt == 1:
                self.assertIn("password is wrong", page.text("p#signin-error"))
        self.assertEqual(statuses[0], 401, statuses)
        self.assertEqual(statuses[-1], 429, statuses)
        self.assertIn("Too many failed sign-ins", page.text("p#signin-error"))
        self.assertEqual(page.sign_in(SUPERVISOR), 429, "while throttled, even the right password waits")
        self.assertEqual(page.path(), "/signin")


class Expiry(unittest.TestCase):
    IDLE_SECONDS = 4

    def test_an_idle_session_expires(self):
        page = Shared.page(Shared.own_server(idle_seconds=self.IDLE_SECONDS))
        page.signed_in(CLERK)
        time.sleep(self.IDLE_SECONDS + 1.5)
        page.driver.get_log("performance")
        page.driver.refresh()
        self.assertEqual(page.path(), "/signin")
        self.assertIn("Your session has expired", page.text("main"))
        self.assertFalse(page.has("header nav"), "no one is signed in any more")
