"""The national job over the provinces' facts lake (issue 15, part 5): a spark-submit entry point.

    spark-submit oversight/lake_job.py --lake s3a://bucket/lake --out s3a://bucket/counts \\
        --from 2025-01-01 --to 2025-12-31 [--units reported|today] [--province 75]

reads every province's files under the lake root (LAKE/facts/province=*/kind=*/year=*/month=*/*.parquet, the
manifests LAKE/uploads/uploads-*.parquet, the unit files LAKE/units/), classifies them with the very text of
queries/lake/classify_<kind>.sql (and unit_today.sql, today_<kind>.sql with --units today), for every calendar month
from --from to --to, and writes per province, per unit and per month counts as Parquet: OUT/<kind>/province=<code>/
(tasks, cases, feedback), replacing what an earlier run wrote there. Any path Spark reads works (a local folder,
file://, s3a://, hdfs://): the lake is listed by Spark's own glob, never by this machine's file system.

On a cluster the job needs this package beside it: `--py-files oversight.zip` (a zip of the oversight/ folder and
queries/, made with `python -m zipfile -c oversight.zip oversight queries`), or the repository checked out on the
driver. Spark is a dev/operations dependency (requirements-dev.txt), imported here only.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

if __package__ in (None, ""):  # run as a script (spark-submit oversight/lake_job.py): the repository's root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from oversight import lake, sql  # noqa: E402 - after the path set-up above
from oversight.lake_spark import _empty_view, by_today_unit, months_view  # noqa: E402


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày không hợp lệ: «{text}» (viết YYYY-MM-DD)") from None


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="lake_job.py",
        description="Tính số liệu theo tỉnh, đơn vị và tháng trên kho dữ liệu Parquet của các tỉnh (Apache Spark).",
    )
    p.add_argument("--lake", required=True, help="thư mục gốc của kho dữ liệu (đường dẫn, s3a://…, hdfs://…)")
    p.add_argument("--out", required=True, help="thư mục ghi kết quả Parquet (ghi đè kết quả cũ)")
    p.add_argument("--from", dest="date_from", type=_date, required=True, help="ngày đầu YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_date, required=True, help="ngày cuối YYYY-MM-DD")
    p.add_argument("--units", choices=lake.UNIT_MODES, default="reported", help="đơn vị báo cáo hay đơn vị hiện nay")
    p.add_argument("--province", default=None, help="chỉ một tỉnh (mã), mặc định mọi tỉnh")
    p.add_argument("--kinds", default=",".join(lake.KINDS), help="các loại dữ liệu, cách nhau bởi dấu phẩy")
    return p


def _read(spark, pattern: str, base: str | None = None):
    """The Parquet files matching `pattern` (Spark's glob), or None when there is none."""
    from pyspark.errors import AnalysisException

    reader = spark.read if base is None else spark.read.option("basePath", base)
    try:
        return reader.parquet(pattern)
    except AnalysisException as exc:
        if "PATH_NOT_FOUND" in str(exc) or "Path does not exist" in str(exc):
            return None
        raise


def run(spark, lake_root: str, out: str, months, units: str = "reported", province: str | None = None,
        kinds=lake.KINDS) -> dict[str, int]:  # fmt: skip
    """Classify every kind over the lake at `lake_root` and write OUT/<kind>/ (partitioned by province); returns
    the number of rows written per kind (0 and nothing written when the lake holds no file of the kind)."""
    root = lake_root.rstrip("/")
    code = province or "*"
    manifests = _read(spark, f"{root}/uploads/uploads-{code}.parquet")
    if manifests is None:
        raise SystemExit(f"Kho dữ liệu «{root}» chưa có danh sách lần tải lên (uploads/uploads-<mã tỉnh>.parquet).")
    manifests.createOrReplaceTempView("lake_uploads")
    months_view(spark, months)
    if units == "today":
        registry = _read(spark, f"{root}/units/units-{code}.parquet")
        if registry is None:
            raise SystemExit(f"Kho dữ liệu «{root}» chưa có danh mục đơn vị (units/units-<mã tỉnh>.parquet).")
        registry.createOrReplaceTempView("lake_units")
        lineage = _read(spark, f"{root}/units/lineage-{code}.parquet")
        if lineage is None:
            _empty_view(spark, "unit_lineage", "lake_unit_lineage")
        else:
            lineage.createOrReplaceTempView("lake_unit_lineage")
    written = {}
    for kind in kinds:
        found = False
        for k in lake._READS[kind]:
            frame = _read(spark, f"{root}/facts/province={code}/kind={k}/year=*/month=*/*.parquet", f"{root}/facts")
            if frame is None:
                _empty_view(spark, k, f"lake_{k}")
            else:
                frame.createOrReplaceTempView(f"lake_{k}")
                found = True
        if not found:
            written[kind] = 0
            continue
        counts = sql.spark(spark, f"lake/classify_{kind}")
        if units == "today":
            counts = by_today_unit(spark, counts, kind)
        counts = counts.cache()
        written[kind] = counts.count()
        counts.write.mode("overwrite").partitionBy("province").parquet(f"{out.rstrip('/')}/{kind}")
        counts.unpersist()
    return written


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.date_to < args.date_from:
        print("Lỗi: ngày cuối trước ngày đầu.", file=sys.stderr)
        return 2
    kinds = tuple(k.strip() for k in args.kinds.split(",") if k.strip())
    unknown = [k for k in kinds if k not in lake.KINDS]
    if unknown:
        print(f"Lỗi: loại dữ liệu không hợp lệ: {', '.join(unknown)}.", file=sys.stderr)
        return 2
    from pyspark.sql import SparkSession

    # spark-submit gives the session its master and settings; these two keep the lake's reading rules
    spark = (
        SparkSession.builder.appName("oversight-lake-job")
        .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.parquet.mergeSchema", "true")
        .getOrCreate()
    )
    months = lake.month_ranges(args.date_from, args.date_to)
    written = run(spark, args.lake, args.out, months, args.units, args.province, kinds)
    for kind, count in written.items():
        print(f"{kind}: {count} dòng (tỉnh × đơn vị × tháng) → {args.out.rstrip('/')}/{kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
