"""`python -m oversight demo`: write the demo province's Excel exports; with --load, also load them into the
database (only one without active real uploads: the demo is never counted with real data)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from oversight.config import load_settings
from oversight.demo.generator import DEFAULT_SEED, generate


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="Tạo dữ liệu mẫu (các file Excel của một tỉnh mẫu)",
        description="Tạo các file Excel mẫu (nhiệm vụ, hồ sơ TTHC, Biểu 06, phản ánh 1022) từ 01/2025 đến 10/2026.",
    )
    parser.add_argument("--out", type=Path, default=None, help="Thư mục ghi file (mặc định: data/demo)")
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"Hạt giống ngẫu nhiên (mặc định {DEFAULT_SEED})"
    )
    parser.add_argument("--force", action="store_true", help="Ghi đè dữ liệu mẫu đã có")
    parser.add_argument(
        "--workers", type=int, default=min(2, os.cpu_count() or 1), help="Số tiến trình ghi file song song"
    )
    parser.add_argument(
        "--load",
        action="store_true",
        help="Nạp dữ liệu minh họa vào cơ sở dữ liệu (chỉ khi chưa có dữ liệu thật nào đang hiệu lực)",
    )
    parser.add_argument("--db", type=Path, default=None, help="Tệp cơ sở dữ liệu (với --load)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.load:
        return run_load(args)
    out = args.out or load_settings().demo_dir
    try:
        manifest = generate(out, seed=args.seed, force=args.force, workers=args.workers)
    except FileExistsError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    totals = {k: f"{v:,}".replace(",", ".") for k, v in manifest.totals.items()}
    seconds = f"{manifest.generated_seconds:.1f}".replace(".", ",")
    print(
        f"Đã tạo {len(manifest.files)} file trong {out} sau {seconds} giây: "
        f"{totals['cases']} hồ sơ, {totals['tasks']} nhiệm vụ, {totals['feedback']} phản ánh."
    )
    return 0


def run_load(args: argparse.Namespace) -> int:
    """Bring the demo back (oversight.bootstrap.bring_back_demo): refused while real data is active."""
    from oversight import bootstrap
    from oversight.db import open_database

    settings = load_settings(args.db)
    con = open_database(settings.db_path)
    try:
        ids = bootstrap.bring_back_demo(con, settings)
    except bootstrap.DemoRefused as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        con.close()
    if ids:
        print(f"Đã nạp dữ liệu minh họa: {len(ids)} lần tải lên được tính vào số liệu.")
    else:
        print("Dữ liệu minh họa đang được tính; không thay đổi gì.")
    return 0
