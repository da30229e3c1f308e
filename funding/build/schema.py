"""Schemas of the fixed raw files in data/raw, the vocabularies they use, and the curated allocation table.

The per-source transcriptions under data/raw/tables/ have no schema here: columns.csv declares their
columns, and mapping.csv says how their cells become allocations (funding.build.mapping).
"""

from __future__ import annotations

from ..vocabulary import CHANNELS, FIRST_YEAR, LAST_YEAR, LEVELS, NOT_COUNTED_WHY
from .rawio import Col, Schema

KEY_POPULATIONS = ("total", "18+", "0-25", "0-18", "fixed", "fixed+total", "fixed+0-18", "none", "unknown")
# What a mapped cell is: a leaf amount, a printed total checked against the leaves in its scope, a printed
# total whose unexplained rest becomes a leaf, or a figure on another page that contradicts a chosen one.
ROLES = ("part", "total", "rest", "alternative")
# What a declared table column holds.
COLUMN_KINDS = ("text", "sek", "int", "year", "code")
FRAME_KINDS = ("anslag", "statement")

SLUG = r"[a-z0-9][a-z0-9+\-]*"
CODE = r"\d{2}"
DATE = r"\d{4}(-\d{2}(-\d{2})?)?"
SEK = {"kind": "int", "min_value": 0, "max_value": 100_000_000_000}
YEAR = {"kind": "year", "min_value": FIRST_YEAR, "max_value": LAST_YEAR}
TEMPLATE = r"[^{}]*(\{[a-z0-9_]+\}[^{}]*)*"  # literal text with {column} references

SOURCES = Schema(
    "sources.csv",
    (
        Col("source_id", pattern=SLUG),
        Col("title"),
        Col("publisher"),
        Col("date", required=False, pattern=DATE),
        Col("diarienummer", required=False),
        Col("file", pattern=r"([a-z0-9\-]+/)?[\w\-.]+\.(txt|md)"),
        Col("kind"),
        Col("url", required=False, pattern=r"https://\S+( ; https://\S+)*"),
        Col("credit", required=False),
    ),
    key=("source_id",),
)

REGIONS = Schema(
    "regions.csv",
    (
        Col("region_code", pattern=CODE),
        Col("short_name"),
        Col("county_name"),
        Col("organisation_name"),
        Col("metropolitan", kind="bool"),
    ),
    key=("region_code",),
)

REGION_NAMES = Schema("region_names.csv", (Col("variant"), Col("region_code", pattern=CODE)), key=("variant",))

FOCUS_AREAS = Schema(
    "focus_areas.csv",
    (Col("focus_id", pattern=SLUG), Col("name_sv"), Col("name_en"), Col("description_sv"), Col("description_en")),
    key=("focus_id",),
)

GRANTS = Schema(
    "grants.csv",
    (
        Col("grant_id", pattern=SLUG),
        Col("year", required=False, **YEAR),  # empty: the sources give the grant's money no year
        Col("name_sv"),
        Col("name_en"),
        Col("channel", allowed=CHANNELS),
        Col("status", allowed=("decided", "announced")),
        Col("key_date", required=False, pattern=DATE),
        Col("key_sv", required=False),
        Col("key_en", required=False),
        Col("source_id", pattern=SLUG),
        Col("diarienummer", required=False),
        Col("source_ref"),
    ),
    key=("grant_id", "year"),
)

STREAMS = Schema(
    "streams.csv",
    (
        Col("stream_id", pattern=SLUG),
        Col("grant_id", pattern=SLUG),
        Col("name_sv"),
        Col("name_en"),
        Col("focus_area", pattern=SLUG),
        Col("recipient_level", allowed=LEVELS),
        Col("recipient_sv", required=False),
        Col("recipient_en", required=False),
        Col("key_population", allowed=KEY_POPULATIONS),
        Col("key_same_as", required=False, pattern=SLUG),
        Col("fixed_sek_per_recipient", required=False, **SEK),
        Col("fixed_sek_metropolitan", required=False, **SEK),
        Col("key_sv"),
        Col("key_en"),
    ),
    key=("stream_id",),
)

COLUMNS = Schema(
    "columns.csv",
    (
        Col("table", pattern=r"tables/[a-z0-9_\-]+\.csv"),
        Col("column", pattern=r"[a-z0-9_]+"),
        Col("kind", allowed=COLUMN_KINDS),
        Col("required", kind="bool"),
        Col("key", kind="bool"),
        Col("description"),
    ),
    key=("table", "column"),
)

MAPPING = Schema(
    "mapping.csv",
    (
        Col("table", pattern=r"tables/[a-z0-9_\-]+\.csv"),
        Col("rows", pattern=r"[a-z0-9_]+=[^;]+(;[a-z0-9_]+=[^;]+)*"),
        Col("role", allowed=ROLES),
        Col("amount_column", pattern=r"[a-z0-9_]+"),
        Col("amount_id", required=False, pattern=TEMPLATE),
        Col("year", pattern=TEMPLATE),
        Col("grant_id", pattern=TEMPLATE),
        Col("stream_id", required=False, pattern=TEMPLATE),
        Col("recipient_level", required=False, pattern=TEMPLATE),
        Col("status", pattern=TEMPLATE),
        Col("source_id", pattern=TEMPLATE),
        Col("region", required=False, pattern=TEMPLATE),
        Col("region_code_check", required=False, pattern=r"[a-z0-9_]+"),
        Col("recipient", required=False, pattern=TEMPLATE),
        Col("scope", required=False, pattern=TEMPLATE),
        Col("instead_of", required=False, pattern=TEMPLATE),
        Col("label", pattern=TEMPLATE),
        Col("note_sv", required=False, pattern=TEMPLATE),
        Col("note_en", required=False, pattern=TEMPLATE),
        Col("every_region", kind="bool"),
    ),
)

