#!/usr/bin/env python3
"""Runs every command of docs/audit.md, in order, and compares its output with the doc.

audit-doc.py TOOL ROOT

Each ```console block of the doc is a terminal session: a line starting with "$ " is a command
(continued on the next line after a trailing backslash), the lines after it until the next command
are what it prints (standard output and standard error as a terminal shows them), and
`echo $?` prints the exit status of the command before it. An HTML comment
`<!-- audit-doc: NAME=VALUE ... -->` just before a block sets the environment of its commands
(the run time, for a log that is the same on every machine). A ```text block after
`<!-- audit-doc: excerpt-of=tests/audit/CASE/expected/stdout.txt -->` must be found, line for line,
in that golden. The commands run with `tenderscore`
on PATH in an empty folder holding `samples/`, one after the other, so the doc tells one story.

The panel server's log is read from a store the real server filled: `server-scenario=NAME
evaluation=ID` in a block's comment builds that scenario of tests/tools/audit-scenarios.py (the
store panel.db) before the block, and stands for its evaluation's id, which the server draws at
random, by the ID the doc shows. The server writes the time of each call into its log, so in such a
block the times are compared as <time>: the doc shows the times of a panel's weeks, where the
test's session takes seconds.

Hashes are compared up to a consistent renaming (an entry's hash covers the tool's version): the
same hash wherever the doc shows the same hash. A hash the doc shows is replaced in later commands
by the one the tool printed in its place, so `--checkpoint` is given the log's real checkpoint.

With UPDATE_EXPECTED=1 the doc's outputs are rewritten from what the commands printed: review the
difference before committing it.
"""
import os
import pathlib
import re
import shlex
import subprocess
import sys
import tempfile
import shutil
import importlib.util

HERE = pathlib.Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("audit_scenarios", HERE / "audit-scenarios.py")
scenarios = importlib.util.module_from_spec(spec)
spec.loader.exec_module(scenarios)

BLOCK = re.compile(r"(?:<!-- audit-doc: (?P<env>[^>]*?) -->\n)?```console\n(?P<body>.*?)```", re.S)
# An excerpt of a golden shown as an example: it must be found, line for line, in that golden.
EXCERPT = re.compile(r"<!-- audit-doc: excerpt-of=(?P<golden>\S+) -->\n```text\n(?P<body>.*?)```", re.S)


def sessions(doc):
    """(environment, [(command, expected output lines, (start, end) of the output in the doc)])"""
    for match in BLOCK.finditer(doc):
        env = dict(item.split("=", 1) for item in shlex.split(match.group("env") or ""))
        steps = []
        offset = match.start("body")
        lines = match.group("body").splitlines(keepends=True)
        i = 0
        while i < len(lines):
            if not lines[i].startswith("$ "):
                raise SystemExit(f"docs/audit.md: output before any command: {lines[i]!r}")
            command = lines[i][2:]
            offset += len(lines[i])
            i += 1
            while command.rstrip("\n").endswith("\\") and i < len(lines):
                command = command.rstrip("\n")[:-1] + " " + lines[i].strip() + "\n"
                offset += len(lines[i])
                i += 1
            start = offset
            output = []
            while i < len(lines) and not lines[i].startswith("$ "):
                output.append(lines[i])
                offset += len(lines[i])
                i += 1
            steps.append((command.strip(), "".join(output), (start, offset)))
        yield env, steps


