#!/usr/bin/env python3
"""`make bench-server`: the panel server under a panel's load, against SQLite and PostgreSQL.

20 evaluators score 200 bids x 6 questions at once (24,000 marks), each through their own
connection; then the evaluation is run from the store. Prints requests per second, the p50 and
p99 latency of a mark, and the run's time, per store. Loopback only; every loop is bounded in
count and in time (--deadline seconds per store).

usage: bench_server.py TOOL ROOT [--stores sqlite,postgresql] [--evaluators 20] [--bids 200]"""

import argparse
import http.client
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pg_cluster  # noqa: E402

PASSWORD = "correct horse battery staple"
QUESTIONS = ["Q%d" % n for n in range(1, 7)]


def tender():
    questions = "\n".join('      <question id="%s" weight="5">Question %s</question>' % (q, q) for q in QUESTIONS)
    return """<?xml version="1.0" encoding="UTF-8"?>
<tender xmlns="urn:tenderscore:tender:1" id="BENCH-1" currency="GBP">
  <title>Benchmark tender</title>
  <authority>Benchmark Council</authority>
  <contract startDate="2024-04-01" initialYears="1"/>
  <evaluation priceWeight="70" qualityWeight="30" consensus="mean">
    <quality scaleMax="5">
%s
    </quality>
  </evaluation>
  <lot id="L1" name="Places" maxPlaces="400" maxPlacesPerSetting="5" maxWeeklyPrice="9000.00"/>
</tender>
""" % questions


def bid(number, rng):
    responses = "\n".join("  <response question=\"%s\">Answer of bid %d to %s: %s</response>" % (
        q, number, q, " ".join(rng.choice(["care", "home", "staff", "school", "plan"]) for _ in range(60)))
        for q in QUESTIONS)
    return """<?xml version="1.0" encoding="UTF-8"?>
<bid xmlns="urn:tenderscore:bid:1" id="BID-%04d" tender="BENCH-1" submitted="2023-09-28T10:15:00Z">
  <bidder name="Provider %d Ltd"/>
  <lotBid lot="L1">
    <setting urn="SC%06d" name="Home %d" registeredPlaces="4" ofstedRating="Good" places="4" weeklyPrice="%d.00"/>
  </lotBid>
%s
</bid>
""" % (number, number, number, number, rng.randint(4000, 8000), responses)


class Client:
    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.headers = {"Content-Type": "application/json"}

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        try:
            self.connection.request(method, path, body=data, headers=self.headers)
            response = self.connection.getresponse()
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            # The server closed a connection left idle past its keep-alive time: open a new one.
            self.connection.close()
            self.connection.request(method, path, body=data, headers=self.headers)
            response = self.connection.getresponse()
        data = response.read()
        if response.status >= 300:
            raise RuntimeError("%s %s: %d %s" % (method, path, response.status, data[:200]))
        return json.loads(data) if data[:1] in (b"{", b"[") else data

    def login(self, user):
        self.connection.request("POST", "/api/session", body=json.dumps({"user": user, "password": PASSWORD}),
                                headers=self.headers)
        response = self.connection.getresponse()
        answer = json.loads(response.read())
        cookie = response.getheader("Set-Cookie").split(";")[0]
        self.headers = {"Content-Type": "application/json", "Cookie": cookie, "X-CSRF-Token": answer["csrf"]}


