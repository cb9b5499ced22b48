#!/usr/bin/env python3
"""Hostile sizes are refused with a clear error and bounded memory, not a crash or a hang.

check-limits.py TOOL ROOT

- a bid nested 200,000 elements deep: refused under the depth limit;
- a bid with a 100 MB attribute: refused by the file-size limit before it is read, and with the
  file-size limit raised, refused by the attribute-length limit.
Peak memory of each run (the child's maximum resident set) must stay under a bound proportional to
the file, and CTest's timeout guards against a hang. Timing is not asserted here: see make bench.
"""
import os
import pathlib
import resource
import shutil
import subprocess
import sys
import tempfile

MIB = 1024 * 1024


def run(tool, args):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run([tool, *args], capture_output=True, text=True, timeout=120)
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest of any child so far: runs go from small to large.
    return done.returncode, done.stderr, max(peak_kib, before) * 1024


def expect(name, result, rule, max_bytes):
    status, stderr, peak = result
    ok = status == 65 and f"error [{rule}]" in stderr and peak <= max_bytes
    print(f"{'ok' if ok else 'FAILED'}: {name}: exit {status}, peak {peak / MIB:.0f} MiB "
          f"(bound {max_bytes / MIB:.0f} MiB), {stderr.splitlines()[0] if stderr else 'no message'}")
    return ok


def main():
    tool, root = sys.argv[1], pathlib.Path(sys.argv[2])
    work = pathlib.Path(tempfile.mkdtemp())
    try:
        tender = root / "samples/essex-2023-block/tender.xml"
        bids = work / "bids"
        bids.mkdir()
        head = '<bid xmlns="urn:tenderscore:bid:1" id="B1" tender="ECC-RES-2023" submitted="2023-10-01T10:00:00Z">'
        depth = 200_000
        (bids / "B1.xml").write_text(head + "<x>" * depth + "</x>" * depth + "</bid>\n")
        results = [expect("200,000-deep nesting", run(tool, ["validate", "--tender", str(tender), "--bids", str(bids)]),
                          "depth", 64 * MIB)]

        size = 100 * MIB
        with open(bids / "B1.xml", "w") as f:
            f.write(head + '<bidder name="')
            chunk = "a" * MIB
            for _ in range(size // MIB):
                f.write(chunk)
            f.write('"/></bid>\n')
        results.append(expect("100 MB attribute, default limits",
                              run(tool, ["validate", "--tender", str(tender), "--bids", str(bids)]), "file-size",
                              64 * MIB))
        config = work / "limits.properties"
        config.write_text("limits.maxFileBytes = 209715200\n")
        results.append(expect("100 MB attribute, file-size limit raised",
                              run(tool, ["validate", "--tender", str(tender), "--bids", str(bids), "--config", str(config)]),
                              "attribute-length", 4 * size))
        return 0 if all(results) else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
