"""Low-level writing: cell values in the file's habits (dates, Unicode form, spaces) and sheet helpers.

Everything is written with openpyxl's write-only mode (merged ranges are recorded on the streaming
sheet, which openpyxl writes at the end); web-style case lists are HTML tables saved as .xls.
"""

from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

EXCEL_EPOCH = datetime(1899, 12, 30)
DATE_MODES = ("datetime", "text", "serial", "text_time_first", "text_dash")

_THIN = Side(style="thin")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
FONT = Font(name="Times New Roman", size=12)
BOLD = Font(name="Times New Roman", size=12, bold=True)
BOLD_UNDERLINE = Font(name="Times New Roman", size=12, bold=True, underline="single")
ITALIC = Font(name="Times New Roman", size=12, italic=True)
TITLE = Font(name="Times New Roman", size=14, bold=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


@dataclass(frozen=True)
class Habits:
    """How one file writes its values (chosen per kind and month, see generator.habits_for)."""

    date_mode: str = "datetime"
    nfd: bool = False
    nbsp: bool = False
    synonyms: int = 0  # which header synonym set
    spelling: int = 0  # habitual unit-name spelling
    period_words: bool = False  # "Tháng 10/2025" instead of "Từ ngày … đến ngày …"


def serial(dt: datetime) -> float:
    delta = dt - EXCEL_EPOCH
    return round(delta.days + delta.seconds / 86400, 8)


def date_value(value: datetime | date | None, habits: Habits, date_only: bool = False):
    """A date or date-time as this file writes it. Minutes only; a 00:00 time is written as a date."""
    if value is None:
        return None
    dt = value if isinstance(value, datetime) else datetime.combine(value, time(0))
    no_time = date_only or dt.time() == time(0)
    mode = habits.date_mode
    if mode == "datetime":
        return dt
    if mode == "serial":
        return int(serial(dt)) if no_time else serial(dt)
    if mode == "text_dash":
        return dt.strftime("%d-%m-%Y") if no_time else dt.strftime("%d-%m-%Y %H:%M")
    if mode == "text_time_first" and not no_time:
        return dt.strftime("%H:%M %d/%m/%Y")
    return dt.strftime("%d/%m/%Y") if no_time else dt.strftime("%d/%m/%Y %H:%M")


def text(value: str, habits: Habits) -> str:
    if habits.nfd:
        return unicodedata.normalize("NFD", value)
    return value


def unit_text(name: str, habits: Habits, row: int = 0) -> str:
    """A unit name with the file's spacing habits (non-breaking spaces, a stray trailing space)."""
    if habits.nbsp:
        name = name.replace(" ", "\u00a0", 1)
        if row % 7 == 3:
            name = name + " "
    return text(name, habits)


def period_title(first: date, last: date, habits: Habits) -> str:
    if habits.period_words:
        return f"Tháng {first.month:02d}/{first.year}"
    return f"Từ ngày {first:%d/%m/%Y} đến ngày {last:%d/%m/%Y}"


class Sheet:
    """A streaming worksheet that keeps its row number and records merged ranges."""

    def __init__(self, ws, widths: list[float] | None = None):
        self.ws = ws
        self.row = 0
        for i, w in enumerate(widths or [], start=1):
            ws.column_dimensions[get_column_letter(i)].width = w

    def cell(self, value, font=None, align=None, border=None, number_format=None):
        c = WriteOnlyCell(self.ws, value=value)
        if isinstance(value, str) and value.startswith("="):
            c.data_type = "s"  # free text, never a formula
        if font is not None:
            c.font = font
        if align is not None:
            c.alignment = align
        if border is not None:
            c.border = border
        if number_format is not None:
            c.number_format = number_format
        return c

    def append(self, values) -> int:
        self.ws.append(values)
        self.row += 1
        return self.row

    def merge(self, first_col: int, last_col: int, first_row: int | None = None, last_row: int | None = None):
        r1 = first_row or self.row
        r2 = last_row or r1
        if first_col == last_col and r1 == r2:
            return
        self.ws.merged_cells.add(f"{get_column_letter(first_col)}{r1}:{get_column_letter(last_col)}{r2}")

    def styled(self, values, font=FONT, align=CENTER, border=None):
        return self.append([None if v is None else self.cell(v, font, align, border) for v in values])

    def data_row(self, values, date_cols: frozenset[int] = frozenset()):
        out = []
        for i, v in enumerate(values):
            if isinstance(v, datetime):
                fmt = "dd/mm/yyyy" if v.time() == time(0) else "dd/mm/yyyy hh:mm"
                out.append(self.cell(v, number_format=fmt))
            elif isinstance(v, str) and v.startswith("="):
                out.append(self.cell(v))
            elif i in date_cols and isinstance(v, float):
                out.append(self.cell(v, number_format="0.00000"))
            else:
                out.append(v)
        return self.append(out)

    def letterhead(self, width: int, issuer: tuple[str, str], habits: Habits, left_width: int | None = None) -> None:
        """The two-sided heading: the issuing body on the left, the national motto on the right."""
        left = left_width or max(2, width // 3)
        pad = [None] * (width - left - 1)
        nation, motto = text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", habits), text("Độc lập - Tự do - Hạnh phúc", habits)
        self.styled([text(issuer[0], habits), *[None] * (left - 1), nation, *pad], font=BOLD)
        self.merge(1, left)
        self.merge(left + 1, width)
        self.styled([text(issuer[1], habits), *[None] * (left - 1), motto, *pad], font=BOLD_UNDERLINE)
        self.merge(1, left)
        self.merge(left + 1, width)

    def title(self, value: str, width: int, font=TITLE) -> None:
        self.styled([value, *[None] * (width - 1)], font=font)
        self.merge(1, width)

    def signature(self, width: int, signer: str, habits: Habits, left_width: int = 3) -> None:
        right = width - left_width
        self.append([])
        self.styled(
            [
                text("Người lập biểu", habits),
                *[None] * (left_width - 1),
                text("KT. CHỦ TỊCH", habits),
                *[None] * (right - 1),
            ],
            font=BOLD,
        )
        self.merge(1, left_width)
        self.merge(left_width + 1, width)
        self.styled([None] * left_width + [text("PHÓ CHỦ TỊCH", habits), *[None] * (right - 1)], font=BOLD)
        self.merge(left_width + 1, width)
        self.append([])
        self.append([])
        self.styled(
            [text("Trần Thị Mỹ Linh", habits), *[None] * (left_width - 1), text(signer, habits), *[None] * (right - 1)],
            font=BOLD,
        )
        self.merge(1, left_width)
        self.merge(left_width + 1, width)


# --- HTML tables, as web one-stop systems "export to Excel" --------------------------------------------


def html_cell(value, tag: str = "td", rowspan: int = 1, colspan: int = 1, style: str = "") -> str:
    attrs = ""
    if rowspan > 1:
        attrs += f' rowspan="{rowspan}"'
    if colspan > 1:
        attrs += f' colspan="{colspan}"'
    if style:
        attrs += f' style="{style}"'
    shown = "" if value is None else html.escape(str(value), quote=False)
    return f"<{tag}{attrs}>{shown}</{tag}>"


HTML_HEAD = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">\n'
    '<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n<meta charset="utf-8">\n'
    "<style>td, th {{ font-family: 'Times New Roman'; font-size: 12pt; mso-number-format: '\\@'; }}</style>\n"
    "<title>{title}</title>\n</head>\n<body>\n"
)
