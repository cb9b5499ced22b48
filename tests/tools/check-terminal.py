#!/usr/bin/env python3
"""Input never drives the terminal: a bid whose file name and values hold ESC, CSI and other C0
and C1 controls is reported with every control shown as \\xNN, by validate and by evaluate.

    check-terminal.py TOOL ROOT
"""
import os, re, subprocess, sys, tempfile

tool, root = sys.argv[1], sys.argv[2]
bad = os.path.join(root, 'tests', 'bad', 'money-forms-refused')
# Raw C0 controls (other than tab, CR and LF, which XML allows), DEL and C1 controls (U+0080 to
# U+009F, as UTF-8) anywhere in what is printed.
RAW = re.compile(rb'[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]')
failures = []
with tempfile.TemporaryDirectory() as work:
    os.mkdir(os.path.join(work, 'bids'))
    for name in ('tender.xml', 'scores.xml'):
        with open(os.path.join(bad, name), 'rb') as src, open(os.path.join(work, name), 'wb') as dst:
            dst.write(src.read())
    with open(os.path.join(bad, 'bids', 'B1.xml'), 'rb') as src:
        good = src.read()
    # A file name with ESC [31m and a C1 CSI, and a price quoting DEL and U+009B: the message quotes both.
    name = 'B1\x1b[31m\u009b2J.xml'
    hostile = good.replace(b'weeklyPrice="', b'weeklyPrice="\x7f\xc2\x9b', 1)
    with open(os.path.join(work, 'bids', name).encode(), 'wb') as out:
        out.write(hostile)
    for command in (['validate'], ['evaluate', '--out', os.path.join(work, 'out')]):
        run = subprocess.run([tool] + command + ['--tender', 'tender.xml', '--bids', 'bids', '--scores', 'scores.xml'],
                             cwd=work, capture_output=True)
        output = run.stdout + run.stderr
        if run.returncode != 65:
            failures.append(f'{command[0]}: exit {run.returncode}, expected 65:\n{output[:600]!r}')
        if RAW.search(output):
            failures.append(f'{command[0]}: a raw control character reached the terminal:\n{output[:600]!r}')
        for shown in (rb'B1\x1B[31m\xC2\x9B2J.xml', rb'\x7F\xC2\x9B'):
            if shown not in output:
                failures.append(f'{command[0]}: expected {shown!r} in the output')
if failures:
    print('\n'.join(failures))
    sys.exit(1)
print('validate and evaluate show every control character of a hostile bid as \\xNN')
