#!/usr/bin/env python3
"""Validates JSON documents against a JSON Schema (draft 2020-12); exits 1 naming every error."""
import json
import sys

import jsonschema


def main() -> int:
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failed = False
    for path in sys.argv[2:]:
        document = json.load(open(path, encoding="utf-8"))
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.path)):
            failed = True
            print(f"{path}: {'/'.join(map(str, error.path))}: {error.message}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
