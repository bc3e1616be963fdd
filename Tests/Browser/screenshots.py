"""The pictures the README shows: the dashboard, a request page and the brief, as a supervisor
sees them on the demo world (without the planted requests), 1280 pixels wide, whole pages."""

import os
import struct
import unittest

from desk import ROOT, STALLED, SUPERVISOR, Shared

FOLDER = os.environ.get("COMITY_SCREENSHOTS") or os.path.join(ROOT, "docs", "screenshots")
WIDTH = 1280

SHOTS = [
    ("web-dashboard.png", "/", "table#stalled-table"),
    ("web-request.png", f"/requests/{STALLED}", "ol#timeline"),
    ("web-brief.png", "/engagements/NODA-BEIJING-2011/brief", "body"),
]


def png_size(path):
    """(width, height) from a PNG file's header."""
    with open(path, "rb") as file:
        header = file.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        raise AssertionError(f"{path} is not a PNG")
    return struct.unpack(">II", header[16:24])


class Screenshots(unittest.TestCase):
    def test_the_pictures_of_the_readme(self):
        page = Shared.page(Shared.own_server(plant=False)).signed_in(SUPERVISOR)
        os.makedirs(FOLDER, exist_ok=True)
        try:
            for name, path, proof in SHOTS:
                with self.subTest(picture=name):
                    self.assertEqual(page.open(path), 200, f"{path}: {page.text('body')[:300]}")
                    self.assertTrue(page.has(proof), f"{path} lacks {proof}")
                    self.assertNotIn("Refused", page.driver.title)
                    target = os.path.join(FOLDER, name)
                    self.whole_page(page, target)
                    width, height = png_size(target)
                    self.assertEqual(width, WIDTH, target)
                    self.assertGreaterEqual(height, 400, target)
        finally:
            page.driver.set_window_size(WIDTH, 900)

    @staticmethod
    def whole_page(page, target):
        """A screenshot of the whole page: the window made as tall as the document first."""
        driver = page.driver
        driver.set_window_size(WIDTH, 900)
        inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
        chrome_width, chrome_height = WIDTH - inner[0], 900 - inner[1]
        height = driver.execute_script("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)")
        driver.set_window_size(WIDTH + chrome_width, height + chrome_height)
        if not driver.save_screenshot(target):
            raise AssertionError(f"could not write {target}")