class Hashes:
    """The doc's hashes matched one to one with the tool's."""

    def __init__(self):
        self.doc_to_tool = {}
        self.tool_to_doc = {}

    def same(self, want, got):
        """Whether `got` is `want` up to hashes, keeping the pairing consistent with earlier outputs."""
        if scenarios.HASH.split(want) != scenarios.HASH.split(got):
            return False
        pairs = list(zip(scenarios.HASH.findall(want), scenarios.HASH.findall(got)))
        if len(pairs) != len(scenarios.HASH.findall(got)) or len(pairs) != len(scenarios.HASH.findall(want)):
            return False
        for doc, tool in pairs:
            if self.doc_to_tool.get(doc, tool) != tool or self.tool_to_doc.get(tool, doc) != doc:
                return False
        for doc, tool in pairs:
            self.doc_to_tool[doc] = tool
            self.tool_to_doc[tool] = doc
        return True

    def learn(self, want, got):
        """Pairs the doc's hashes with the tool's where an output differs only in its hashes: for
        rewriting the doc after a change that moved every hash (a new version of the tool)."""
        if scenarios.HASH.split(want) != scenarios.HASH.split(got):
            return
        for doc, tool in zip(scenarios.HASH.findall(want), scenarios.HASH.findall(got)):
            if len(doc) == len(tool):
                self.doc_to_tool.setdefault(doc, tool)

    def rewrite(self, text):
        return scenarios.HASH.sub(lambda m: self.doc_to_tool.get(m.group(0), m.group(0)), text)

    def in_command(self, command):
        return scenarios.HASH.sub(lambda m: self.doc_to_tool.get(m.group(0), m.group(0)), command)


def main():
    tool, root = os.path.abspath(sys.argv[1]), pathlib.Path(sys.argv[2]).resolve()
    doc_path = root / "docs/audit.md"
    doc = doc_path.read_text()
    work = pathlib.Path(tempfile.mkdtemp())
    bin_dir = work / ".bin"
    bin_dir.mkdir()
    (bin_dir / "tenderscore").symlink_to(tool)
    (work / "story").mkdir()
    (work / "story/samples").symlink_to(root / "samples")
    hashes = Hashes()
    failures = []
    replacements = []
    status = 0
    count = 0
    try:
        for env_extra, steps in sessions(doc):
            server = None
            if "server-scenario" in env_extra:
                values = scenarios.build(env_extra.pop("server-scenario"), tool, root, work / "story")
                server = (env_extra.pop("evaluation"), values)
            for command, want, span in steps:
                count += 1
                if command == "echo $?":
                    got = f"{status}\n"
                else:
                    env = scenarios.environment(**env_extra)
                    env["PATH"] = f"{bin_dir}:{env['PATH']}"
                    run = hashes.in_command(command)
                    if server:
                        run = run.replace(server[0], server[1]["evaluation"])
                    result = subprocess.run(["bash", "-c", run], cwd=work / "story", env=env,
                                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
                    status, got = result.returncode, result.stdout
                if server:
                    got = got.replace(server[1]["evaluation"], server[0])
                    compared_want = scenarios.masked(want, {"mask": "server", "evaluation": server[0]})
                    compared_got = scenarios.masked(got, {"mask": "server", "evaluation": server[0]})
                else:
                    compared_want, compared_got = want, got
                if os.environ.get("UPDATE_EXPECTED"):
                    replacements.append((span, got))
                    hashes.learn(compared_want, compared_got)
                elif not hashes.same(compared_want, compared_got):
                    failures.append(f"$ {command}\nthe doc shows:\n{want}the command printed:\n{got}")
                    break
            if failures:
                break
        excerpts = 0
        for match in EXCERPT.finditer(doc):
            excerpts += 1
            golden = (root / match.group("golden")).read_text()
            if match.group("body") not in golden:
                failures.append(f"the excerpt of {match.group('golden')} is not in it:\n{match.group('body')}")
        if excerpts != doc.count("```text"):
            failures.append("every ```text block of docs/audit.md must name the golden it is an excerpt of")
        if os.environ.get("UPDATE_EXPECTED"):
            # The commands' hashes follow the outputs they were copied from.
            for (start, end), text in reversed(replacements):
                doc = doc[:start] + text + doc[end:]
            doc_path.write_text(hashes.rewrite(doc))
        for failure in failures:
            print("FAILED: " + failure)
        if not failures:
            print(f"ok: the {count} commands of docs/audit.md print what the doc shows")
        return 1 if failures or count == 0 else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
