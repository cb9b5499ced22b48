"""The panel's pages in a real browser (headless Chromium through chromedriver, JavaScript off):
the whole life of the Essex sample through the pages only, with three evaluators, one recused from
a bid, one marking only some questions, a file rejected at opening, a moderation, a run, the
downloads and an approval. Asserted on the way: the run's results.json equals `tenderscore
evaluate` on the run's pack byte for byte; an evaluator meets no price and no other evaluator's
mark; a refused action shows the API's message with the API's status; an evaluator typing an admin
address gets 403; the auditor reads everything and has no form that changes anything; every form
field has a label and the keyboard reaches every submit button.

usage: browser.py TOOL ROOT sqlite|postgresql
(tests/tools/server-docs-images.py runs the same walk and keeps a screenshot of each page.)"""

import base64
import html
import html.parser
import http.client
import os
import shutil
import subprocess
import sys
import time
import urllib.parse

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from harness import (SAMPLE, Server, add_user, check, expect, main, sample, sample_bids, sample_recusals,
                     sample_scores)

EVALUATORS = {"E1": "erin", "E2": "faisal", "E3": "grace"}
DISPLAY = {"ada": "Ada Okafor", "olu": "Olu Bello", "erin": "Erin Shaw", "faisal": "Faisal Khan",
           "grace": "Grace Lee"}
RECUSED = ("grace", "BID-005")  # the sample's recusal: E3 stood aside from BID-005
GRACE_QUESTIONS = ["Q1", "Q2"]
CORRUPT = b"\x00\x01 not a bid"  # the bytes of the file rejected at opening


class Forms(html.parser.HTMLParser):
    """The form controls, labels, forms and h1s of a page."""

    def __init__(self):
        super().__init__()
        self.controls, self.labels, self.forms, self.h1 = [], set(), [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("input", "select", "textarea") and attrs.get("type") not in ("hidden", "submit"):
            self.controls.append(attrs)
        elif tag == "label" and "for" in attrs:
            self.labels.add(attrs["for"])
        elif tag == "form":
            self.forms.append(attrs)
        elif tag == "h1":
            self.h1 += 1


def page_parts(source):
    parts = Forms()
    parts.feed(source)
    return parts


class Browser:
    """One headless Chromium, JavaScript off, signed in as one user at a time."""

    def __init__(self, port, scratch, shoot=None):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1280,900", "--force-device-scale-factor=1", "--lang=en-GB",
                         "--user-data-dir=" + os.path.join(scratch, "chromium")):
            options.add_argument(argument)
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
        self.driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                                       options=options)
        self.driver.set_page_load_timeout(60)
        self.base = "http://127.0.0.1:%d" % port
        self.port = port
        self.shoot = shoot
        self.pages = 0

    def close(self):
        self.driver.quit()

    # Finding things.
    def by_css(self, selector):
        from selenium.webdriver.common.by import By
        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def all_css(self, selector):
        from selenium.webdriver.common.by import By
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def link(self, text):
        from selenium.webdriver.common.by import By
        return self.driver.find_element(By.PARTIAL_LINK_TEXT, text)

    def h1(self):
        return self.by_css("h1").text

    def source(self):
        return self.driver.page_source

    def path(self):
        return urllib.parse.urlsplit(self.driver.current_url).path

    # Moving.
    def arrived(self, shot=None):
        """Checks the page just loaded: one h1, every field labelled, no script; keeps a screenshot."""
        self.pages += 1
        source = self.source()
        parts = page_parts(source)
        unlabelled = [control for control in parts.controls if control.get("id") not in parts.labels]
        if parts.h1 != 1 or unlabelled or "<script" in source:
            check(False, "%s: %d h1 (one wanted), fields without a label %r, script %s" % (
                self.path(), parts.h1, unlabelled, "<script" in source))
        if shot and self.shoot:
            self.shoot(self, shot)

    def open(self, path, shot=None):
        self.driver.get(self.base + path)
        self.arrived(shot)

    def follow(self, text, shot=None):
        self.link(text).click()
        self.arrived(shot)

    def press(self, button, shot=None):
        """Clicks a submit button and waits for the next page (post, redirect, get)."""
        before = self.by_css("html").id
        button.click()
        deadline = time.monotonic() + 30
        while True:
            try:
                if self.by_css("html").id != before:
                    break
            except Exception:  # the old document is going: ask again
                pass
            check(time.monotonic() < deadline, "no page came after pressing a button on " + self.path())
            time.sleep(0.01)
        self.arrived(shot)

    def submit(self, text, shot=None):
        from selenium.webdriver.common.by import By
        buttons = self.driver.find_elements(By.XPATH, "//main//button[@type='submit'][normalize-space()='%s']" % text)
        check(buttons, "%s has a button %r" % (self.path(), text))
        self.press(buttons[0], shot)

    def type(self, field_id, text):
        field = self.by_css("#" + field_id)
        field.clear()
        field.click()
        # The text arrives as typed text does (an input event), in one step rather than key by key.
        self.driver.execute_cdp_cmd("Input.insertText", {"text": text})

    def tick(self, field_id, on=True):
        box = self.by_css("#" + field_id)
        if box.is_selected() != on:
            box.click()

    def sign_in(self, user, shot=None):
        self.driver.delete_all_cookies()
        self.open("/sign-in", shot)
        self.type("user", user)
        self.type("password", "correct horse battery staple")
        self.submit("Sign in")
        check(self.h1() == "Your evaluations", "%s signed in: %s" % (user, self.h1()))

    def keyboard_reaches(self, button_text):
        """Tab from the top of the page reaches the submit button, through every field before it."""
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys
        self.by_css("h1").click()  # a place with nothing to change: focus starts above the form
        for _ in range(80):
            ActionChains(self.driver).send_keys(Keys.TAB).perform()
            active = self.driver.switch_to.active_element
            if active.tag_name == "button" and active.text.strip() == button_text:
                return
        raise AssertionError("the keyboard does not reach %r on %s" % (button_text, self.path()))

    # Plain HTTP with the browser's session, for what a browser does not show: statuses and bytes.
    def http(self, method, path, fields=None):
        cookie = self.driver.get_cookie("tenderscore_session")
        headers = {"Cookie": "tenderscore_session=" + cookie["value"]} if cookie else {}
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, data

    def csrf(self):
        return self.by_css("input[name=csrf]").get_attribute("value")


