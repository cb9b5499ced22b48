#!/usr/bin/env python3
"""Screenshots of the panel server's pages for docs/server.md: the browser test's walk through the
Essex sample (tests/server/browser.py), keeping a PNG of each page it names to
docs/images/server-<page>.png, each the whole page at 1280 pixels wide. Run by
`make docs-server-images`.

server-docs-images.py TOOL ROOT
"""
import base64
import os
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "server"))
import browser  # noqa: E402
import harness  # noqa: E402

WIDTH = 1280
MAX_HEIGHT = 1800


def main():
    tool, root = sys.argv[1], sys.argv[2]
    images = os.path.join(root, "docs", "images")
    os.makedirs(images, exist_ok=True)
    kept = []

    def shoot(page, name):
        driver = page.driver
        metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        height = min(int(metrics["cssContentSize"]["height"]), MAX_HEIGHT)  # a long page: its top
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": WIDTH, "height": height, "scale": 1}})
        target = os.path.join(images, "server-%s.png" % name)
        with open(target, "wb") as out:
            out.write(base64.b64decode(shot["data"]))
        kept.append(target)

    os.environ["TZ"] = "UTC"
    os.environ["LC_ALL"] = "C"
    with tempfile.TemporaryDirectory(prefix="tenderscore-server-images-") as scratch:
        stores = harness.Stores("sqlite", scratch)
        try:
            browser.walk(tool, root, stores, scratch, shoot)
        except harness.Failure as failure:
            print("FAILED:", failure)
            return 1
        finally:
            for process in harness.STARTED:
                if process.poll() is None:
                    process.kill()
                    process.wait(30)
    for target in kept:
        print(os.path.relpath(target, root))
    return 0


if __name__ == "__main__":
    sys.exit(main())
