#!/usr/bin/env python3
"""One audit golden: build a scenario's log, run one command on it, compare exit status and text.

audit-case.py TOOL ROOT CASE_DIR

CASE_DIR holds
  scenario              the log to build (tests/tools/audit-scenarios.py: moderation, bid-changed ...),
                        or the panel server's store (server-panel): then the times the server wrote
                        are compared as <time> and the evaluation's id as ev-<evaluation>
  command               the arguments after `tenderscore`, split as a shell splits them, run in the
                        folder holding log.db (or panel.db); {checkpoint:N}, {head:N}, {typo:N},
                        {other} and {evaluation} are replaced by the log's values (audit-scenarios.py)
  terminal              (optional) run on a pseudo-terminal, as an auditor at a console sees it
  environment           (optional) NAME=VALUE lines added to the environment
  expected/exit-code    the exit status
  expected/stdout.txt   standard output, exactly (hashes up to a consistent renaming)
  expected/stderr.txt   (optional; empty when absent) standard error, the same way

With UPDATE_EXPECTED=1 the expected files are rewritten from what the command printed: review the
difference before committing it.
"""
import importlib.util
import os
import pathlib
import pty
import shlex
import subprocess
import sys
import tempfile
import shutil

HERE = pathlib.Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("audit_scenarios", HERE / "audit-scenarios.py")
scenarios = importlib.util.module_from_spec(spec)
spec.loader.exec_module(scenarios)


def run_on_terminal(command, cwd, env):
    """Runs `command` with its standard output on a pseudo-terminal; returns status, output, errors."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=follower, stderr=subprocess.PIPE)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the program ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    errors = process.stderr.read()
    status = process.wait()
    # A terminal turns each "\n" into "\r\n" on the way out.
    return status, b"".join(chunks).decode().replace("\r\n", "\n"), errors.decode()


def main():
    tool, root, case = os.path.abspath(sys.argv[1]), pathlib.Path(sys.argv[2]).resolve(), pathlib.Path(sys.argv[3])
    expected = case / "expected"
    work = pathlib.Path(tempfile.mkdtemp())
    try:
        values = scenarios.build((case / "scenario").read_text().strip(), tool, root, work)
        command = [tool] + [scenarios.substitute(word, values)
                            for word in shlex.split((case / "command").read_text())]
        env = scenarios.environment()
        if (case / "environment").exists():
            for line in (case / "environment").read_text().splitlines():
                name, _, value = line.partition("=")
                env[name] = value
        if (case / "terminal").exists():
            status, stdout, stderr = run_on_terminal(command, work, env)
        else:
            result = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=120)
            status, stdout, stderr = result.returncode, result.stdout, result.stderr
        stdout, stderr = scenarios.masked(stdout, values), scenarios.masked(stderr, values)
        if os.environ.get("UPDATE_EXPECTED"):
            expected.mkdir(exist_ok=True)
            (expected / "exit-code").write_text(f"{status}\n")
            (expected / "stdout.txt").write_text(stdout)
            if stderr:
                (expected / "stderr.txt").write_text(stderr)
            elif (expected / "stderr.txt").exists():
                (expected / "stderr.txt").unlink()
        failures = []
        want_status = int((expected / "exit-code").read_text())
        if status != want_status:
            failures.append(f"exit status {status}, expected {want_status}")
        for name, actual in [("stdout.txt", stdout), ("stderr.txt", stderr)]:
            want = (expected / name).read_text() if (expected / name).exists() else ""
            if scenarios.canonical(actual) != scenarios.canonical(want):
                failures.append(f"{name} differs from {expected / name}:\n{actual}")
        for failure in failures:
            print("FAILED: " + failure)
        if not failures:
            print(f"ok: {case.name}: exit status {status} and the expected text")
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
