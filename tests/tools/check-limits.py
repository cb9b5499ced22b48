#!/usr/bin/env python3
"""Hostile sizes are refused with a clear error and bounded memory, not a crash or a hang.

check-limits.py TOOL ROOT

- a bid nested 200,000 elements deep: refused under the depth limit, before it is parsed;
- a bid with a 100 MB attribute: refused by the file-size limit before it is read, and with the
  file-size limit raised, refused by the attribute-length limit;
- a 63 MiB bid of millions of empty elements, and one of millions of attributes: refused by the
  node limit before a tree is built;
- a bid with 4,000,000 empty elements, just within the node limit: read, and refused with its
  problems listed up to the limit of a file's list;
- a bid of 63 MiB of line ends (a table of line starts would take 8 bytes a byte);
- `threads = 40000` in the configuration: read with at most 64 threads, the results unchanged.
Peak memory of each run (the child's own maximum resident set) must stay under a bound
proportional to the file (three times as much under AddressSanitizer), and CTest's timeout guards
against a hang. Timing is not asserted here:
see make bench.
"""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

MIB = 1024 * 1024
# Under AddressSanitizer (make test-sanitize sets ASAN_OPTIONS) memory costs about three times as
# much: the bounds are for the Release build, and only guard against a runaway there.
SANITIZED = 3 if "ASAN_OPTIONS" in os.environ else 1
HEAD = '<bid xmlns="urn:tenderscore:bid:1" id="B1" tender="ECC-RES-2023" submitted="2023-10-01T10:00:00Z">'


def run(tool, args):
    """Exit status, standard error and the peak resident memory of this one run."""
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen([tool, *args], stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
        stderr.seek(0)
        return os.waitstatus_to_exitcode(status), stderr.read().decode(errors="replace"), usage.ru_maxrss * 1024


def expect(name, result, rule, max_bytes):
    status, stderr, peak = result
    max_bytes *= SANITIZED
    ok = status == 65 and f"error [{rule}]" in stderr and peak <= max_bytes
    print(f"{'ok' if ok else 'FAILED'}: {name}: exit {status}, peak {peak / MIB:.0f} MiB "
          f"(bound {max_bytes / MIB:.0f} MiB), {stderr.splitlines()[0] if stderr else 'no message'}")
    return ok


def write_repeated(path, head, unit, size, tail):
    """head, then `unit` repeated to make the file about `size` bytes, then tail."""
    count = (size - len(head) - len(tail)) // len(unit)
    chunk = unit * max(1, MIB // len(unit))
    with open(path, "w") as f:
        f.write(head)
        for _ in range(count // (MIB // len(unit))):
            f.write(chunk)
        f.write(unit * (count % (MIB // len(unit))))
        f.write(tail)


def main():
    tool, root = sys.argv[1], pathlib.Path(sys.argv[2])
    work = pathlib.Path(tempfile.mkdtemp())
    try:
        sample = root / "samples/essex-2023-block"
        tender = sample / "tender.xml"
        bids = work / "bids"
        bids.mkdir()
        bid = bids / "B1.xml"
        validate = ["validate", "--tender", str(tender), "--bids", str(bids)]
        depth = 200_000
        bid.write_text(HEAD + "<x>" * depth + "</x>" * depth + "</bid>\n")
        results = [expect("200,000-deep nesting", run(tool, validate), "depth", 64 * MIB)]

        size = 100 * MIB
        write_repeated(bid, HEAD + '<bidder name="', "a" * 1024, size, '"/></bid>\n')
        results.append(expect("100 MB attribute, default limits", run(tool, validate), "file-size", 64 * MIB))
        config = work / "limits.properties"
        config.write_text("limits.maxFileBytes = 209715200\n")
        results.append(expect("100 MB attribute, file-size limit raised", run(tool, [*validate, "--config", str(config)]),
                              "attribute-length", 4 * size))

        size = 63 * MIB
        write_repeated(bid, HEAD, "<a/>", size, "</bid>\n")
        results.append(expect("63 MiB of empty elements", run(tool, validate), "nodes", 2 * size))
        write_repeated(bid, HEAD + '<bidder name="x"', ' a=""', size, "/></bid>\n")
        results.append(expect("63 MiB of attributes on one element", run(tool, validate), "nodes", 4 * size))
        nodes = 4_000_000 - 10
        bid.write_text(HEAD + "<a/>" * nodes + "</bid>\n")
        results.append(expect("4,000,000 empty elements, within the node limit", run(tool, validate),
                              "unknown-element", 16 * MIB + nodes * 100))
        write_repeated(bid, HEAD, "\n", size, "</bid>\n")
        results.append(expect("63 MiB of line ends", run(tool, validate), "missing-element", 2 * size))

        threads = work / "threads.properties"
        threads.write_text("threads = 40000\n")
        pack = ["--tender", str(tender), "--bids", str(sample / "bids"), "--scores", str(sample / "scores.xml")]
        outputs = []
        for name, extra in (("default", []), ("40000", ["--config", str(threads)])):
            out = work / f"out-{name}"
            status, stderr, _ = run(tool, ["evaluate", *pack, "--out", str(out), *extra])
            outputs.append((status, stderr, (out / "results.json").read_bytes() if status == 0 else b""))
        ok = outputs[0][0] == 0 and outputs[1][0] == 0 and outputs[0][2] == outputs[1][2]
        print(f"{'ok' if ok else 'FAILED'}: threads = 40000: exit {outputs[1][0]}, results.json "
              f"{'identical' if outputs[0][2] == outputs[1][2] else 'DIFFERENT'}{': ' + outputs[1][1] if outputs[1][1] else ''}")
        results.append(ok)
        return 0 if all(results) else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
