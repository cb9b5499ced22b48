"""The audit log's entry hash (docs/audit.md), computed independently of the tool, as someone
rewriting the log would: the tests that rewrite a log consistently use it. Standard library only."""

import hashlib


def field(name, value):
    data = str(value).encode()
    return name.encode() + b"=" + str(len(data)).encode() + b":" + data + b"\n"


def entry_hash(db, number, previous_hex):
    """The hash of run `number` of the SQLite log `db`, chained to `previous_hex`."""
    row = db.execute("SELECT run_time, actor, reason, tool_version, tender, results_hash, workbook_hash "
                     "FROM runs WHERE number = ?", (number,)).fetchone()
    inputs = db.execute("SELECT role, name, hash FROM run_inputs WHERE run = ? ORDER BY position", (number,)).fetchall()
    content = field("format", "tenderscore-audit/1") + field("number", number) + field("runTime", row[0])
    for name, value in zip(["actor", "reason", "toolVersion", "tender", "results", "workbook"], row[1:]):
        content += field(name, value)
    content += field("inputs", len(inputs))
    for role, name, digest in inputs:
        content += field("role", role) + field("name", name) + field("sha256", digest)
    leaf = hashlib.sha256(b"\x00" + content).digest()
    return hashlib.sha256(b"\x01" + bytes.fromhex(previous_hex) + leaf).hexdigest()
