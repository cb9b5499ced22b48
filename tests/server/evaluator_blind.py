"""An evaluator never receives a price, a setting, another evaluator's mark or a bid they are
recused from: every body an evaluator can fetch (every GET of the API, allowed or refused, the
answers to their own changes, and every page reachable by following the links of the pages from
`/`), in every phase, is searched for every price of the pack (as written
and as formatted), every setting's URN and name, every other evaluator's rationale, and every
response text of a bid they are recused from. Once the recused evaluator has declared, the recused
bid's id and bidder name are searched for too, in every body they fetch, their attempts at that
bid's mark and mark page included (before, the declaration form shows them, as it must). A
moderator sees the others' marks once moderation opens (the moderation view), and the run's
outputs, which the contract gives moderators, are the one place a moderator meets prices; nothing
else.

usage: evaluator_blind.py TOOL ROOT sqlite|postgresql"""

import html
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from harness import SAMPLE, Server, add_user, check, expect, main, sample, sample_bids

BID_NS = {"b": "urn:tenderscore:bid:1"}
PANEL = ["erin", "faisal", "grace"]  # erin moderates; grace is recused from BID-006 in the first evaluation
QUESTIONS = ["Q1", "Q2", "Q3", "Q4"]
RECUSED_BID = "BID-006"
RECUSED_MARK = "Only-in-the-recused-bid."  # ends each response of BID-006 in the first evaluation


def money_forms(text):
    pounds, _, pence = text.partition(".")
    forms = {text, pounds + "." + (pence + "00")[:2]}
    grouped = "{:,}".format(int(pounds))
    forms |= {grouped + "." + (pence + "00")[:2], "£" + grouped}
    if len(pounds) >= 4:
        forms.add(pounds)
    return forms


def secrets_of_pack(root):
    prices, settings, responses, bidders = set(), set(), {}, {}
    tender = sample(root, "tender.xml")
    for name in ("maxWeeklyPrice", "annualBudget"):
        for value in re.findall(name + r'="([^"]+)"', tender):
            prices |= money_forms(value)
    for name in sample_bids(root):
        bid = ET.fromstring(sample(root, "bids", name).encode())
        for setting in bid.iter("{urn:tenderscore:bid:1}setting"):
            prices |= money_forms(setting.get("weeklyPrice"))
            settings |= {setting.get("urn"), setting.get("name")}
        responses[bid.get("id")] = [r.text for r in bid.findall("b:response", BID_NS)]
        bidders[bid.get("id")] = bid.find("b:bidder", BID_NS).get("name")
    return prices, settings, responses, bidders


def rationale(evaluator, bid, question):
    return "Rationale-%s-%s-%s: the answer is adequate." % (evaluator, bid, question)


class Watch:
    """Every body each evaluator received."""

    def __init__(self):
        self.bodies = {name: [] for name in PANEL}
        self.evaluation = ""
        self.pages = 0

    def keep(self, name, what, reply):
        self.bodies[name].append((self.evaluation + " " + what, reply.body.decode("utf-8", "replace")))
        return reply

    def crawl(self, client, name, phase, evaluation):
        """Every page reachable from / by following links, within this evaluation."""
        pages = "/evaluations/" + evaluation
        queue, seen = ["/"], set()
        while queue:
            path = queue.pop()
            if path in seen:
                continue
            seen.add(path)
            reply = self.keep(name, "%s PAGE %s" % (phase, path), client.get(path))
            targets = [dict(reply.headers).get("Location", "")] if reply.status == 303 else []
            targets += re.findall(r'href="([^"]+)"', reply.body.decode("utf-8", "replace"))
            for target in targets:
                target = urllib.parse.urlsplit(html.unescape(target))
                if target.path == pages or target.path.startswith(pages + "/"):
                    queue.append(target.path + ("?" + target.query if target.query else ""))
        return len(seen)

    def fetch_all(self, clients, base, phase):
        evaluation = base.rsplit("/", 1)[1]
        for name in PANEL:
            self.pages += self.crawl(clients[name], name, phase, evaluation)
            for path in ("", "/worklist", "/moderation", "/events", "/scores.xml", "/scores.xml?at=1",
                         "/runs/1/results.json", "/runs/1/scores.xml", "/runs/1/evaluation.xlsx"):
                reply = clients[name].get(base + path)
                self.keep(name, "%s GET %s%s" % (phase, base, path), reply)


def mark_all(clients, watch, base, recusal):
    for name in PANEL:
        conflicts = [{"bid": RECUSED_BID, "reason": "Former employer"}] if recusal and name == "grace" else []
        watch.keep(name, "declaration", expect(clients[name].put(base + "/declaration", {"conflicts": conflicts}), 200))
        if conflicts:
            # The recused bid, asked for by name: refused, without naming it back.
            reply = clients[name].put("%s/marks/%s/Q1" % (base, RECUSED_BID), {"score": 3, "rationale": "x"})
            watch.keep(name, "mark of the recused bid", expect(reply, 403, "forbidden"))
            page = "/evaluations/%s/work/%s/Q1" % (base.rsplit("/", 1)[1], RECUSED_BID)
            watch.keep(name, "PAGE " + page, expect(clients[name].get(page), 404))
        for item in expect(clients[name].get(base + "/worklist"), 200).json():
            reply = clients[name].put("%s/marks/%s/%s" % (base, item["bid"], item["question"]),
                                      {"score": 3, "rationale": rationale(name, item["bid"], item["question"])})
            watch.keep(name, "mark", expect(reply, 201))
        watch.keep(name, "submit", expect(clients[name].post(base + "/submit"), 200))


