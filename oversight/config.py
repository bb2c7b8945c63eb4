"""Settings, read once from the environment with defaults that suit the bundled demo province.

Every setting that METRICS.md calls "a setting" lives here, so a province changes its policy
(cut-off day, minimum volume, weights, bands, targets) without touching a query.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from oversight.sql import QUERIES_DIR
from oversight.units.provinces import ProvinceError, resolve_province

__all__ = ["QUERIES_DIR", "ProvinceError", "Settings", "load_settings"]

ROOT = Path(__file__).resolve().parent.parent


INBOX_OFF = ("off", "none", "0", "false", "tắt")


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value) if value else default


@dataclass(frozen=True)
class Settings:
    db_path: Path
    data_dir: Path
    # The province the database is kept for (OVERSIGHT_PROVINCE): its code by Quyết định 19/2025/QĐ-TTg, its
    # name, and whether it is a "tỉnh" or a centrally-run "thành phố". Default: Đồng Nai, the demo's.
    province_code: str = "75"
    province_name: str = "Đồng Nai"
    province_kind: str = "tỉnh"
    reform_date: str = "2025-07-01"  # districts abolished, communes merged
    # "calendar" (1st..last day) or "decree09" (15th of the previous month .. 14th, Nghị định 09/2019/NĐ-CP)
    period_cutoff: str = "calendar"
    min_volume: int = 10
    weights: dict[str, float] = field(default_factory=lambda: {"tasks": 40.0, "cases": 40.0, "feedback": 20.0})
    # Band thresholds on the 0-100 discipline score, best first; below the last is "Yếu".
    bands: tuple[tuple[str, float], ...] = (("Tốt", 90.0), ("Khá", 80.0), ("Trung bình", 65.0))
    lowest_band: str = "Yếu"
    # Targets for the overview's traffic lights: (green if <=, amber if <=) for "lower is better" rates.
    targets: dict[str, tuple[float, float]] = field(
        default_factory=lambda: {
            "tasks_overdue_rate": (0.05, 0.10),
            "cases_late_rate": (0.02, 0.05),
            "feedback_overdue_rate": (0.05, 0.10),
        }
    )
    max_upload_mb: int = 200
    # Hostile-file limits (oversight/ingest/guards.py): rows and columns of one sheet, bytes a workbook may
    # decompress to, characters of one cell (Excel's own limit; longer texts are cut with a warning).
    max_rows: int = 2_000_000
    max_columns: int = 200
    max_decompressed_mb: int = 3072
    max_cell_chars: int = 32_767
    # Reading one upload (oversight/ingest/isolation.py): the child process that reads it is killed, and the
    # file refused, past this resident memory or this time.
    max_parse_mb: int = 1024
    max_parse_seconds: float = 30.0
    # How long a command or a page run waits for the database file while another process writes to it
    # (oversight.db.session), and how long a process keeps the file open after its last user is done.
    lock_wait: float = 30.0
    linger: float = 0.3
    # Reverse proxies whose X-Forwarded-For header names the real client (OVERSIGHT_TRUSTED_PROXIES, comma
    # separated addresses); nobody else's header is believed (oversight/ui/client.py).
    trusted_proxies: tuple[str, ...] = ()
    # The drop folder (oversight/inbox.py, OVERSIGHT_INBOX): None is <data folder>/inbox; "off" switches the
    # watcher off. Polled every inbox_poll seconds; a file is read once it has not changed for two polls and
    # for inbox_quiet seconds at least.
    inbox: str | None = None
    inbox_poll: float = 10.0
    inbox_quiet: float = 5.0
    # Reminder letters (oversight/letters.py): the province's own .docx template (OVERSIGHT_LETTER_TEMPLATE; None:
    # oversight/templates/thu_nhac_nho.docx) and the issuing body under the province in its header
    # (OVERSIGHT_LETTER_ISSUER).
    letter_template: Path | None = None
    letter_issuer: str = "VĂN PHÒNG"
    # The register of reminders (oversight/reminders.py): a unit reminded or criticised at least this many times
    # in the last 12 months is flagged in the rankings (OVERSIGHT_REMINDER_FLAG_COUNT, at least 1).
    reminder_flag_count: int = 2
    # The monthly report written by the service itself (oversight/report_service.py): OVERSIGHT_REPORT_DAY, the
    # day of the month (1-28) from which the previous month's report is written, as the text given (empty: off;
    # `report_day` reads it); OVERSIGHT_REPORT_DIR, the folder (default <data folder>/reports).
    report_day_text: str = ""
    report_folder: str | None = None
    # The mail server the report is sent through (oversight/mailer.py): OVERSIGHT_SMTP_HOST (empty: no e-mail),
    # _PORT (default 587 with STARTTLS, else 25; 465 is TLS from the start), _USER, _PASSWORD, _FROM, _TO (comma
    # separated), _STARTTLS (1/0; default on for port 587), _TIMEOUT (seconds, default 30).
    smtp_host: str = ""
    smtp_port: int | None = None
    smtp_user: str = ""
    smtp_password: str = field(default="", repr=False)
    smtp_from: str = ""
    smtp_to: tuple[str, ...] = ()
    smtp_starttls: bool | None = None
    smtp_timeout: float = 30.0
    # The facts lake every upload also writes (oversight/lake.py, issue 15): OVERSIGHT_LAKE_DIR, the folder (None,
    # unset: <folder of the database>/lake); an empty value or "off" switches it off. lake_narrow
    # (OVERSIGHT_LAKE_NARROW=1): leave the free-text columns out of the files (a province that must not send them).
    lake_folder: str | None = None
    lake_narrow: bool = False

    @property
    def lake_dir(self) -> Path | None:
        """The facts lake folder of this settings' database, None when switched off."""
        return self.lake_dir_for(self.db_path)

    def lake_dir_for(self, db_path: str | Path | None) -> Path | None:
        """The facts lake folder of the database file `db_path` (None for an in-memory database, or when off)."""
        if self.lake_folder is not None:
            text = self.lake_folder.strip()
            return None if not text or text.lower() in INBOX_OFF else Path(text)
        if db_path is None or str(db_path) in ("", ":memory:"):
            return None
        return Path(db_path).parent / "lake"

    @property
    def province_label(self) -> str:
        """ "tỉnh Đồng Nai", "thành phố Hà Nội"."""
        return f"{self.province_kind} {self.province_name}"

    @property
    def province_title(self) -> str:
        """The issuing body in title rows and page headers: "UBND TỈNH ĐỒNG NAI", "UBND THÀNH PHỐ HÀ NỘI"."""
        return f"UBND {self.province_label.upper()}"

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def inbox_dir(self) -> Path | None:
        """The drop folder the service watches, or None when switched off (OVERSIGHT_INBOX=off)."""
        if self.inbox is None or not self.inbox.strip():
            return self.data_dir / "inbox"
        if self.inbox.strip().lower() in INBOX_OFF:
            return None
        return Path(self.inbox)

    @property
    def report_day(self) -> int | None:
        """The day of the month the service writes the previous month's report (1-28), None when off or not a
        day from 1 to 28 (`report_day_problem` says so)."""
        text = self.report_day_text.strip()
        if text.isdigit() and 1 <= int(text) <= 28:
            return int(text)
        return None

    @property
    def report_day_problem(self) -> str | None:
        """Why OVERSIGHT_REPORT_DAY is not used, in Vietnamese (None when it is unset or valid)."""
        text = self.report_day_text.strip()
        if not text or self.report_day is not None:
            return None
        return f"OVERSIGHT_REPORT_DAY=«{text}» không hợp lệ (một ngày từ 1 đến 28): báo cáo tháng tự động đang tắt"

    @property
    def report_dir(self) -> Path:
        """Where the service writes the monthly reports (OVERSIGHT_REPORT_DIR, default <data folder>/reports)."""
        return Path(self.report_folder) if self.report_folder else self.data_dir / "reports"

    @property
    def demo_dir(self) -> Path:
        return self.data_dir / "demo"


