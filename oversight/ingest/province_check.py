"""A file of another province is refused as a whole, naming that province.

National systems write the province after each unit ("UBND xã Lâm Thao - Tỉnh Phú Thọ", "Sở Công Thương -
tỉnh Phú Thọ"), and title rows name the issuing body ("UBND TỈNH PHÚ THỌ"). A file is another province's when

- at least half of its rows that name a unit carry the suffix of one other province, and more of them than
  carry ours (a few stray rows are rejected one by one by the matcher instead); or
- no row carries our suffix, and the title rows name exactly one province, not ours, as the issuing body
  ("UBND TỈNH X" / "UBND THÀNH PHỐ X" with X a province or a centrally-run city, never a provincial city
  such as "UBND THÀNH PHỐ BIÊN HÒA", which names no province and decides nothing).

A former province merged into ours counts as ours: a Vĩnh Phúc file of May 2025 belongs in a Phú Thọ database.
"""

from __future__ import annotations

import re
from collections import Counter

import pyarrow as pa
import pyarrow.compute as pc

from oversight.config import load_settings
from oversight.ingest.errors import StructuralError
from oversight.ingest.headers import HeaderBlock
from oversight.ingest.readers import Sheet
from oversight.text import clean, fold
from oversight.units.names import parse_name
from oversight.units.provinces import Province, belongs_to, named_province, successor, suffix_province

_ISSUER = re.compile(r"^(?:ubnd|uy ban nhan dan)\s+(tinh|thanh pho|tp\.?)\s+(.+)$")


def _who(p: Province) -> str:
    """ "tỉnh Phú Thọ"; a former province with the one it is part of today."""
    if p.current:
        return p.label
    return f"{p.label} (nay thuộc {successor(p).label})"


def _title_provinces(sheet: Sheet, block: HeaderBlock) -> set[Province]:
    found = set()
    for row in sheet.head[: block.top]:
        for cell in row:
            for line in str(cell or "").splitlines():
                m = _ISSUER.match(fold(line))
                if m:
                    named = named_province(m.group(2), "tinh" if m.group(1) == "tinh" else "thanh pho")
                    if named is not None:
                        found.add(named)
    return found


def _unit_names(table: pa.Table, block: HeaderBlock) -> list[tuple[str, int]]:
    """(name, rows) per distinct unit cell, in the order the names first appear (a case list of two million
    rows names a few hundred units: each is parsed once)."""
    col = block.mapping.columns.get("unit")
    if col is None or f"c{col}" not in table.column_names:
        return []
    column = table.column(f"c{col}")
    if not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type):
        column = pc.cast(column, pa.string(), safe=False)
    counted = pc.value_counts(column)
    out: dict[str, int] = {}
    for value, count in zip(counted.field("values").to_pylist(), counted.field("counts").to_pylist(), strict=True):
        name = clean(value)
        if name:
            out[name] = out.get(name, 0) + count
    return list(out.items())


def check_file_province(sheet: Sheet, block: HeaderBlock, table: pa.Table) -> None:
    """Raise StructuralError when the file is another province's (see the module's docstring)."""
    settings = load_settings()
    own = settings.province_code
    names = _unit_names(table, block)
    rows = sum(n for _name, n in names)
    ours, others = 0, Counter()
    examples: dict[Province, str] = {}
    for name, n in names:
        parsed = parse_name(name)
        named = suffix_province(parsed.province, parsed.province_kind)
        if named is None:
            continue
        if belongs_to(named, own):
            ours += n
        else:
            others[named] += n
            examples.setdefault(named, name)
    here = f"{settings.province_label} đang theo dõi"
    if others:
        named, count = others.most_common(1)[0]
        if count > ours and 2 * count >= rows:
            raise StructuralError(
                f"Tệp này là số liệu của {_who(named)}, không phải của {here}: không nạp dòng nào.",
                [
                    f"{count} dòng ghi tên đơn vị kèm «{named.full_name}» (ví dụ «{examples[named]}»); "
                    + (f"chỉ {ours} dòng" if ours else "không dòng nào")
                    + f" ghi kèm {settings.province_label}.",
                    _hint(named),
                ],
            )
    if ours:
        return
    titled = _title_provinces(sheet, block)
    if len(titled) == 1:
        (named,) = titled
        if not belongs_to(named, own):
            raise StructuralError(
                f"Tệp này là số liệu của {_who(named)}, không phải của {here}: không nạp dòng nào.",
                [f"Dòng tiêu đề ghi cơ quan ban hành «{named.title}».", _hint(named)],
            )


def _hint(named: Province) -> str:
    today = named if named.current else successor(named)
    return f"Số liệu của {today.label} cần một cơ sở dữ liệu riêng, tạo với OVERSIGHT_PROVINCE=«{today.name}»."
