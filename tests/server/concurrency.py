"""Evaluators scoring at once through two server processes on one store: every mark kept, the log
numbered without a gap or a fork, and `audit verify` passes. Then robustness: SIGTERM lets a
request in flight finish and exits 0; kill -9 at random moments, with marks being written, loses
no acknowledged mark and leaves a store that verifies. Every loop is bounded in count and time.

usage: concurrency.py TOOL ROOT sqlite|postgresql"""

import http.client
import random
import socket
import json
import signal
import subprocess
import sys
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from harness import Server, add_user, check, expect, main, sample, sample_bids

EVALUATORS = ["e%d" % n for n in range(1, 7)]
QUESTIONS = ["Q1", "Q2", "Q3", "Q4"]
BIDS = ["BID-%03d" % n for n in range(1, 10)]


def prepare(tool, root, stores, evaluators):
    store = stores.new()
    add_user(tool, store, "ada", "admin")
    for name in evaluators:
        add_user(tool, store, name, "evaluator")
    return store


def open_evaluation(server, root, evaluators):
    admin = server.client()
    expect(admin.login("ada"), 200)
    evaluation = expect(admin.post("/api/evaluations", {"tender": sample(root, "tender.xml")}), 201).json()["id"]
    base = "/api/evaluations/" + evaluation
    for name in sample_bids(root):
        expect(admin.put(base + "/bids/" + name, {"xml": sample(root, "bids", name)}), 201)
    expect(admin.put(base + "/panel", {"evaluators": [{"user": name} for name in evaluators]}), 200)
    expect(admin.post(base + "/open-scoring"), 200)
    return admin, evaluation, base