def load_settings(db_path: str | Path | None = None) -> Settings:
    data_dir = _env_path("OVERSIGHT_DATA", ROOT / "data")
    if db_path is None:
        db_path = _env_path("OVERSIGHT_DB", data_dir / "oversight.duckdb")
    kwargs: dict = {}
    if os.environ.get("OVERSIGHT_PERIOD_CUTOFF"):
        kwargs["period_cutoff"] = os.environ["OVERSIGHT_PERIOD_CUTOFF"]
    if os.environ.get("OVERSIGHT_MIN_VOLUME"):
        kwargs["min_volume"] = int(os.environ["OVERSIGHT_MIN_VOLUME"])
    if os.environ.get("OVERSIGHT_MAX_PARSE_MB"):
        kwargs["max_parse_mb"] = int(os.environ["OVERSIGHT_MAX_PARSE_MB"])
    if os.environ.get("OVERSIGHT_MAX_PARSE_SECONDS"):
        kwargs["max_parse_seconds"] = float(os.environ["OVERSIGHT_MAX_PARSE_SECONDS"])
    if os.environ.get("OVERSIGHT_LOCK_WAIT"):
        kwargs["lock_wait"] = float(os.environ["OVERSIGHT_LOCK_WAIT"])
    if os.environ.get("OVERSIGHT_DB_LINGER"):
        kwargs["linger"] = float(os.environ["OVERSIGHT_DB_LINGER"])
    if os.environ.get("OVERSIGHT_INBOX", "").strip():
        kwargs["inbox"] = os.environ["OVERSIGHT_INBOX"].strip()
    if os.environ.get("OVERSIGHT_INBOX_POLL"):
        kwargs["inbox_poll"] = max(0.1, float(os.environ["OVERSIGHT_INBOX_POLL"]))
    if os.environ.get("OVERSIGHT_INBOX_QUIET"):
        kwargs["inbox_quiet"] = max(0.0, float(os.environ["OVERSIGHT_INBOX_QUIET"]))
    if os.environ.get("OVERSIGHT_REMINDER_FLAG_COUNT", "").strip():
        kwargs["reminder_flag_count"] = max(1, int(os.environ["OVERSIGHT_REMINDER_FLAG_COUNT"]))
    if os.environ.get("OVERSIGHT_TRUSTED_PROXIES"):
        kwargs["trusted_proxies"] = tuple(
            p.strip() for p in os.environ["OVERSIGHT_TRUSTED_PROXIES"].split(",") if p.strip()
        )
    if os.environ.get("OVERSIGHT_LETTER_TEMPLATE", "").strip():
        kwargs["letter_template"] = Path(os.environ["OVERSIGHT_LETTER_TEMPLATE"].strip())
    if os.environ.get("OVERSIGHT_LETTER_ISSUER", "").strip():
        kwargs["letter_issuer"] = os.environ["OVERSIGHT_LETTER_ISSUER"].strip()
    kwargs.update(_report_settings())
    if "OVERSIGHT_LAKE_DIR" in os.environ:
        kwargs["lake_folder"] = os.environ["OVERSIGHT_LAKE_DIR"]
    kwargs["lake_narrow"] = os.environ.get("OVERSIGHT_LAKE_NARROW", "").strip().lower() in ON_WORDS
    if os.environ.get("OVERSIGHT_PROVINCE", "").strip():
        # an unknown value raises ProvinceError (Vietnamese, names the value and how to write it)
        province = resolve_province(os.environ["OVERSIGHT_PROVINCE"])
        kwargs.update(province_code=province.code, province_name=province.name, province_kind=province.kind)
    return Settings(db_path=Path(db_path), data_dir=data_dir, **kwargs)