def blind(tool, root, stores, scratch):
    store = stores.new()
    add_user(tool, store, "ada", "admin")
    for name in PANEL:
        add_user(tool, store, name, "evaluator")
    server = Server(tool, store)
    clients = {}
    for name in ["ada"] + PANEL:
        clients[name] = server.client()
        expect(clients[name].login(name), 200)
    admin = clients["ada"]
    watch = Watch()
    for recusal in (True, False):
        watch.evaluation = "with-recusal" if recusal else "without"
        base = "/api/evaluations/" + expect(admin.post("/api/evaluations", {"tender": sample(root, "tender.xml")}),
                                            201).json()["id"]
        for name in sample_bids(root):
            xml = sample(root, "bids", name)
            if recusal and name == RECUSED_BID + ".xml":
                xml = xml.replace("</response>", " " + RECUSED_MARK + "</response>")
            expect(admin.put(base + "/bids/" + name, {"xml": xml}), 201)
        expect(admin.put(base + "/panel", {"evaluators": [{"user": "erin", "moderator": True}, {"user": "faisal"},
                                                          {"user": "grace"}]}), 200)
        watch.fetch_all(clients, base, "setup")
        expect(admin.post(base + "/open-scoring"), 200)
        watch.fetch_all(clients, base, "scoring before declarations")
        mark_all(clients, watch, base, recusal)
        watch.fetch_all(clients, base, "scoring after marks")
        expect(admin.post(base + "/open-moderation"), 200)
        watch.fetch_all(clients, base, "moderation")
        if recusal:
            continue  # a pack with a recusal is evaluated only by the version 2 readers
        for bid in ["BID-%03d" % n for n in range(1, 10)]:
            for question in QUESTIONS:
                watch.keep("erin", "consensus", expect(clients["erin"].put(
                    "%s/consensus/%s/%s" % (base, bid, question), {"score": 3, "rationale": "Agreed"}), 201))
        expect(admin.post(base + "/runs"), 201)
        watch.fetch_all(clients, base, "moderation after a run")
        expect(admin.post(base + "/approvals", {"run": 1, "statement": "Approved"}), 201)
        watch.fetch_all(clients, base, "signed-off")

    prices, settings, responses, bidders = secrets_of_pack(root)
    every_response = [text for texts in responses.values() for text in texts]
    searched = 0
    recused = [RECUSED_BID, bidders[RECUSED_BID]]
    declaration_form = []  # what grace saw of the recused bid before declaring
    for name, bodies in watch.bodies.items():
        others = ["Rationale-%s-" % other for other in PANEL if other != name]
        for what, body in bodies:
            searched += 1
            moderating = name == "erin" and any(phase in what for phase in ("moderation", "signed-off"))
            run_output = name == "erin" and "/runs/1/" in what
            declared = " setup " not in what and "before declarations" not in what
            forbidden = [] if run_output else list(prices) + list(settings)
            if not moderating:
                forbidden += others
            if " PAGE " in what:
                body = html.unescape(body)  # a page writes ' as &#39;
            if name == "grace" and what.startswith("with-recusal"):
                forbidden.append(RECUSED_MARK)
                if declared:  # the recused bid, its id and its bidder: in nothing after the declaration
                    for secret in recused:
                        check(secret not in body, "grace, recused, received %r in %s: %s" % (secret, what, body[:300]))
                elif " PAGE " in what and not what.endswith("/declaration"):
                    forbidden.append(RECUSED_BID)  # before it, its id and bidder on the declaration only
                elif what.endswith("/declaration") and "before declarations" in what:
                    declaration_form.append(all(secret in body for secret in recused))
            if not declared:
                forbidden += every_response  # before the declaration, nothing of a bid's content
            for bidder in bidders.values():  # bidder names are shown; a home may be named like its provider
                body = body.replace(bidder, "<bidder>")
            # Random values (the evaluation's id, the session's CSRF token) may hold a price's digits.
            body = re.sub(r"ev-[0-9a-f]+", "ev-<id>", body)
            body = re.sub(r'name="csrf" value="[^"]*"', 'name="csrf" value="<token>"', body)
            body = re.sub(r'"csrf": *"[^"]*"', '"csrf": "<token>"', body)
            for secret in forbidden:
                check(secret not in body, "%s received %r in %s: %s" % (name, secret, what, body[:200]))
    check(any(RECUSED_MARK in body for what, body in watch.bodies["faisal"]),
          "the recused bid's answers do reach an evaluator who is not recused")
    check(declaration_form and all(declaration_form),
          "before declaring, the declaration form shows the recused bid's id and bidder: %r" % declaration_form)
    # The moderator's run downloads are the only bodies with prices, and they do have them.
    check(any("5450.00" in body for what, body in watch.bodies["erin"] if "/runs/1/results.json" in what and
              "after a run" in what), "the moderator's results.json download has the prices")
    check(server.stop() == 0, "SIGTERM ends the server with status 0")
    check(watch.pages > 100, "the pages were crawled: %d" % watch.pages)
    check(any("PAGE" in what and "/work/BID-" in what for what, _ in watch.bodies["faisal"]),
          "the crawl reached the mark pages")
    print("searched", searched, "bodies (%d pages) for" % watch.pages, len(prices) + len(settings), "prices and settings, the recused "
          "bid's answers and the other evaluators' rationales")
    return 0


if __name__ == "__main__":
    sys.exit(main(blind, sys.argv))
