#!/usr/bin/env python3
"""check-doc-json.py DOC NAME JSON: the JSON block between <!-- NAME:begin --> and <!-- NAME:end -->
in DOC is, member for member, a value found in the JSON file (an object, array or scalar anywhere in
it), so that a document quoting an output cannot drift from it."""
import json
import re
import sys


def values(node):
    yield node
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    for child in children:
        yield from values(child)


def main():
    doc, name, path = sys.argv[1:4]
    text = open(doc, encoding="utf-8").read()
    block = re.search(rf"<!-- {name}:begin -->\s*```json\n(.*?)```\s*<!-- {name}:end -->", text, re.S)
    if block is None:
        sys.exit(f"{doc}: no json block '{name}'")
    quoted = json.loads(block.group(1))
    document = json.load(open(path, encoding="utf-8"))
    if not any(quoted == value for value in values(document)):
        sys.exit(f"{doc}: block '{name}' is not in {path}")
    print(f"{doc}: block '{name}' is in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