ON_WORDS = ("1", "true", "yes", "on", "có", "bật")


def _report_settings() -> dict:
    """The monthly report's schedule and mail server from the environment (a port that is not a number is left to
    the default; the mailer reports what fails)."""
    env = os.environ
    out: dict = {"report_day_text": env.get("OVERSIGHT_REPORT_DAY", "").strip()}
    if env.get("OVERSIGHT_REPORT_DIR", "").strip():
        out["report_folder"] = env["OVERSIGHT_REPORT_DIR"].strip()
    for key in ("host", "user", "from"):
        out[f"smtp_{key}"] = env.get(f"OVERSIGHT_SMTP_{key.upper()}", "").strip()
    out["smtp_password"] = env.get("OVERSIGHT_SMTP_PASSWORD", "")
    out["smtp_to"] = tuple(a.strip() for a in env.get("OVERSIGHT_SMTP_TO", "").split(",") if a.strip())
    port = env.get("OVERSIGHT_SMTP_PORT", "").strip()
    if port.isdigit():
        out["smtp_port"] = int(port)
    starttls = env.get("OVERSIGHT_SMTP_STARTTLS", "").strip().lower()
    if starttls:
        out["smtp_starttls"] = starttls in ON_WORDS
    timeout = env.get("OVERSIGHT_SMTP_TIMEOUT", "").strip()
    try:
        if timeout:
            out["smtp_timeout"] = min(300.0, max(1.0, float(timeout)))
    except ValueError:
        pass
    return out
