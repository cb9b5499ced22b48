"""What the panel server's tests share: a throwaway store (an SQLite file, or a PostgreSQL 15
cluster of its own), users, the server as a child process on a free loopback port, and a client
that keeps the session cookie and the CSRF token. Standard library only (http.client)."""

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import pg_cluster  # noqa: E402

PASSWORD = "correct horse battery staple"
SKIP = 77  # CTest's SKIP_RETURN_CODE for these tests
SAMPLE = "samples/essex-2023-block"


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


class Stores:
    """Makes stores of one kind: SQLite files in a temporary folder, or databases of one cluster."""

    def __init__(self, kind, scratch):
        self.kind = kind
        self.scratch = scratch
        self.cluster = None
        self.count = 0
        if kind == "postgresql":
            self.cluster = pg_cluster.Cluster(os.path.join(scratch, "pg"))
            self.cluster.start()

    def new(self):
        self.count += 1
        if self.kind == "sqlite":
            return os.path.join(self.scratch, "store-%d.db" % self.count)
        return self.cluster.create_database("store%d" % self.count)

    def close(self):
        if self.cluster:
            self.cluster.stop()


STARTED = []  # every server a test started, stopped at the end even when the test fails


class Server:
    def __init__(self, tool, store, config=None, cwd=None):
        self.tool = tool
        args = [tool, "serve", "--store", store, "--listen", "127.0.0.1:0"]
        if config:
            args += ["--config", config]
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                        cwd=cwd)
        line = self.process.stdout.readline()
        match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
        if not match:
            self.process.kill()
            raise Failure("the server did not start: %r %s" % (line, self.process.stderr.read()))
        self.port = int(match.group(1))
        STARTED.append(self.process)

    def client(self):
        return Client(self.port)

    def stop(self, how=signal.SIGTERM, timeout=60):
        if self.process.poll() is None:
            self.process.send_signal(how)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise Failure("the server did not stop within %d s" % timeout)
        self.stdout = self.process.stdout.read()
        self.stderr = self.process.stderr.read()
        return self.process.returncode


def add_user(tool, store, name, role, display=None, password=PASSWORD):
    done = subprocess.run([tool, "users", "add", "--store", store, "--name", name, "--display",
                           display or name.capitalize(), "--role", role], input=password + "\n",
                          capture_output=True, text=True)
    check(done.returncode == 0, "users add %s: %s" % (name, done.stderr))


class Reply:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body)

    @property
    def code(self):
        try:
            return self.json().get("error")
        except (ValueError, AttributeError):
            return None

    def __repr__(self):
        return "%d %s" % (self.status, self.body[:300])


class Client:
    """One user's browser: the session cookie and CSRF token kept after login."""

    def __init__(self, port):
        self.port = port
        self.cookie = None
        self.csrf = None
        self.user = None

    def request(self, method, path, body=None, csrf=True, headers=None, raw=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        sent = dict(headers or {})
        if self.cookie:
            sent["Cookie"] = "tenderscore_session=" + self.cookie
        if csrf and self.csrf and method != "GET":
            sent["X-CSRF-Token"] = self.csrf
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        connection.request(method, path, body=data, headers=sent)
        response = connection.getresponse()
        reply = Reply(response.status, response.getheaders(), response.read())
        connection.close()
        return reply

    def get(self, path):
        return self.request("GET", path)

    def put(self, path, body=None, **options):
        return self.request("PUT", path, {} if body is None else body, **options)

    def post(self, path, body=None, **options):
        return self.request("POST", path, {} if body is None else body, **options)

    def login(self, user, password=PASSWORD):
        reply = self.request("POST", "/api/session", {"user": user, "password": password})
        if reply.status == 200:
            self.user = user
            self.csrf = reply.json()["csrf"]
            for name, value in reply.headers:
                if name.lower() == "set-cookie" and value.startswith("tenderscore_session="):
                    self.cookie = value.split(";")[0].split("=", 1)[1]
                    self.set_cookie = value
        return reply


def expect(reply, status, code=None, what=""):
    check(reply.status == status, "%s: expected %d, got %r" % (what, status, reply))
    if code is not None:
        check(reply.code == code, "%s: expected error %s, got %r" % (what, code, reply))
    return reply


def sample(root, *parts):
    with open(os.path.join(root, SAMPLE, *parts), encoding="utf-8") as source:
        return source.read()


def sample_bids(root):
    return sorted(os.listdir(os.path.join(root, SAMPLE, "bids")))


def sample_scores(root):
    """The sample's marks and consensus: {(bid, question, evaluator): (score, text)}, {(bid, q): ...}."""
    ns = {"s": "urn:tenderscore:scores:1"}
    tree = ET.parse(os.path.join(root, SAMPLE, "scores.xml"))
    marks = {}
    consensus = {}
    for mark in tree.getroot().findall("s:mark", ns):
        marks[(mark.get("bid"), mark.get("question"), mark.get("evaluator"))] = (int(mark.get("score")), mark.text)
    for agreed in tree.getroot().findall("s:consensus", ns):
        consensus[(agreed.get("bid"), agreed.get("question"))] = (int(agreed.get("score")), agreed.text)
    return marks, consensus


def sample_recusals(root):
    """The sample's recusals: {(evaluator, bid): reason}."""
    ns = {"s": "urn:tenderscore:scores:1"}
    tree = ET.parse(os.path.join(root, SAMPLE, "scores.xml"))
    return {(recusal.get("evaluator"), recusal.get("bid")): recusal.text
            for recusal in tree.getroot().findall("s:recusal", ns)}


def main(run, argv):
    """Runs `run(tool, root, stores, scratch)` with a store kind from argv: TOOL ROOT sqlite|postgresql."""
    tool, root, kind = argv[1], argv[2], argv[3]
    os.environ["TZ"] = "UTC"
    os.environ["LC_ALL"] = "C"
    with tempfile.TemporaryDirectory(prefix="tenderscore-server-") as scratch:
        if kind == "postgresql" and not pg_cluster.available():
            print("SKIPPED: PostgreSQL 15 (initdb, pg_ctl) is not installed: make deps installs it")
            return SKIP
        stores = Stores(kind, scratch)
        try:
            result = run(tool, root, stores, scratch)
        except Failure as failure:
            print("FAILED:", failure)
            return 1
        finally:
            for process in STARTED:
                if process.poll() is None:
                    process.kill()
                    process.wait(30)
            stores.close()
    return result or 0