def setup_store(tool, stores):
    store = stores.new()
    add_user(tool, store, "ada", "admin", DISPLAY["ada"])
    add_user(tool, store, "olu", "auditor", DISPLAY["olu"])
    for name in EVALUATORS.values():
        add_user(tool, store, name, "evaluator", DISPLAY[name])
    return store


def admin_sets_up(browser, root, scratch, api):
    b = browser
    b.sign_in("ada", "sign-in")
    b.arrived("home-admin")
    b.follow("Create an evaluation")
    b.submit("Create the evaluation")
    check("choose the tender file" in b.source(), "a create without a file is refused on the page")
    b.by_css("#tender").send_keys(os.path.join(root, SAMPLE, "tender.xml"))
    b.arrived("create")
    b.submit("Create the evaluation")
    check("The evaluation is created" in b.source(), "the evaluation is created")
    evaluation = b.path().split("/")[2]
    page = "/evaluations/" + evaluation

    # A refused action: the API's message, the API's status, on the page.
    status, body = b.http("POST", page, {"csrf": b.csrf(), "action": "open-scoring"})
    refused = api.post("/api/evaluations/%s/open-scoring" % evaluation)
    check(status == refused.status == 409, "open scoring with no panel: page %d, API %d" % (status, refused.status))
    check(html.escape(refused.json()["message"], quote=True).encode() in body,
          "the page shows the API's message: %s" % refused.json()["message"])
    status, _ = b.http("POST", page, {"action": "open-scoring"})
    check(status == 403, "a form posted without the CSRF token is refused with 403, not %d" % status)

    b.follow("Upload bid files")
    paths = [os.path.join(root, SAMPLE, "bids", name) for name in sample_bids(root)]
    b.by_css("#bids").send_keys("\n".join(paths))
    b.submit("Upload", "bids")
    check("The bid files are uploaded" in b.source() and "BID-009.xml" in b.source(), "nine bids uploaded")
    corrupt = os.path.join(scratch, "BID-010.xml")
    with open(corrupt, "wb") as out:
        out.write(CORRUPT)
    b.by_css("#content").send_keys(corrupt)
    b.submit("Reject the file")
    check("must not be blank" in b.source() or "reason" in b.source(), "a rejection needs a reason")
    b.by_css("#content").send_keys(corrupt)
    b.type("reason", "The upload is corrupt and cannot be opened; the bidder was told on 3 October.")
    b.keyboard_reaches("Reject the file")
    b.submit("Reject the file")
    check("The file is rejected" in b.source() and "The upload is corrupt" in b.source(),
          "the file is rejected: " + b.by_css("main").text[:400])

    b.open(page + "/panel")
    fields = {}
    for fieldset in b.all_css("form > fieldset"):
        legend = fieldset.find_element("css selector", "legend").text
        fields[legend.split("(")[-1].rstrip(")")] = fieldset.find_element("css selector", "input").get_attribute("id")
    for name in EVALUATORS.values():
        prefix = fields[name].rsplit("-", 1)[0]
        b.tick(prefix + "-on")
        b.tick(prefix + "-mod", name == "erin")
        if name == "grace":
            for number in (3, 4):
                b.tick("%s-q%d" % (prefix, number), False)
    b.arrived("panel")
    b.keyboard_reaches("Save the panel")
    b.submit("Save the panel")
    check("The panel is saved" in b.source(), "the panel is saved")
    b.arrived("overview-setup")
    b.submit("Open scoring")
    check("Scoring is open" in b.source(), "scoring is open")
    return evaluation, page