def bench(tool, store, evaluators, bids, deadline):
    for name in ["ada"] + evaluators:
        subprocess.run([tool, "users", "add", "--store", store, "--name", name, "--display", name, "--role",
                        "admin" if name == "ada" else "evaluator"], input=PASSWORD + "\n", text=True,
                       check=True, capture_output=True)
    server = subprocess.Popen([tool, "serve", "--store", store, "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE,
                              text=True)
    port = int(re.search(r":(\d+) ", server.stdout.readline()).group(1))
    try:
        admin = Client(port)
        admin.login("ada")
        evaluation = admin.call("POST", "/api/evaluations", {"tender": tender()})["id"]
        base = "/api/evaluations/" + evaluation
        rng = random.Random(1)
        for number in range(1, bids + 1):
            admin.call("PUT", "%s/bids/BID-%04d.xml" % (base, number), {"xml": bid(number, rng)})
        admin.call("PUT", base + "/panel", {"evaluators": [{"user": name} for name in evaluators]})
        admin.call("POST", base + "/open-scoring")
        latencies = []
        failures = []
        lock = threading.Lock()
        ready = threading.Barrier(len(evaluators) + 1)
        stop_at = [0.0]

        def score(name):
            try:
                client = Client(port)
                client.login(name)
                client.call("PUT", base + "/declaration", {"conflicts": []})
                ready.wait()
                client.connection.close()  # idle while the others signed in: start on a fresh connection
                mine = []
                for number in range(1, bids + 1):
                    for question in QUESTIONS:
                        if time.time() > stop_at[0]:
                            raise RuntimeError("the deadline passed")
                        started = time.perf_counter()
                        client.call("PUT", "%s/marks/BID-%04d/%s" % (base, number, question),
                                    {"score": (number + len(name)) % 6, "rationale": "Benchmark rationale."})
                        mine.append(time.perf_counter() - started)
                client.call("POST", base + "/submit")
                with lock:
                    latencies.extend(mine)
            except Exception as error:
                with lock:
                    failures.append("%s: %s" % (name, error))
                try:
                    ready.abort()
                except threading.BrokenBarrierError:
                    pass

        threads = [threading.Thread(target=score, args=(name,)) for name in evaluators]
        for thread in threads:
            thread.start()
        stop_at[0] = time.time() + deadline
        ready.wait()
        started = time.perf_counter()
        for thread in threads:
            thread.join(deadline + 60)
        elapsed = time.perf_counter() - started
        if failures:
            raise RuntimeError("; ".join(failures[:3]))
        admin.call("POST", base + "/open-moderation")
        run_started = time.perf_counter()
        admin.call("POST", base + "/runs")
        run_seconds = time.perf_counter() - run_started
        latencies.sort()
        return {"marks": len(latencies), "seconds": elapsed, "rps": len(latencies) / elapsed,
                "p50": statistics.median(latencies) * 1000,
                "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
                "run": run_seconds}
    finally:
        server.terminate()
        server.wait(60)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("tool")
    parser.add_argument("root")
    parser.add_argument("--stores", default="sqlite,postgresql")
    parser.add_argument("--evaluators", type=int, default=20)
    parser.add_argument("--bids", type=int, default=200)
    parser.add_argument("--deadline", type=int, default=900)
    args = parser.parse_args()
    evaluators = ["e%02d" % n for n in range(1, args.evaluators + 1)]
    print("%d evaluators x %d bids x %d questions = %d marks, on %d cores" % (
        len(evaluators), args.bids, len(QUESTIONS), len(evaluators) * args.bids * len(QUESTIONS), os.cpu_count()))
    print("| store | marks | requests/s | mark p50 | mark p99 | run from the store |")
    print("|---|---|---|---|---|---|")
    for kind in args.stores.split(","):
        with tempfile.TemporaryDirectory(prefix="tenderscore-bench-") as scratch:
            cluster = None
            if kind == "postgresql":
                if not pg_cluster.available():
                    print("| PostgreSQL | not installed: make deps | | | | |")
                    continue
                cluster = pg_cluster.Cluster()
                cluster.start()
                store = cluster.create_database("bench")
            else:
                store = os.path.join(scratch, "bench.db")
            try:
                figures = bench(args.tool, store, evaluators, args.bids, args.deadline)
            finally:
                if cluster:
                    cluster.stop()
        print("| %s | %d | %.0f | %.1f ms | %.1f ms | %.2f s |" % (
            "SQLite" if kind == "sqlite" else "PostgreSQL 15", figures["marks"], figures["rps"], figures["p50"],
            figures["p99"], figures["run"]))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
