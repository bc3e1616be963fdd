"""A person cleared for confidential never meets the planted secret request, wherever they go."""

import collections
import unittest
import urllib.parse

from desk import CLERK, SECRET_REFERENCE, SECRET_TEXTS, SUPERVISOR, Shared

# Enough for every page the demo world links to, with room for what the desk grows into.
MOST_PAGES = 250


def leaks(source):
    """The planted words found in a page's HTML (attributes and hidden parts included)."""
    lowered = source.lower()
    return [text for text in SECRET_TEXTS if text.lower() in lowered]


class Clearance(unittest.TestCase):
    def test_the_planted_secret_is_there_for_those_cleared(self):
        page = Shared.page().signed_in(SUPERVISOR)
        self.assertEqual(page.open(f"/requests/{SECRET_REFERENCE}"), 200)
        self.assertEqual(leaks(page.driver.page_source), list(SECRET_TEXTS),
                         "a supervisor cleared for secret sees the planted request whole (else the crawl proves nothing)")

    def test_a_confidential_clerk_never_meets_it_following_every_link(self):
        page = Shared.page().signed_in(CLERK)
        origin = urllib.parse.urlsplit(page.server.base).netloc
        queue = collections.deque(["/"])
        seen = {"/"}
        visited = []
        while queue and len(visited) < MOST_PAGES:
            path = queue.popleft()
            page.open(path)
            visited.append(path)
            self.assertEqual(leaks(page.driver.page_source), [], f"{path} shows the secret request to a confidential clerk")
            self.assertNotEqual(page.path(), "/signin", f"{path} signed the clerk out")
            for link in page.driver.execute_script("return Array.from(document.querySelectorAll('a[href]'), a => a.href)"):
                parts = urllib.parse.urlsplit(link)
                if parts.scheme not in ("http", "https") or parts.netloc != origin or parts.path.startswith("/static/"):
                    continue
                target = parts.path + ("?" + parts.query if parts.query else "")
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
        self.assertTrue(any(path.startswith("/requests/JP-") for path in visited), f"the crawl reached no request page: {visited}")
        self.assertGreaterEqual(len(visited), 8, f"the crawl reached only {visited}")

    def test_nor_by_asking_for_it_directly(self):
        page = Shared.page().signed_in(CLERK)
        for path in (f"/requests/{SECRET_REFERENCE}", f"/requests/{SECRET_REFERENCE}/letter", f"/api/requests/{SECRET_REFERENCE}",
                     "/requests?stalled=1", "/requests?counterpart=CN", "/reports/stall", "/cases/MHI-2011", "/api/requests"):
            with self.subTest(path=path):
                page.open(path)
                self.assertEqual(leaks(page.driver.page_source), [], f"{path} shows the secret request")

    def test_nor_by_searching_for_its_words(self):
        # The page echoes what was typed; apart from that, searching for the secret request's
        # words or reference must look exactly like searching for words no record has.
        page = Shared.page().signed_in(CLERK)
        for secret, nothing in ((SECRET_TEXTS[0], "Zyzzyva-Nonesuch ledger"), (SECRET_REFERENCE, "JP-MHI-2011-099")):
            with self.subTest(query=secret):
                answers = []
                for query in (secret, nothing):
                    status = page.open("/search?q=" + urllib.parse.quote(query))
                    answers.append((status, page.text("main").replace(query, "QUERY")))
                self.assertEqual(answers[0], answers[1], f"searching for {secret!r} tells the secret request apart")
