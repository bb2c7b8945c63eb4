"""`python -m oversight metrics`: one record per unit, exactly per METRICS.md section 7.

    metrics [--db PATH] --from YYYY-MM-DD --to YYYY-MM-DD [--group department|district|commune|all]
            [--units reported|today] [--format json|csv]

JSON is a list of objects, CSV a header row with the same names; rates are fractions 0..1; an empty value
is null in JSON and an empty cell in CSV.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from datetime import date

from oversight import metrics, periods
from oversight.config import load_settings

CLI_FIELDS = tuple(f for f in metrics.UNIT_FIELDS if f != "ranked")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"ngày không hợp lệ: {text!r} (định dạng YYYY-MM-DD)") from exc


def register(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "metrics",
        help="số liệu theo đơn vị cho một kỳ (JSON hoặc CSV)",
        description="In số liệu theo từng đơn vị trong khoảng [--from, --to] (METRICS.md mục 7).",
    )
    parser.add_argument("--db", default=None, help="tệp DuckDB (mặc định: OVERSIGHT_DB hoặc data/oversight.duckdb)")
    parser.add_argument("--from", dest="start", required=True, type=_day, help="từ ngày (YYYY-MM-DD)")
    parser.add_argument("--to", dest="end", required=True, type=_day, help="đến ngày (YYYY-MM-DD)")
    parser.add_argument("--group", default="all", choices=("department", "district", "commune", "all"))
    parser.add_argument("--units", default="reported", choices=metrics.UNIT_MODES)
    parser.add_argument("--format", dest="fmt", default="json", choices=("json", "csv"))
    parser.set_defaults(handler=run)
    return parser


def _value(value):
    """A JSON-ready plain value: None for every kind of missing, int for integral counts."""
    value = metrics._plain(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def records(frame) -> list[dict]:
    return [{field: _value(row[field]) for field in CLI_FIELDS} for _, row in frame.iterrows()]


def run(args: argparse.Namespace, out=None) -> int:
    out = out or sys.stdout
    if args.end < args.start:
        print(f"Lỗi: --from ({args.start:%d/%m/%Y}) sau --to ({args.end:%d/%m/%Y}).", file=sys.stderr)
        return 2
    from oversight.db import connection

    settings = load_settings(args.db)
    con = connection(settings.db_path).cursor()  # on the command's session (oversight.cli)
    try:
        # the named period the range is (its previous period is the ranking's comparison), else custom; a range
        # beyond the usable span stays custom, for unit_metrics to refuse with its message
        first, last = periods.usable_span()
        named = first <= args.start and args.end <= last
        if named:
            period = periods.period_for_range(args.start, args.end, settings.period_cutoff)
        else:
            period = periods.custom(args.start, args.end)
        frame = metrics.unit_metrics(con, period, group=args.group, units=args.units, settings=settings)
    except ValueError as exc:  # a range outside the plausible span of data
        print(f"Lỗi: {exc}.", file=sys.stderr)
        return 2
    finally:
        con.close()
    rows = records(frame)
    if args.fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        writer = csv.DictWriter(out, fieldnames=list(CLI_FIELDS), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return 0
