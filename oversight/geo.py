"""The map of the province's communes and wards: the boundaries shipped in oversight/geodata/ (one gzipped GeoJSON
per province, nothing fetched at run time), their match with the unit registry, and the coloured map.

A feature is matched to today's commune or ward by its official code (Quyết định 19/2025/QĐ-TTg, `commune:<code>` in
the registry); a feature whose code the registry does not know falls back to its name, normalised as unit names
are (oversight.units.names), when exactly one unmatched unit has it. What matches neither way is reported, features
and units alike, and a code match whose names differ (a commune renamed since the boundaries were drawn) is noted.

The colours are those of the rest of the app: a late or overdue rate is green, amber or red against the targets of
the settings (charts.traffic_light, as on the KPI cards), the score takes the band the rankings give it; a commune
without a value is grey, «Chưa có số liệu».

`python -m oversight.geo [code]` checks a province's file against the registry (default: the configured province).
"""

from __future__ import annotations

import gzip
import json
import math
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from oversight import access, charts, db, explain
from oversight import formatting as fmt
from oversight.config import Settings, load_settings
from oversight.units.names import parse_name
from oversight.units.registry import load_admin_units

GEODATA = Path(__file__).with_name("geodata")
MAX_FILE_BYTES = 8 * 1024 * 1024  # a province's file as stored (compressed)
MAX_JSON_BYTES = 40 * 1024 * 1024  # unpacked
MAX_FEATURES = 2000  # the largest province has 168 communes and wards
MAX_NAME_CHARS = 200
GEOMETRIES = ("Polygon", "MultiPolygon")

ATTRIBUTION = (
    "Nguồn ranh giới: kho dữ liệu mở thanglequoc/vietnamese-provinces-database (giấy phép MIT, © 2021 Thang Le Quoc), "
    "xây dựng từ Bản đồ tham chiếu đơn vị hành chính Việt Nam (Vietnam Administrative Units Reference Map) của "
    "Nhà xuất bản Tài nguyên – Môi trường và Bản đồ Việt Nam (Bộ Nông nghiệp và Môi trường). "
    "Ranh giới đã được đơn giản hóa, chỉ dùng để hiển thị, không có giá trị pháp lý."
)

NO_DATA = "Chưa có số liệu"
# The traffic lights' words, as on the KPI cards (oversight/ui/components.py)
LIGHT_WORDS = {"green": "Đạt mục tiêu", "amber": "Cần chú ý", "red": "Vượt ngưỡng"}
LIGHT_COLOURS = {"green": charts.GREEN, "amber": charts.AMBER, "red": charts.RED}
# Score bands, best first: the best green, the lowest red, those between from olive to amber
BAND_COLOURS = (charts.GREEN, "#6E9B2F", charts.AMBER, "#D4581C")
# The metrics a map can show: those of the rankings
METRICS = ("score", "tasks_overdue_rate", "cases_late_rate", "feedback_overdue_rate")
KIND_OF = {rate: kind for kind, rate in explain.RATES.items()}


class GeoError(ValueError):
    """A province's boundaries cannot be read (the message is Vietnamese, for the page)."""


@dataclass(frozen=True)
class Feature:
    code: str
    name: str
    geometry: dict  # never changed after loading (the cache hands the same object to every page run)

    def as_geojson(self) -> dict:
        return {"type": "Feature", "id": self.code, "properties": {"code": self.code}, "geometry": self.geometry}


@dataclass(frozen=True)
class Boundaries:
    province_code: str
    file_name: str
    features: tuple[Feature, ...]
    skipped: tuple[str, ...]  # why features were left out (no code, a repeated code, no polygon)
    bounds: tuple[float, float, float, float]  # west, south, east, north


def province_file(province_code: str, folder: Path | None = None) -> Path:
    """The boundaries file of a province: `<code>_*.geojson.gz` (or `.geojson`) in oversight/geodata/."""
    folder = folder or GEODATA
    code = str(province_code).strip()
    if not code.isdigit() or len(code) > 3:
        raise GeoError(f"Mã tỉnh «{code[:20]}» không hợp lệ.")
    found = sorted(folder.glob(f"{code}_*.geojson.gz")) + sorted(folder.glob(f"{code}_*.geojson"))
    if not found:
        raise GeoError(
            f"Chưa có ranh giới xã, phường của tỉnh, thành phố mã {code}: "
            f"cần tệp {code}_<tên>.geojson.gz trong thư mục oversight/geodata (xem README của thư mục đó)."
        )
    return found[0]


