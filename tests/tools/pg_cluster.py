"""A throwaway PostgreSQL 15 cluster for tests and benchmarks: initdb and pg_ctl in a temporary
folder, listening only on a Unix socket there (no TCP port). PostgreSQL refuses to run as root, so
as root the cluster runs as the `postgres` user."""

import os
import pwd
import shutil
import subprocess
import tempfile

BIN = "/usr/lib/postgresql/15/bin"
PORT = 5432


def available():
    return os.path.exists(os.path.join(BIN, "initdb")) and os.path.exists(os.path.join(BIN, "pg_ctl"))


class Cluster:
    def __init__(self, hint=None, fsync=True):
        # Its own folder under /tmp, which the postgres user can reach (a test's scratch folder may not be).
        self.base = tempfile.mkdtemp(prefix="tenderscore-pg-")
        self.data = os.path.join(self.base, "data")
        self.socket = self.base
        self.fsync = fsync
        self.as_root = os.geteuid() == 0
        if self.as_root:
            entry = pwd.getpwnam("postgres")
            os.chown(self.base, entry.pw_uid, entry.pw_gid)
            os.chmod(self.base, 0o700)

    def _run(self, *args):
        command = list(args)
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--"] + command
        done = subprocess.run(command, capture_output=True, text=True, cwd="/")
        if done.returncode != 0:
            raise RuntimeError("%s failed: %s %s" % (" ".join(args), done.stdout, done.stderr))
        return done.stdout

    def start(self):
        self._run(os.path.join(BIN, "initdb"), "-D", self.data, "-A", "trust", "-U", "postgres", "-E", "UTF8",
                  "--locale=C", "--no-sync")
        options = "-k %s -c listen_addresses='' -p %d -c max_connections=200 -c fsync=%s" % (
            self.socket, PORT, "on" if self.fsync else "off")
        self._run(os.path.join(BIN, "pg_ctl"), "-D", self.data, "-o", options, "-l",
                  os.path.join(self.base, "log"), "-w", "-t", "60", "start")

    def psql(self, database, sql):
        return self._run(os.path.join(BIN, "psql"), "-h", self.socket, "-p", str(PORT), "-U", "postgres",
                         "-d", database, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql)

    def create_database(self, name):
        self.psql("postgres", "CREATE DATABASE %s" % name)
        return self.url(name)

    def url(self, name):
        return "postgresql:///%s?host=%s&port=%d&user=postgres" % (name, self.socket, PORT)

    def stop(self):
        try:
            self._run(os.path.join(BIN, "pg_ctl"), "-D", self.data, "-m", "fast", "-w", "stop")
        except RuntimeError:
            pass
        shutil.rmtree(self.base, ignore_errors=True)