CHECKS = Schema(
    "checks.csv",
    (
        Col("kind", allowed=("row_total", "column_total", "cross_table")),
        Col("printed_table", pattern=r"tables/[a-z0-9_\-]+\.csv"),
        Col("printed_rows", pattern=r"[a-z0-9_]+=[^;]+(;[a-z0-9_]+=[^;]+)*"),
        Col("printed_column", pattern=r"[a-z0-9_]+"),
        Col("parts_table", pattern=r"tables/[a-z0-9_\-]+\.csv"),
        Col("parts_rows", pattern=r"[a-z0-9_]+=[^;]+(;[a-z0-9_]+=[^;]+)*"),
        Col("parts_columns", pattern=r"[a-z0-9_]+(;[a-z0-9_]+)*"),
        Col("per", required=False, pattern=r"(_row|[a-z0-9_]+)"),
        Col("label", pattern=TEMPLATE),
    ),
)

POPULATION = Schema(
    "population.csv",
    (
        Col("table", pattern=r"tables/[a-z0-9_\-]+\.csv"),
        Col("rows", pattern=r"[a-z0-9_]+=[^;]+(;[a-z0-9_]+=[^;]+)*"),
        Col("count_column", pattern=r"[a-z0-9_]+"),
        Col("region", pattern=TEMPLATE),
        Col("ref_date", pattern=DATE),
        Col("age_group", allowed=("total",)),
        Col("source_id", pattern=SLUG),
    ),
    key=("table", "ref_date", "age_group"),
)

ESTIMATES = Schema(
    "estimates.csv",
    (
        Col("grant_id", pattern=SLUG),
        Col("year", **YEAR),
        Col("stream_id", pattern=SLUG),
        Col("recipient_level", allowed=("region", "county")),
        Col("total_amount_id", pattern=SLUG),
        Col("population_date", pattern=DATE),
        Col("method_sv"),
        Col("method_en"),
    ),
    key=("grant_id", "year", "stream_id"),
)

WORDED = Schema(
    "worded.csv",
    (
        Col("worded_id", pattern=SLUG),
        Col("source_id", pattern=SLUG),
        Col("year", required=False, **YEAR),
        Col("grant_id", pattern=SLUG),
        Col("amount_as_worded"),
        Col("quote"),
        Col("note", required=False),
    ),
    key=("worded_id",),
)

FRAMES = Schema(
    "frames.csv",
    (
        Col("frame_id", pattern=SLUG),
        Col("source_id", pattern=SLUG),
        Col("year", **YEAR),
        Col("kind", allowed=FRAME_KINDS),
        Col("label_sv"),
        Col("label_en"),
        Col("amount_as_printed"),
        Col("amount_sek", **SEK),
        Col("quote"),
        Col("note", required=False),
    ),
    key=("frame_id",),
)

NOT_COUNTED = Schema(
    "not_counted.csv",
    (
        Col("file", pattern=r"regeringen/[\w\-.]+\.md"),
        Col("amount_as_printed", required=False),
        Col("why", allowed=NOT_COUNTED_WHY),
        Col("refs", required=False, pattern=rf"{SLUG}(;{SLUG})*"),
        Col("note_sv"),
        Col("note_en"),
    ),
    key=("file", "amount_as_printed"),
)

CHANGES = Schema(
    "changes.csv",
    (Col("release", pattern=r"\d{4}-\d{2}-\d{2}"), Col("change_sv"), Col("change_en")),
)

TOLERANCES = Schema(
    "tolerances.csv",
    (
        Col("table"),
        Col("row"),
        Col("column"),
        Col("kind", allowed=("row_total", "column_total", "cross_table", "stated_total")),
        Col("published", kind="int"),
        Col("computed", kind="int"),
        Col("explanation"),
        Col("explanation_en"),
    ),
    key=("table", "row", "column"),
)

FIXED = (SOURCES, REGIONS, REGION_NAMES, FOCUS_AREAS, GRANTS, STREAMS, COLUMNS, MAPPING, CHECKS, POPULATION,
         ESTIMATES, WORDED, FRAMES, NOT_COUNTED, CHANGES, TOLERANCES)

# The curated allocation table: one row per year, grant, stream, recipient level and region.
ALLOCATION_COLUMNS = {
    "year": "int64",
    "grant_id": "str",
    "stream_id": "str",
    "recipient_level": "str",
    "region_code": "str",  # empty string where not broken down by region
    "recipient": "str",
    "recipient_en": "str",
    "amount_sek": "int64",
    "status": "str",
    "basis": "str",  # printed | estimated (split by a stated key) | rest (a printed total minus its known parts)
    "source_id": "str",
    "source_table": "str",
    "source_line": "int64",
    "source_row": "str",
    "amount_id": "str",  # the printed figure's id, where it has one; for a rest, the total it is the rest of
    "estimate_method": "str",
    "estimate_method_en": "str",
}