@lru_cache(maxsize=4)
def load_boundaries(province_code: str, folder: Path | None = None) -> Boundaries:
    """A province's features, read once per process (bounded: file size, unpacked size, feature count)."""
    path = province_file(province_code, folder)
    if path.stat().st_size > MAX_FILE_BYTES:
        raise GeoError(f"Tệp ranh giới {path.name} quá lớn (hơn {MAX_FILE_BYTES // (1024 * 1024)} MB).")
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as fh:
            raw = fh.read(MAX_JSON_BYTES + 1)
        if len(raw) > MAX_JSON_BYTES:
            raise GeoError(
                f"Tệp ranh giới {path.name} quá lớn khi giải nén (hơn {MAX_JSON_BYTES // (1024 * 1024)} MB)."
            )
        document = json.loads(raw.decode("utf-8"))
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GeoError(f"Không đọc được tệp ranh giới {path.name}: {type(exc).__name__}.") from exc
    features, skipped = read_features(document, path.name)
    if not features:
        raise GeoError(f"Tệp ranh giới {path.name} không có xã, phường nào đọc được.")
    return Boundaries(str(province_code), path.name, tuple(features), tuple(skipped), _bounds(features))


def read_features(document: object, file_name: str = "") -> tuple[list[Feature], list[str]]:
    """The usable features of a FeatureCollection and, for each one left out, why."""
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise GeoError(f"Tệp ranh giới {file_name} không phải một GeoJSON FeatureCollection.")
    raw = document.get("features")
    if not isinstance(raw, list):
        raise GeoError(f"Tệp ranh giới {file_name} không có danh sách features.")
    if len(raw) > MAX_FEATURES:
        raise GeoError(f"Tệp ranh giới {file_name} có quá nhiều đối tượng (hơn {MAX_FEATURES}).")
    features: list[Feature] = []
    skipped: list[str] = []
    seen: set[str] = set()
    for i, item in enumerate(raw, start=1):
        props = item.get("properties") if isinstance(item, dict) else None
        props = props if isinstance(props, dict) else {}
        code = str(props.get("code") or (item.get("id") if isinstance(item, dict) else "") or "").strip()
        name = str(props.get("name") or "").strip()[:MAX_NAME_CHARS]
        geometry = item.get("geometry") if isinstance(item, dict) else None
        where = f"đối tượng thứ {i}" + (f" ({name})" if name else "")
        if not code.isdigit() or len(code) > 10:
            skipped.append(f"{where}: không có mã xã, phường hợp lệ")
        elif code in seen:
            skipped.append(f"{where}: mã {code} lặp lại")
        elif not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRIES:
            skipped.append(f"{where}: không có vùng (Polygon, MultiPolygon)")
        else:
            seen.add(code)
            features.append(Feature(code, name or code, geometry))
    return features, skipped