def two_processes(tool, root, stores):
    store = prepare(tool, root, stores, EVALUATORS)
    servers = [Server(tool, store), Server(tool, store)]
    admin, evaluation, base = open_evaluation(servers[0], root, EVALUATORS)
    failures = []

    def score(index, name):
        try:
            client = servers[index % 2].client()
            expect(client.login(name), 200)
            expect(client.put(base + "/declaration", {"conflicts": []}), 200)
            for bid in BIDS:
                for question in QUESTIONS:
                    # Each evaluator alternates between the two processes, mark by mark.
                    client.port = servers[(index + len(bid) + int(question[1])) % 2].port
                    expect(client.put("%s/marks/%s/%s" % (base, bid, question),
                                      {"score": 3, "rationale": "%s on %s %s" % (name, bid, question)}), 201)
            expect(client.post(base + "/submit"), 200)
        except Exception as error:  # reported below, in the main thread
            failures.append("%s: %s" % (name, error))

    threads = [threading.Thread(target=score, args=(i, name)) for i, name in enumerate(EVALUATORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    check(not failures, "scoring through two processes: %s" % failures)
    events = expect(admin.get(base + "/events"), 200).json()
    check([e["seq"] for e in events] == list(range(1, len(events) + 1)), "the log has no gap and no fork")
    marks = [e for e in events if e["type"] == "mark"]
    expected = len(EVALUATORS) * len(BIDS) * len(QUESTIONS)
    check(len(marks) == expected, "%d marks in the log, %d sent" % (len(marks), expected))
    expect(admin.post(base + "/open-moderation"), 200, what="every evaluator submitted through either process")
    view = expect(admin.get(base + "/moderation"), 200).json()["items"]
    check(sum(len(item["marks"]) for item in view) == expected, "every mark is kept")
    for server in servers:
        check(server.stop() == 0, "SIGTERM ends each server with status 0")
    done = subprocess.run([tool, "audit", "verify", "--store", store, "--evaluation", evaluation],
                          capture_output=True, text=True)
    check(done.returncode == 0, "audit verify after two processes: " + done.stderr)
    print("two processes:", expected, "marks by", len(EVALUATORS), "evaluators, log of", len(events), "entries")


def sigterm_finishes_requests_in_flight(tool, root, stores):
    store = prepare(tool, root, stores, [])
    server = Server(tool, store)
    admin = server.client()
    expect(admin.login("ada"), 200)
    body = json.dumps({"tender": sample(root, "tender.xml")}).encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as raw:
        raw.sendall(("POST /api/evaluations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     "Cookie: tenderscore_session=%s\r\nX-CSRF-Token: %s\r\nContent-Length: %d\r\n"
                     "Connection: close\r\n\r\n" % (admin.cookie, admin.csrf, len(body))).encode())
        raw.sendall(body[:100])
        time.sleep(0.5)
        server.process.send_signal(signal.SIGTERM)  # the request is in flight: half its body sent
        time.sleep(0.5)
        raw.sendall(body[100:])
        answer = b""
        while True:
            chunk = raw.recv(65536)
            if not chunk:
                break
            answer += chunk
    check(answer.startswith(b"HTTP/1.1 201"), "the request in flight when SIGTERM came was answered: %r" % answer[:80])
    check(server.stop() == 0, "the server exits 0 after SIGTERM")
    print("SIGTERM: the request in flight finished, exit status 0")


def kill_nine_loses_nothing(tool, root, stores, rounds=3):
    evaluators = EVALUATORS[:4]
    store = prepare(tool, root, stores, evaluators)
    server = Server(tool, store)
    admin, evaluation, base = open_evaluation(server, root, evaluators)
    acknowledged = []  # every write the server answered with a success (201 a first mark, 200 a replaced one)
    counter = [0]
    lock = threading.Lock()
    for round_ in range(rounds):
        if round_ > 0:
            server = Server(tool, store)
        stop = threading.Event()

        clients = {}
        for name in evaluators:  # signed in before the writers start, so that the kill finds them writing
            clients[name] = server.client()
            expect(clients[name].login(name), 200)
            if round_ == 0:
                expect(clients[name].put(base + "/declaration", {"conflicts": []}), 200)

        def score(name):
            client = clients[name]
            deadline = time.time() + 20
            while not stop.is_set() and time.time() < deadline:
                bid, question = random.choice(BIDS), random.choice(QUESTIONS)
                score_ = random.randint(0, 5)
                with lock:
                    counter[0] += 1
                    rationale = "write %d in round %d" % (counter[0], round_)
                try:
                    reply = client.put("%s/marks/%s/%s" % (base, bid, question),
                                       {"score": score_, "rationale": rationale})
                except (OSError, http.client.HTTPException):
                    return  # the server was killed
                if reply.status in (200, 201):
                    with lock:
                        acknowledged.append((name, bid, question, score_, rationale))

        threads = [threading.Thread(target=score, args=(name,)) for name in evaluators]
        for thread in threads:
            thread.start()
        time.sleep(random.uniform(1.0, 3.0))
        server.process.kill()  # SIGKILL, at whatever moment the writers are in
        server.process.wait(30)
        stop.set()
        for thread in threads:
            thread.join(60)
        done = subprocess.run([tool, "audit", "verify", "--store", store, "--evaluation", evaluation],
                              capture_output=True, text=True)
        check(done.returncode == 0, "audit verify after kill -9 (round %d): %s" % (round_, done.stderr))
    server = Server(tool, store)
    admin = server.client()
    expect(admin.login("ada"), 200)
    logged = set()
    for event in expect(admin.get(base + "/events"), 200).json():
        if event["type"] == "mark":
            data = event["data"]
            logged.add((event["actor"], data["bid"], data["question"], data["score"], data["rationale"]))
    lost = [write for write in acknowledged if write not in logged]
    check(not lost, "acknowledged marks missing from the log: %r" % lost[:5])
    check(server.stop() == 0, "SIGTERM ends the server with status 0")
    print("kill -9:", rounds, "rounds,", len(acknowledged), "acknowledged marks all kept, the store verifies")


def concurrency(tool, root, stores, scratch):
    two_processes(tool, root, stores)
    sigterm_finishes_requests_in_flight(tool, root, stores)
    kill_nine_loses_nothing(tool, root, stores)
    return 0


if __name__ == "__main__":
    sys.exit(main(concurrency, sys.argv))
