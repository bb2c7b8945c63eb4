"""The facts lake's classification run by Apache Spark SQL (issue 15, part 5): the same Parquet files and the same
text of queries/lake/classify_<kind>.sql that oversight.lake.counts_over_lake runs on DuckDB.

    counts_on_spark(lake_dir, kind, months, province_code=None) -> pandas frame shaped like counts_over_lake's

Spark (pyspark, with a Java runtime) is a test and operations tool, not a dependency of the product: it is listed in
requirements-dev.txt only, and imported inside the functions here, so that nothing else needs it. One local
SparkSession per process (master local[2], no web UI, a small driver, times in UTC), made on first use and stopped
when the process exits. Partition keys (province, kind, year, month) are read as text, as DuckDB reads them
(hive_types_autocast = false). A national cluster would run the same SQL the same way with spark-submit
(README, «Kho dữ liệu Parquet»).
"""

from __future__ import annotations

import atexit
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from oversight import lake, sql

_session = None


def spark_session():
    """The process's local SparkSession (made once, stopped at exit)."""
    global _session
    if _session is None:
        from pyspark.sql import SparkSession

        _session = (
            SparkSession.builder.master("local[2]")
            .appName("oversight-lake")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.memory", "512m")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
            .config("spark.sql.parquet.mergeSchema", "true")
            .getOrCreate()
        )
        _session.sparkContext.setLogLevel("ERROR")
        atexit.register(stop_session)
    return _session


def stop_session() -> None:
    global _session
    if _session is not None:
        _session.stop()
        _session = None


def _empty_view(spark, kind: str, name: str) -> None:
    """An empty lake_<kind> with the columns the classification reads: the table of queries/lake/empty_<kind>.sql
    (one definition for both engines), handed from DuckDB to Spark as an Arrow table."""
    con = duckdb.connect(":memory:")
    try:
        sql.run(con, f"lake/empty_{kind}")
        table = con.table(f"lake_{kind}").to_arrow_table()
    finally:
        con.close()
    spark.createDataFrame(table).createOrReplaceTempView(name)


def counts_on_spark(
    lake_dir: str | Path,
    kind: str,
    months: Sequence[tuple[date, date]],
    province_code: str | None = None,
    units: str = "reported",
) -> pd.DataFrame:
    """As oversight.lake.counts_over_lake, run by Spark SQL: per province, unit and month of `months`, the counts of
    queries/lake/classify_<kind>.sql over the lake's Parquet files (`units` 'today': summed under today's units,
    lake/unit_today.sql and lake/today_<kind>.sql). Empty when the lake holds no file of the kind."""
    lake._check(kind, units)
    lake_dir = Path(lake_dir)
    manifests = sorted(str(p) for p in (lake_dir / "uploads").glob(f"uploads-{province_code or '*'}.parquet"))
    files = {k: lake._files(lake_dir, k, province_code) for k in lake._READS[kind]}
    if not manifests or not any(files.values()) or not months:
        return pd.DataFrame()
    spark = spark_session()
    spark.read.parquet(*manifests).createOrReplaceTempView("lake_uploads")
    for k, names in files.items():
        if names:
            # basePath: the Hive partition keys of the folders below facts/ become columns (text, see above)
            frame = spark.read.option("basePath", str(lake_dir / "facts")).parquet(*names)
            frame.createOrReplaceTempView(f"lake_{k}")
        else:
            _empty_view(spark, k, f"lake_{k}")
    months_view(spark, months)
    counts = sql.spark(spark, f"lake/classify_{kind}")
    if units == "today":
        unit_files, lineage_files = lake._unit_files(lake_dir, province_code)
        if not unit_files:
            raise ValueError(f"kho dữ liệu «{lake_dir}» chưa có danh mục đơn vị (units/units-<mã tỉnh>.parquet)")
        spark.read.parquet(*unit_files).createOrReplaceTempView("lake_units")
        if lineage_files:
            spark.read.parquet(*lineage_files).createOrReplaceTempView("lake_unit_lineage")
        else:
            _empty_view(spark, "unit_lineage", "lake_unit_lineage")
        counts = by_today_unit(spark, counts, kind)
    return counts.toPandas()


def months_view(spark, months: Sequence[tuple[date, date]]) -> None:
    """The periods asked for as the temporary view lake_months (month_from, month_to)."""
    spark.createDataFrame([(m[0], m[1]) for m in months], ["month_from", "month_to"]).createOrReplaceTempView(
        "lake_months"
    )


def by_today_unit(spark, counts, kind: str):
    """A classification's result (a Spark DataFrame per reported unit) summed under today's units: the views
    lake_units and lake_unit_lineage must be registered; the same lake/unit_today.sql and today_<kind>.sql text."""
    sql.spark(spark, "lake/unit_today").createOrReplaceTempView("lake_unit_today")
    counts.createOrReplaceTempView("lake_counts")
    return sql.spark(spark, f"lake/today_{kind}")
