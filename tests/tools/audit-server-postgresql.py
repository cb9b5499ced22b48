#!/usr/bin/env python3
"""`audit log --store` on a PostgreSQL store prints what it prints on SQLite: the server-panel
scenario (audit-scenarios.py) is played against a throwaway PostgreSQL 15 cluster, and the log in
words and as JSON, masked as the goldens are, must equal tests/audit/server-log and server-log-json.

audit-server-postgresql.py TOOL ROOT
"""
import importlib.util
import os
import pathlib
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(HERE))
import pg_cluster  # noqa: E402

spec = importlib.util.spec_from_file_location("audit_scenarios", HERE / "audit-scenarios.py")
scenarios = importlib.util.module_from_spec(spec)
spec.loader.exec_module(scenarios)

SKIP = 77


def main():
    tool, root = os.path.abspath(sys.argv[1]), pathlib.Path(sys.argv[2]).resolve()
    if not pg_cluster.available():
        print("SKIPPED: PostgreSQL 15 (initdb, pg_ctl) is not installed: make deps installs it")
        return SKIP
    failures = []
    with tempfile.TemporaryDirectory(prefix="tenderscore-audit-pg-") as scratch:
        cluster = pg_cluster.Cluster(os.path.join(scratch, "pg"))
        cluster.start()
        try:
            url = cluster.create_database("panel")
            values = scenarios.server_panel(tool, root, pathlib.Path(scratch), store=url)
            for case, extra in [("server-log", []), ("server-log-json", ["--format", "json"])]:
                done = subprocess.run([tool, "audit", "log", "--store", url, "--evaluation", values["evaluation"]] +
                                      extra, capture_output=True, text=True, env=scenarios.environment(), timeout=120)
                want = (root / "tests/audit" / case / "expected/stdout.txt").read_text()
                got = scenarios.masked(done.stdout, values)
                if done.returncode != 0 or got != want:
                    failures.append(f"{case} on PostgreSQL: exit status {done.returncode}, {done.stderr}\n{got}")
        finally:
            cluster.stop()
    for failure in failures:
        print("FAILED: " + failure)
    if not failures:
        print("ok: audit log --store on PostgreSQL prints the SQLite goldens, in words and as JSON")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