def evaluator_marks(browser, name, evaluator, page, marks, recusals):
    b = browser
    b.sign_in(name)
    b.open(page, "overview-evaluator" if name == "grace" else None)
    b.follow("Declare your conflicts of interest", "declaration" if name == RECUSED[0] else None)
    if name == RECUSED[0]:
        index = [box.get_attribute("value") for box in b.all_css("input[name=conflict]")].index(RECUSED[1]) + 1
        b.tick("c%d" % index)
        b.submit("Make my declaration")
        check("Reason" in b.source() and b.h1() == "Declare conflicts of interest",
              "a conflict without a reason is refused")
        b.tick("c%d" % index)
        b.type("r%d" % index, recusals[(evaluator, RECUSED[1])])
        b.keyboard_reaches("Make my declaration")
    b.submit("Make my declaration")
    check(b.h1() == "Your worklist" and "Your declaration is recorded" in b.source(), "%s declared" % name)
    b.arrived("worklist" if name == "grace" else None)
    links = [a.get_attribute("href") for a in b.all_css("main table a")]
    expected = (9 - (1 if name == RECUSED[0] else 0)) * (len(GRACE_QUESTIONS) if name == "grace" else 4)
    check(len(links) == expected, "%s's worklist has %d items, not %d: %s" % (name, len(links), expected,
                                                                               b.by_css("main").text))
    b.driver.get(links[0])
    b.arrived()
    first = True
    while b.h1() != "Your worklist":
        bid, question = b.path().split("/")[-2:]
        score, text = marks[(bid, question, evaluator)]
        if first and name == "faisal":
            b.submit("Save draft and continue")  # nothing chosen: refused, the page says why
            check("score" in b.source() and b.path().endswith("/%s/%s" % (bid, question)), "a mark needs a score")
        b.by_css("#score-%d" % score).click()
        b.type("rationale", text)
        if first and name == "grace":
            b.arrived("mark")
            b.keyboard_reaches("Save draft and continue")
        first = False
        b.submit("Save draft and continue")
    check("You have marked %d of %d" % (expected, expected) in b.source(), "%s marked everything" % name)
    b.follow("Check and submit your marks", "submit" if name == "grace" else None)
    check("You cannot change your marks after this" in b.source(), "the submit page warns")
    b.submit("Submit my marks")
    check("Your marks are submitted" in b.source(), "%s submitted" % name)


