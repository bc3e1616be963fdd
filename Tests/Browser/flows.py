"""The clerk's and the supervisor's everyday flows: signing in, recording a reply, correcting a typo."""

import unittest

from desk import CLERK, STALLED, SUPERVISOR, TODAY, TYPO_REFERENCE, TYPO_SUBJECT, Shared


class SignIn(unittest.TestCase):
    def test_signing_in_shows_the_dashboard_as_the_person(self):
        page = Shared.page()
        self.assertEqual(page.open("/"), 200)
        self.assertEqual(page.path(), "/signin", "a visitor is sent to the sign-in page")
        page.signed_in(CLERK)
        self.assertEqual(page.text("h1").split("\n")[0].split(" as of")[0], "Dashboard")
        self.assertIn("clerk, cleared for confidential", page.text("header"))

    def test_a_wrong_password_is_refused_beside_the_form(self):
        page = Shared.page()
        status = page.sign_in(SUPERVISOR, password="not the password at all")
        self.assertEqual(status, 401)
        self.assertEqual(page.path(), "/signin")
        self.assertIn("password is wrong", page.text("p#signin-error"))


class RecordAReply(unittest.TestCase):
    def test_a_full_reply_takes_the_request_off_the_stalled_list(self):
        page = Shared.page().signed_in(CLERK)
        stalled_link = f'ul.stalled-list a[href="/requests/{STALLED}"]'
        self.assertTrue(page.has(stalled_link), f"{STALLED} is stalled on the demo's date: {page.text('main')[:600]}")

        page.find(stalled_link).click()
        self.assertEqual(page.path(), f"/requests/{STALLED}")
        summary = "China sent the access logs of the three servers in Shandong."
        page.fill("form#reply-form [name=date]", TODAY)
        page.fill("form#reply-form [name=kind]", "full-results")
        page.fill("form#reply-form [name=summary]", summary)
        page.fill("form#reply-form [name=classification]", "restricted")
        self.assertEqual(page.submit("form#reply-form"), 200)
        self.assertEqual(page.path(), f"/requests/{STALLED}")
        self.assertFalse(page.has("p#form-refusal"), page.text("main")[:600])
        self.assertIn(summary, page.text("table#replies-table"))
        self.assertIn("full-results", page.text("table#replies-table"))

        self.assertEqual(page.open("/"), 200)
        self.assertFalse(page.has(stalled_link), f"{STALLED} is still in the stalled list: {page.text('main')[:600]}")


class CorrectATypo(unittest.TestCase):
    def test_a_correction_shows_in_the_timeline(self):
        page = Shared.page().signed_in(CLERK)
        self.assertEqual(page.open(f"/requests/{TYPO_REFERENCE}"), 200, page.text("main")[:400])
        self.assertEqual(page.text("p.subject"), TYPO_SUBJECT)
        fixed = TYPO_SUBJECT.replace("servesr", "servers")
        self.assertTrue(page.has("form#correct-form"), "the request page has a form to correct a field")
        page.fill("form#correct-form [name=field]", "subject")
        page.fill("form#correct-form [name=value]", fixed)
        page.fill("form#correct-form [name=reason]", "A typo in the subject")
        self.assertEqual(page.submit("form#correct-form"), 200)
        self.assertFalse(page.has("p#form-refusal"), page.text("main")[:600])
        self.assertEqual(page.text("p.subject"), fixed)
        timeline = page.text("ol#timeline")
        self.assertIn("corrected subject", timeline)
        self.assertIn(fixed, timeline)
