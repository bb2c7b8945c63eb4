"""The fonts the documents embed: DejaVu Sans (regular and bold; every Vietnamese glyph).

`font_files` looks for it, in order: oversight/fonts/ (a vendored copy, if the project adds one), the copy
inside the matplotlib package (mpl-data/fonts/ttf; located without importing matplotlib), then the system's
fonts-dejavu-core. Without any of them the documents still render, with fpdf2's core Helvetica and the text
stripped of diacritics, and `font_files()` returns None so a test or health check can flag it.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

_FONT_NAMES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
_PACKAGE_FONTS = Path(__file__).resolve().parent.parent / "fonts"
_SYSTEM_FONTS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/TTF"))


def _matplotlib_fonts() -> Path | None:
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


def font_files() -> dict[str, Path] | None:
    """{'': regular, 'B': bold} DejaVu Sans files, from the first folder holding both, else None."""
    folders = [_PACKAGE_FONTS, _matplotlib_fonts(), *_SYSTEM_FONTS]
    for folder in folders:
        if folder is None:
            continue
        paths = {style: folder / name for style, name in _FONT_NAMES.items()}
        if all(p.is_file() for p in paths.values()):
            return paths
    return None