def moderate(browser, page, consensus, names):
    b = browser
    b.sign_in("erin")
    b.open(page)
    b.submit("Open moderation")
    check("Moderation is open" in b.source(), "the moderator opened moderation")
    b.follow("The moderation")
    b.arrived("moderation")
    cells = [a.get_attribute("href") for a in b.all_css("main table a")]
    check(len(cells) == 36, "the matrix has 36 cells, not %d" % len(cells))
    for index, cell in enumerate(cells):
        b.driver.get(cell)
        b.arrived()
        bid, question = b.path().split("/")[-2:]
        # Every original mark is on the page beside the form.
        for (mark_bid, mark_question, evaluator), (_, text) in names["marks"].items():
            if (mark_bid, mark_question) == (bid, question) and not (
                    EVALUATORS[evaluator] == RECUSED[0] and bid == RECUSED[1]) and not (
                    EVALUATORS[evaluator] == "grace" and question not in GRACE_QUESTIONS):
                check(html.escape(text, quote=True) in b.source() or text in b.by_css("main").text,
                      "the consensus page for %s %s shows %s's mark" % (bid, question, evaluator))
        score, text = consensus[(bid, question)]
        b.by_css("#score-%d" % score).click()
        b.type("rationale", text)
        if index == 5:
            b.arrived("consensus")
            b.keyboard_reaches("Record the consensus")
        b.submit("Record the consensus")
    check("Consensus recorded for 36 of 36" in b.source(), "every consensus recorded")
    b.arrived("moderation-done")


def admin_runs(browser, page, api_client, evaluation):
    b = browser
    b.sign_in("ada")
    b.open(page)
    b.submit("Run the evaluation")
    check("The evaluation has been run" in b.source(), "the evaluation ran: " + b.by_css("main").text[:300])
    b.arrived("overview-run")
    files = {}
    for name in ("results.json", "scores.xml", "evaluation.xlsx"):
        href = [a.get_attribute("href") for a in b.all_css("main a") if a.get_attribute("href").endswith(name)][0]
        status, data = b.http("GET", urllib.parse.urlsplit(href).path)
        check(status == 200, "download %s: %d" % (name, status))
        files[name] = data
    check(files["evaluation.xlsx"][:2] == b"PK", "the workbook is an XLSX file")
    check(files["results.json"] == api_client.get("/api/evaluations/%s/runs/1/results.json" % evaluation).body,
          "the page's download is the API's results.json")
    b.type("statement", "Approved for award as the workbook recommends.")
    b.keyboard_reaches("Approve run 1")
    b.submit("Approve run 1")
    check("Your approval is recorded" in b.source() and "signed off" in b.source(), "approved and signed off")
    b.arrived("overview-signed-off")
    return files


def auditor_reads(browser, page):
    b = browser
    b.sign_in("olu")
    b.open(page, "overview-auditor")
    visited = set()
    queue = [page]
    while queue:
        path = queue.pop()
        cell = "/moderation/" in path
        if path in visited or "/runs/" in path or (cell and sum("/moderation/" in p for p in visited) >= 3):
            continue  # three of the 36 moderation cells stand for the others
        visited.add(path)
        b.open(path)
        parts = page_parts(b.source())
        changing = [f for f in parts.forms if f.get("method") == "post" and f.get("action") != "/sign-out"]
        check(not changing, "the auditor's page %s has no form that changes anything: %r" % (path, changing))
        for a in b.all_css("main a"):
            target = urllib.parse.urlsplit(a.get_attribute("href"))
            if target.path.startswith(page) and not target.query and "/record" not in target.path:
                queue.append(target.path)
    b.open(page + "/log", "log")
    check("The log verifies." in b.source(), "the log verifies on the auditor's page")
    check("Erin Shaw" in b.source() and "BID-004" in b.source(), "the log names people and bids")
    b.follow("Record at entry 30", "record")
    check(b.h1() == "The record after entry 30" and "Marks" in b.source(), "the record at entry 30")
    for admin_page in ("/panel", "/bids"):
        status, _ = b.http("GET", page + admin_page)
        check(status == 403, "the auditor opening %s gets 403, not %d" % (admin_page, status))
    return len(visited)


