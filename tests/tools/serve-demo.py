#!/usr/bin/env python3
"""make serve-demo: the panel server on the bundled Essex sample, in one command.

serve-demo.py TOOL ROOT [--port N] [--check]

Makes a fresh SQLite store in ROOT/out/serve-demo/, adds a panel (an administrator, three
evaluators, an auditor), starts `tenderscore serve` on 127.0.0.1:PORT (8080), loads the sample's
tender and bids, names the panel and opens scoring, then serves until Ctrl-C. With --check it
works in a temporary folder on any free port and stops once each evaluator has their worklist
(the CTest that keeps the README's command working)."""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "server"))
from harness import (PASSWORD, Client, add_user, expect, sample, sample_bids)  # noqa: E402

PANEL = [("ada", "admin", "Ada Admin"), ("erin", "evaluator", "Erin Evans"),
         ("faisal", "evaluator", "Faisal Khan"), ("grace", "evaluator", "Grace Okafor"),
         ("olu", "auditor", "Olu Auditor")]


def start(tool, store, port):
    process = subprocess.Popen([tool, "serve", "--store", store, "--listen", "127.0.0.1:%d" % port],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
    if not match:
        process.kill()
        sys.exit("the server did not start: %r %s" % (line, process.stderr.read()))
    return process, int(match.group(1))


def load_sample(root, port):
    admin = Client(port)
    expect(admin.login("ada"), 200, what="login")
    created = expect(admin.post("/api/evaluations", {"tender": sample(root, "tender.xml")}), 201, what="tender")
    base = "/api/evaluations/" + created.json()["id"]
    for name in sample_bids(root):
        expect(admin.put(base + "/bids/" + name, {"xml": sample(root, "bids", name)}), 201, what="bid " + name)
    panel = [{"user": "erin", "questions": None, "moderator": True},
             {"user": "faisal", "questions": None, "moderator": False},
             {"user": "grace", "questions": None, "moderator": False}]
    expect(admin.put(base + "/panel", {"evaluators": panel}), 200, what="panel")
    expect(admin.post(base + "/open-scoring"), 200, what="open-scoring")
    return base


def main():
    tool, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    port = int(sys.argv[sys.argv.index("--port") + 1]) if "--port" in sys.argv else 8080
    check = "--check" in sys.argv
    folder = tempfile.mkdtemp(prefix="tenderscore-serve-demo-") if check else os.path.join(root, "out", "serve-demo")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    store = os.path.join(folder, "panel.db")
    for name, role, display in PANEL:
        add_user(tool, store, name, role, display)
    server, port = start(tool, store, 0 if check else port)
    try:
        base = load_sample(root, port)
        if check:
            for evaluator in ("erin", "faisal", "grace"):
                client = Client(port)
                expect(client.login(evaluator), 200, what="login " + evaluator)
                expect(client.put(base + "/declaration", {"conflicts": []}), 200, what="declaration")
                worklist = expect(client.get(base + "/worklist"), 200, what="worklist").json()
                if len(worklist) != 9 * 4:
                    sys.exit("%s's worklist has %d items, not 36" % (evaluator, len(worklist)))
            print("ok: the Essex sample is loaded, scoring is open and each evaluator has 36 answers to mark")
            return 0
        print("tenderscore panel server on the Essex sample: http://127.0.0.1:%d (store %s)" % (port, store))
        print("evaluation %s, scoring open; users (password \"%s\"):" % (base.rsplit("/", 1)[1], PASSWORD))
        for name, role, display in PANEL:
            print("  %-7s %-9s %s" % (name, role, display))
        print("open the address in a browser and sign in; the pages and the API are in docs/server.md; "
              "Ctrl-C stops the server")
        sys.stdout.flush()
        signal.signal(signal.SIGINT, lambda *_: server.send_signal(signal.SIGTERM))
        return server.wait()
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            server.wait(60)
        if check:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