def _points(geometry: dict) -> Iterable[tuple[float, float]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for polygon in polygons:
        for ring in polygon:
            for point in ring:
                yield float(point[0]), float(point[1])


def _bounds(features: Iterable[Feature]) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for feature in features:
        for x, y in _points(feature.geometry):
            xs.append(x)
            ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def centroid(feature: Feature) -> tuple[float, float]:
    """The area-weighted centroid of a feature's largest polygon's outer ring (lon, lat): a point inside
    ordinary communes, for tests and labels."""
    polygons = feature.geometry["coordinates"]
    rings = [p[0] for p in polygons] if feature.geometry["type"] == "MultiPolygon" else [polygons[0]]

    def area_and_centre(ring):
        a = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
            cross = x0 * y1 - x1 * y0
            a += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        return a / 2, (cx / (3 * a) if a else ring[0][0]), (cy / (3 * a) if a else ring[0][1])

    area, x, y = max((area_and_centre([tuple(p[:2]) for p in r]) for r in rings), key=lambda t: abs(t[0]))
    return x, y


# --- matching -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Matching:
    unit_of: dict[str, int]  # feature code -> unit id
    by_name: tuple[tuple[str, str, str], ...]  # (feature code, feature name, unit name): matched by name only
    renamed: tuple[tuple[str, str, str], ...]  # (code, feature name, unit name): same code, another name
    unmatched_features: tuple[tuple[str, str], ...]  # (code, name)
    unmatched_units: tuple[tuple[int, str, str], ...]  # (unit id, code, name)
    names: dict[int, str] = field(default_factory=dict)  # unit id -> the registry's name of today

    @property
    def complete(self) -> bool:
        return not self.unmatched_features and not self.unmatched_units

    def problems(self) -> list[str]:
        """Vietnamese lines for the page and the command: what did not match, and what matched by name only."""
        out = []
        if self.unmatched_features:
            out.append(
                f"{fmt.number(len(self.unmatched_features))} vùng trên bản đồ không khớp đơn vị nào trong danh mục: "
                + ", ".join(f"{name} (mã {code})" for code, name in self.unmatched_features)
            )
        if self.unmatched_units:
            out.append(
                f"{fmt.number(len(self.unmatched_units))} xã, phường trong danh mục không có trên bản đồ: "
                + ", ".join(f"{name} (mã {code or 'trống'})" for _, code, name in self.unmatched_units)
            )
        if self.by_name:
            out.append(
                "Khớp theo tên vì mã khác nhau: "
                + ", ".join(f"{fname} (mã trên bản đồ {code}) → {uname}" for code, fname, uname in self.by_name)
            )
        if self.renamed:
            out.append(
                "Cùng mã, tên trên bản đồ khác tên trong danh mục (bản đồ hiện tên trong danh mục): "
                + ", ".join(f"{fname} → {uname} (mã {code})" for code, fname, uname in self.renamed)
            )
        return out


def _short_exact(name: str) -> str:
    """The accented name without its type word: «Phường Trị An» and «Xã Trị An» both give «trị an»."""
    key = parse_name(name)
    if key.unit_type and key.exact.startswith(key.unit_type + " "):
        return key.exact[len(key.unit_type) + 1 :]
    return key.exact


def match_features(features: Iterable[Feature], units: pd.DataFrame) -> Matching:
    """Each feature to a unit of `units` (columns unit_id, code, name: today's communes and wards) by code, else by
    its name when exactly one unit left unmatched has it (the full name first, then without the type word)."""
    features = list(features)
    rows = [
        (int(u), "" if fmt.is_missing(c) else str(c), str(n))
        for u, c, n in units[["unit_id", "code", "name"]].itertuples(index=False)
    ]
    by_code = {code: (unit_id, name) for unit_id, code, name in rows if code}
    unit_of: dict[str, int] = {}
    renamed = []
    left = []
    for feature in features:
        hit = by_code.get(feature.code)
        if hit is None:
            left.append(feature)
            continue
        unit_of[feature.code] = hit[0]
        if _short_exact(feature.name) != _short_exact(hit[1]):
            renamed.append((feature.code, feature.name, hit[1]))
    taken = set(unit_of.values())
    by_name = []
    unmatched_features = []
    for feature in left:
        free = [(u, n) for u, _c, n in rows if u not in taken]
        full = parse_name(feature.name).exact
        same = [(u, n) for u, n in free if parse_name(n).exact == full]
        if len(same) != 1:
            short = _short_exact(feature.name)
            same = [(u, n) for u, n in free if _short_exact(n) == short]
        if len(same) == 1:
            unit_of[feature.code] = same[0][0]
            taken.add(same[0][0])
            by_name.append((feature.code, feature.name, same[0][1]))
        else:
            unmatched_features.append((feature.code, feature.name))
    unmatched_units = tuple((u, c, n) for u, c, n in rows if u not in taken)
    names = {u: n for u, _c, n in rows}
    return Matching(unit_of, tuple(by_name), tuple(renamed), tuple(unmatched_features), unmatched_units, names)


def registry_communes(con, province_code: str | None = None) -> pd.DataFrame:
    """Today's communes and wards of the province in the database's unit registry (unit_id, code, name). The
    registry is no secret (every unit picker lists it), but only somebody who may read the figures asks."""
    access.require(access.READ_AGGREGATES)
    code = province_code or load_settings().province_code
    return db.run_internal("units/current_communes", con, province_code=code)


# --- the view of units ----------------------------------------------------------------------------------------

LINEAGE_NOTE = (
    "Bản đồ vẽ ranh giới xã, phường hiện nay (sau ngày 01/07/2025). Kỳ này có những ngày trước 01/07/2025, nên bản "
    "đồ tính số liệu «Theo đơn vị hiện nay»: số liệu của các xã, phường, thị trấn cũ được cộng vào xã, phường mới "
    "đã thay thế chúng. Bấm vào một xã, phường để mở trang đơn vị theo cùng cách tính."
)


def units_mode(units: str, period_start: date, reform: date) -> str:
    """The view of units the map computes its figures in: «Theo đơn vị hiện nay» ('today') whenever the period
    begins before the reform, since old communes have no place on today's boundaries; otherwise the sidebar's."""
    return "today" if units == "today" or period_start < reform else units


# --- values and colours ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MapClass:
    key: str
    label: str  # the legend's words
    colour: str


def classes(metric: str, settings: Settings) -> list[MapClass]:
    """The legend of a metric, best first, «Chưa có số liệu» last: the traffic lights against the targets for a
    rate, the bands for the score."""
    if metric == "score":
        bands = sorted(settings.bands, key=lambda b: b[1], reverse=True)
        names = [name for name, _ in bands] + [settings.lowest_band]
        colours = list(BAND_COLOURS[: len(names) - 1]) + [charts.RED] if len(names) <= 5 else None
        if colours is None:  # more bands than colours: repeat the olive between
            colours = [charts.GREEN] + ["#6E9B2F"] * (len(names) - 3) + [charts.AMBER, charts.RED]
        out = []
        for i, name in enumerate(names):
            if i == 0:
                words = f"từ {fmt.number(bands[0][1], 1 if bands[0][1] % 1 else 0)} điểm"
            elif i < len(bands):
                low, high = bands[i][1], bands[i - 1][1]
                words = f"từ {_pts(low)} đến dưới {_pts(high)} điểm"
            else:
                words = f"dưới {_pts(bands[-1][1])} điểm"
            out.append(MapClass(name, f"{name} ({words})", colours[i]))
    else:
        green, amber = settings.targets[metric]
        out = [
            MapClass("green", f"{LIGHT_WORDS['green']} (không quá {fmt.percent(green)})", LIGHT_COLOURS["green"]),
            MapClass(
                "amber",
                f"{LIGHT_WORDS['amber']} (trên {fmt.percent(green)} đến {fmt.percent(amber)})",
                LIGHT_COLOURS["amber"],
            ),
            MapClass("red", f"{LIGHT_WORDS['red']} (trên {fmt.percent(amber)})", LIGHT_COLOURS["red"]),
        ]
    return [*out, MapClass("none", NO_DATA, charts.GREY)]


def _pts(value: float) -> str:
    return fmt.number(value, 1 if float(value) % 1 else 0)


def class_of(metric: str, row: Mapping | None, settings: Settings) -> str:
    """The class key of a commune's row for the metric ('none' without a value)."""
    if row is None or fmt.is_missing(row.get(metric)):
        return "none"
    if metric == "score":
        band = row.get("band")
        known = {name for name, _ in settings.bands} | {settings.lowest_band}
        return band if band in known else "none"
    return charts.traffic_light(metric, row[metric], settings.targets)


def value_text(metric: str, row: Mapping | None) -> str:
    """What the hover says of a commune's value: «40,0 % (4 hồ sơ trễ hạn / 10 hồ sơ phải giải quyết)»,
    «60,0 điểm (Yếu)», «Chưa có số liệu»."""
    if row is None or fmt.is_missing(row.get(metric)):
        if metric == "score" and row is not None and row.get("band"):
            return f"{NO_DATA} (chưa đủ số liệu để tính điểm)"
        return NO_DATA
    if metric == "score":
        return f"{fmt.number(row[metric], 1)} điểm ({row.get('band')})"
    kind = KIND_OF[metric]
    return (
        f"{fmt.percent(row[metric])} ({fmt.number(explain.late_count(kind, row))} {explain.KINDS[kind].late_noun} / "
        f"{explain.denominator_text(kind, row)})"
    )


@dataclass(frozen=True)
class MapRow:
    code: str  # the feature's code
    unit_id: int | None
    name: str
    value: object  # the metric's value, None when none
    cls: str  # the class key
    text: str  # the hover's value text


def map_rows(
    boundaries: Boundaries, matching: Matching, metrics: pd.DataFrame, metric: str, settings: Settings
) -> list[MapRow]:
    """One row per feature: its unit, name (the unit's, as the metrics name it, else the registry's, else the
    boundaries'), the metric's value, class and hover text. `metrics` is the unit_metrics frame of the period."""
    if metric not in METRICS:
        raise ValueError(f"unknown map metric {metric!r}")
    by_unit = {int(r["unit_id"]): r for r in metrics.to_dict("records")} if not metrics.empty else {}
    out = []
    for feature in boundaries.features:
        unit_id = matching.unit_of.get(feature.code)
        row = by_unit.get(unit_id) if unit_id is not None else None
        name = str(row["unit_name"]) if row is not None else matching.names.get(unit_id, feature.name)
        value = None if row is None or fmt.is_missing(row.get(metric)) else row[metric]
        out.append(MapRow(feature.code, unit_id, name, value, class_of(metric, row, settings), value_text(metric, row)))
    return out


def units_off_the_map(matching: Matching, metrics: pd.DataFrame) -> pd.DataFrame:
    """Communes of the metrics frame with items in the period that no feature stands for (an old commune under
    «Như khi báo cáo», a unit the boundaries lack)."""
    if metrics.empty:
        return metrics
    on_map = set(matching.unit_of.values())
    communes = metrics[metrics["unit_group"] == "commune"]
    totals = communes[["tasks_total", "cases_total", "feedback_total"]].fillna(0).sum(axis=1)
    return communes[(totals > 0) & ~communes["unit_id"].astype(int).isin(on_map)]


def _zoom(bounds: tuple[float, float, float, float], width: int, height: int) -> tuple[dict, float]:
    west, south, east, north = bounds

    def merc(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    lon_span = max(east - west, 1e-6)
    lat_span = max(merc(north) - merc(south), 1e-6)
    zoom_x = math.log2(width * 360 / (512 * lon_span))  # MapLibre: the world is 512 px wide at zoom 0
    zoom_y = math.log2(height * 2 * math.pi / (512 * lat_span))
    centre = {"lon": (west + east) / 2, "lat": (south + north) / 2}
    return centre, round(min(zoom_x, zoom_y) - 0.15, 2)


def commune_map(
    boundaries: Boundaries, rows: list[MapRow], metric: str, settings: Settings, height: int = 680
) -> go.Figure:
    """The choropleth: one trace per class (so the legend names the classes), each with only its features; a blank
    background (no map tiles, nothing fetched). Each point carries the unit id as customdata for click-through."""
    by_code = {f.code: f for f in boundaries.features}
    fig = go.Figure()
    for cls in classes(metric, settings):
        members = [r for r in rows if r.cls == cls.key]
        if not members:
            continue
        fig.add_trace(
            go.Choroplethmap(
                geojson={"type": "FeatureCollection", "features": [by_code[r.code].as_geojson() for r in members]},
                locations=[r.code for r in members],
                featureidkey="id",
                z=[1] * len(members),
                colorscale=[[0, cls.colour], [1, cls.colour]],
                showscale=False,
                marker=dict(line=dict(color="white", width=0.8), opacity=0.9),
                name=cls.label,
                showlegend=True,
                customdata=[
                    [r.unit_id if r.unit_id is not None else -1, charts.chart_text(r.name), r.text] for r in members
                ],
                hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>",
            )
        )
    centre, zoom = _zoom(boundaries.bounds, 760, height)
    fig.update_layout(
        height=height,
        margin=dict(l=0, r=0, t=10, b=0),
        font=charts.FONT,
        paper_bgcolor="white",
        separators=",.",
        map=dict(style="white-bg", center=centre, zoom=zoom),
        legend=dict(
            title=dict(text=charts.METRIC_LABELS[metric]),
            orientation="v",
            yanchor="top",
            y=0.99,
            xanchor="left",
            x=0.01,
            bgcolor="rgba(255,255,255,0.85)",
        ),
        hoverlabel=dict(bgcolor="white", bordercolor=charts.GREY, font=dict(charts.FONT, color="#222222")),
        clickmode="event+select",
        dragmode="pan",
    )
    return fig


def main(argv: list[str] | None = None) -> int:
    """Check a province's boundaries against the registry of the vietnamadminunits package (no database)."""
    args = sys.argv[1:] if argv is None else argv
    code = args[0] if args else load_settings().province_code
    try:
        boundaries = load_boundaries(code)
    except GeoError as exc:
        print(exc)
        return 1
    units, _ = load_admin_units(code)
    frame = pd.DataFrame(
        [(i, u.code, u.name) for i, u in enumerate(units) if u.registry_key.startswith("commune:")],
        columns=["unit_id", "code", "name"],
    )
    matching = match_features(boundaries.features, frame)
    print(
        f"{boundaries.file_name}: {fmt.number(len(boundaries.features))} vùng, "
        f"{fmt.number(len(matching.unit_of))} khớp với {fmt.number(len(frame))} xã, phường của danh mục."
    )
    for line in [*boundaries.skipped, *matching.problems()]:
        print(line)
    return 0 if matching.complete else 1


if __name__ == "__main__":
    sys.exit(main())