def evaluator_refused(browser, page):
    b = browser
    b.sign_in("faisal")
    for admin_page in (page + "/panel", page + "/bids", "/evaluations/new", page + "/log"):
        status, _ = b.http("GET", admin_page)
        check(status == 403, "an evaluator typing %s gets 403, not %d" % (admin_page, status))
    b.open(page + "/panel", "forbidden")
    check(b.h1() == "You cannot do this", "the 403 page says so: " + b.h1())


def evaluate_pack(tool, root, scratch, files):
    pack = os.path.join(scratch, "pack")
    os.makedirs(os.path.join(pack, "bids"))
    shutil.copy(os.path.join(root, SAMPLE, "tender.xml"), os.path.join(pack, "tender.xml"))
    for name in sample_bids(root):
        shutil.copy(os.path.join(root, SAMPLE, "bids", name), os.path.join(pack, "bids", name))
    with open(os.path.join(pack, "bids", "BID-010.xml"), "wb") as out:
        out.write(CORRUPT)
    with open(os.path.join(pack, "scores.xml"), "wb") as out:
        out.write(files["scores.xml"])
    done = subprocess.run([tool, "evaluate", "--tender", os.path.join(pack, "tender.xml"), "--bids",
                           os.path.join(pack, "bids"), "--scores", os.path.join(pack, "scores.xml"), "--out",
                           os.path.join(scratch, "cli-out")], capture_output=True, text=True)
    check(done.returncode == 0, "evaluate on the run's pack: " + done.stderr)
    with open(os.path.join(scratch, "cli-out", "results.json"), "rb") as produced:
        check(produced.read() == files["results.json"], "the run's results.json differs from evaluate's")


class Laps:
    def __init__(self):
        self.last = time.monotonic()

    def __call__(self, what):
        now = time.monotonic()
        if os.environ.get("BROWSER_LAPS"):
            print("%-12s %5.1f s" % (what, now - self.last))
        self.last = now


def walk(tool, root, stores, scratch, shoot=None):
    """The whole life cycle through the pages; returns the number of pages checked."""
    started = time.monotonic()
    store = setup_store(tool, stores)
    server = Server(tool, store)
    api = server.client()
    expect(api.login("ada"), 200, what="the API's login")
    browser = Browser(server.port, scratch, shoot)
    try:
        lap = Laps()
        evaluation, page = admin_sets_up(browser, root, scratch, api)
        lap("set-up")
        marks, consensus = sample_scores(root)
        recusals = sample_recusals(root)
        check(list(recusals) == [("E3", RECUSED[1])], "the sample's recusal is E3's from %s" % RECUSED[1])
        for evaluator, name in EVALUATORS.items():
            evaluator_marks(browser, name, evaluator, page, marks, recusals)
            lap(name)
        evaluator_refused(browser, page)
        moderate(browser, page, consensus, {"marks": marks})
        lap("moderation")
        files = admin_runs(browser, page, api, evaluation)
        lap("run")
        auditor_pages = auditor_reads(browser, page)
        lap("auditor")
        evaluate_pack(tool, root, scratch, files)
        # An evaluator meets no price in any page of the signed-off evaluation either.
        browser.sign_in("faisal")
        browser.open(page)
        check("5450.00" not in browser.source() and "Over the spread" not in browser.source(),
              "the evaluator's overview holds no price")
        pages = browser.pages
    finally:
        browser.close()
    check(server.stop() == 0, "SIGTERM ends the server with status 0")
    done = subprocess.run([tool, "audit", "verify", "--store", store, "--evaluation", evaluation],
                          capture_output=True, text=True)
    check(done.returncode == 0, "audit verify --store after the walk: " + done.stdout + done.stderr)
    seconds = time.monotonic() - started
    print("browser walk passed on %s: %d pages in %.1f s (the auditor read %d)" % (stores.kind, pages, seconds,
                                                                                 auditor_pages))
    return 0


if __name__ == "__main__":
    sys.exit(main(walk, sys.argv))
