"""Letters: a supervisor previews and issues one; a clerk may preview but not issue."""

import unittest
import urllib.parse

from desk import CLERK, SUPERVISOR, TYPO_REFERENCE, Shared


class IssueALetter(unittest.TestCase):
    REFERENCE = TYPO_REFERENCE

    def preview(self, page):
        """Opens the request page and previews the recommended letter through its form."""
        self.assertEqual(page.open(f"/requests/{self.REFERENCE}"), 200)
        self.assertEqual(page.submit(f'form[action="/requests/{self.REFERENCE}/letter"]'), 200)
        self.assertEqual(page.path(), f"/requests/{self.REFERENCE}/letter")
        self.assertTrue(page.has("a#letter-open"), f"the preview links to the letter: {page.text('main')[:600]}")

    def test_a_supervisor_issues_and_a_clerk_is_refused(self):
        page = Shared.page().signed_in(SUPERVISOR)
        self.preview(page)
        self.assertTrue(page.has("form#issue-form"), "a supervisor may issue the letter")
        fields = [(field.get_attribute("name"), field.get_attribute("value"))
                  for field in page.find_all("form#issue-form [name]") if field.get_attribute("name") != "csrf"]
        issue_path = urllib.parse.urlsplit(page.find("form#issue-form").get_attribute("action")).path

        page.signed_in(CLERK)
        self.preview(page)
        self.assertFalse(page.has("form#issue-form"), "a clerk is offered no form to issue the letter")
        self.assertEqual(page.post(issue_path, fields + [("csrf", page.csrf())]), 403,
                         "a clerk's post, with a good form token, is refused")
        self.assertIn("Refused", page.text("h1"))
        self.assertEqual(page.open("/letters"), 200)
        self.assertNotIn(self.REFERENCE, page.text("main"), "the clerk's attempt issued nothing")

        page.signed_in(SUPERVISOR)
        self.preview(page)
        self.assertEqual(page.submit("form#issue-form"), 200)
        self.assertEqual(page.open("/letters"), 200)
        self.assertIn(self.REFERENCE, page.text("table#letters-table"))
