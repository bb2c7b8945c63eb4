"""`python -m oversight`: the command line (METRICS.md section 7 is its contract).

Each command lives beside the code it drives and registers itself here:
    ingest, uploads   oversight.ingest.cli
    metrics           oversight.metrics_cli
    demo              oversight.demo.cli
    users, audit      oversight.auth.cli
"""

from __future__ import annotations

import argparse
import importlib
import sys

from oversight import access
from oversight.units.provinces import ProvinceError

COMMAND_MODULES = ("oversight.ingest.cli", "oversight.metrics_cli", "oversight.demo.cli", "oversight.auth.cli")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m oversight", description="Oversight — kỷ luật, kỷ cương hành chính")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        # Only the server's operators can run the command line: they act as admins, recorded under their
        # operating-system user name.
        with access.acting_as(access.operator()):
            return int(args.handler(args) or 0)
    except ProvinceError as exc:  # OVERSIGHT_PROVINCE unknown, or the database kept for another province
        print(exc, file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("Đã dừng.", file=sys.stderr)
        return 130
