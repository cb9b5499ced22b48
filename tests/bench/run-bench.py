#!/usr/bin/env python3
"""make bench: tenderscore evaluate against the floor, on generated packs of 1,000, 10,000 and
50,000 bids, and the Essex sample on its own.

run-bench.py BUILD_DIR ROOT [--sizes 1000,10000,50000] [--runs 3]

The floor (bench_floor) parses every XML file of the pack with pugixml and writes one row per
setting and per mark with libxlsxwriter in constant-memory mode, single-threaded. The two programs
run alternately, as whole processes, --runs times each; the medians of wall time, CPU time (user +
system) and peak resident memory are printed with their ratios against the targets of
docs/performance.md. Packs are generated once into BUILD_DIR/bench-packs.
"""
import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import time

TARGET_WALL = 1.2       # evaluate / floor at 10,000 bids
TARGET_MEMORY = 2.0     # evaluate / floor at 10,000 bids
TARGET_SCALING = 5.5    # evaluate at 50,000 / evaluate at 10,000
TARGET_ESSEX = 0.050    # seconds


def measure(command):
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode()
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed: {stderr}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def medians(samples):
    return tuple(statistics.median(s[i] for s in samples) for i in range(3))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("root")
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    build, root = pathlib.Path(args.build).resolve(), pathlib.Path(args.root).resolve()
    tool, floor = build / "tenderscore", build / "tests/bench/bench_floor"
    packs = build / "bench-packs"
    work = build / "bench-out"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    config = work / "bench.properties"
    # The 50,000-bid scores file is over 64 MiB, with about 4,800,000 nodes.
    config.write_text("limits.maxFileBytes = 1073741824\nlimits.maxNodes = 20000000\n")
    print(f"machine: {os.cpu_count()} cores; {args.runs} runs each, alternating; medians")
    print(f"{'bids':>7} {'program':<9} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9}   ratio to floor (wall, memory)")
    results = {}
    for size in [int(s) for s in args.sizes.split(",")]:
        pack = packs / str(size)
        if not (pack / "scores.xml").exists():
            subprocess.run([sys.executable, str(root / "tests/bench/generate.py"), "--bids", str(size), "--seed", "1",
                            "--out", str(pack)], check=True)
        evaluate = [str(tool), "evaluate", "--tender", str(pack / "tender.xml"), "--bids", str(pack / "bids"),
                    "--scores", str(pack / "scores.xml"), "--out", str(work / "out"), "--config", str(config)]
        floor_command = [str(floor), str(pack), str(work / "floor.xlsx")]
        floor_samples, evaluate_samples = [], []
        for _ in range(args.runs):
            floor_samples.append(measure(floor_command))
            evaluate_samples.append(measure(evaluate))
        f, e = medians(floor_samples), medians(evaluate_samples)
        results[size] = (f, e)
        print(f"{size:>7} {'floor':<9} {f[0]:>8.2f} {f[1]:>8.2f} {f[2] / 2**20:>9.0f}")
        print(f"{size:>7} {'evaluate':<9} {e[0]:>8.2f} {e[1]:>8.2f} {e[2] / 2**20:>9.0f}   "
              f"{e[0] / f[0]:.2f}x, {e[2] / f[2]:.2f}x")
    essex = root / "samples/essex-2023-block"
    essex_runs = sorted(measure([str(tool), "evaluate", "--tender", str(essex / "tender.xml"), "--bids",
                                 str(essex / "bids"), "--scores", str(essex / "scores.xml"), "--out",
                                 str(work / "essex")])[0] for _ in range(11))
    essex_wall = statistics.median(essex_runs)
    print(f"\nEssex sample (9 bids), whole process: median {essex_wall * 1000:.1f} ms of 11 runs "
          f"(target under {TARGET_ESSEX * 1000:.0f} ms): {'met' if essex_wall < TARGET_ESSEX else 'NOT MET'}")
    if 10000 in results:
        f, e = results[10000]
        print(f"10,000 bids: wall {e[0] / f[0]:.2f}x the floor (target {TARGET_WALL}x): "
              f"{'met' if e[0] / f[0] <= TARGET_WALL else 'NOT MET'}; memory {e[2] / f[2]:.2f}x "
              f"(target {TARGET_MEMORY}x): {'met' if e[2] / f[2] <= TARGET_MEMORY else 'NOT MET'}")
        if 50000 in results:
            scaling = results[50000][1][0] / e[0]
            print(f"50,000 / 10,000 bids evaluate wall: {scaling:.2f}x (target {TARGET_SCALING}x): "
                  f"{'met' if scaling <= TARGET_SCALING else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
