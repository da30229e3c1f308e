"""Schemas of the raw files (data/raw) and of the curated allocation table."""

from __future__ import annotations

from .rawio import Col, Schema

CHANNELS = ("socialstyrelsen", "skr")
LEVELS = ("region", "county", "municipalities", "organisation")
STATUSES = ("decided", "estimated", "announced")
KEY_POPULATIONS = ("total", "18+", "0-25", "0-18", "fixed", "fixed+total", "fixed+0-18", "none", "unknown")
YEARS = (2023, 2024, 2025, 2026, 2027, 2028)

_SLUG = r"[a-z0-9][a-z0-9+\-]*"
_CODE = r"\d{2}"
_DATE = r"\d{4}(-\d{2}(-\d{2})?)?"
_SEK = dict(kind="int", min_value=0, max_value=10_000_000_000)

SOURCES = Schema(
    "sources.csv",
    (
        Col("source_id", pattern=_SLUG),
        Col("title"),
        Col("publisher"),
        Col("date", pattern=_DATE),
        Col("diarienummer", required=False),
        Col("file", pattern=r"[\w\-.]+\.txt"),
        Col("kind"),
    ),
    key=("source_id",),
)

REGIONS = Schema(
    "regions.csv",
    (
        Col("region_code", pattern=_CODE),
        Col("short_name"),
        Col("county_name"),
        Col("organisation_name"),
        Col("metropolitan", kind="bool"),
    ),
    key=("region_code",),
)

REGION_NAMES = Schema(
    "region_names.csv",
    (Col("variant"), Col("region_code", pattern=_CODE)),
    key=("variant",),
)

FOCUS_AREAS = Schema(
    "focus_areas.csv",
    (Col("focus_id", pattern=_SLUG), Col("name_sv"), Col("name_en"), Col("description_sv"), Col("description_en")),
    key=("focus_id",),
)

GRANTS = Schema(
    "grants.csv",
    (
        Col("grant_id", pattern=_SLUG),
        Col("year", kind="year", min_value=min(YEARS), max_value=max(YEARS)),
        Col("name_sv"),
        Col("name_en"),
        Col("channel", allowed=CHANNELS),
        Col("status", allowed=("decided", "announced")),
        Col("has_exact_figures", kind="bool"),
        Col("coverage", allowed=("full", "total_only", "vg_only", "none")),
        Col("total_sek", required=False, **_SEK),
        Col("distributed_sek", required=False, **_SEK),
        Col("admin_sek", required=False, **_SEK),
        Col("admin_recipient", required=False),
        Col("amount_as_worded", required=False),
        Col("key_date", required=False, pattern=_DATE),
        Col("key_sv", required=False),
        Col("key_en", required=False),
        Col("source_id", pattern=_SLUG),
        Col("diarienummer", required=False),
        Col("source_ref"),
    ),
    key=("grant_id", "year"),
)

STREAMS = Schema(
    "streams.csv",
    (
        Col("stream_id", pattern=_SLUG),
        Col("grant_id", pattern=_SLUG),
        Col("name_sv"),
        Col("name_en"),
        Col("focus_area", pattern=_SLUG),
        Col("recipient_level", allowed=LEVELS),
        Col("key_population", allowed=KEY_POPULATIONS),
        Col("fixed_sek_per_recipient", required=False, **_SEK),
        Col("fixed_sek_metropolitan", required=False, **_SEK),
        Col("key_sv"),
        Col("key_en"),
    ),
    key=("stream_id",),
)

PV2025 = Schema(
    "tables/pv2025_bilaga.csv",
    (
        Col("source_id", pattern=_SLUG),
        Col("row_kind", allowed=("region", "total")),
        Col("region_as_printed"),
        Col("population_2024_11_01", required=False, kind="int", min_value=1, max_value=20_000_000),
        Col("share_as_printed", required=False, pattern=r"\d+,\d%"),
        Col("amount_sek", **_SEK),
    ),
    key=("region_as_printed",),
)

PSYK2026 = Schema(
    "tables/psykiatri2026_bilaga.csv",
    (
        Col("source_id", pattern=_SLUG),
        Col("row_kind", allowed=("region", "total")),
        Col("county_as_printed"),
        Col("vardkapacitet_sek", **_SEK),
        Col("sjalvvald_inlaggning_sek", **_SEK),
        Col("flexibla_overgangar_sek", **_SEK),
        Col("totalt_per_region_sek", **_SEK),
    ),
    key=("county_as_printed",),
)

OK2025_REGIONS = Schema(
    "tables/ok2025_regioner.csv",
    (
        Col("source_id", pattern=_SLUG),
        Col("row_kind", allowed=("region", "total")),
        Col("code_as_printed", required=False, pattern=_CODE),
        Col("region_as_printed"),
        Col("suicidprevention_sek", **_SEK),
        Col("komplexa_behov_sek", **_SEK),
        Col("totalt_belopp_sek", **_SEK),
    ),
    key=("region_as_printed",),
)

OK2025_COUNTIES = Schema(
    "tables/ok2025_lansgemensamma.csv",
    (
        Col("source_id", pattern=_SLUG),
        Col("row_kind", allowed=("county", "total")),
        Col("code_as_printed", required=False, pattern=_CODE),
        Col("county_as_printed"),
        Col("strategi_sek", **_SEK),
        Col("komplexa_behov_sek", **_SEK),
        Col("suicidprevention_sek", **_SEK),
        Col("totalt_belopp_sek", **_SEK),
    ),
    key=("county_as_printed",),
)

OK2025_DISTRIBUTION = Schema(
    "tables/ok2025_fordelningstabell.csv",
    (
        Col("source_id", pattern=_SLUG),
        Col("row_kind", allowed=("area", "total", "grand_total")),
        Col("area_as_printed"),
        Col("lan_sek", required=False, **_SEK),
        Col("kommun_sek", required=False, **_SEK),
        Col("region_sek", required=False, **_SEK),
        Col("skr_sek", required=False, **_SEK),
        Col("key_as_printed", required=False),
    ),
    key=("area_as_printed",),
)

VG_HISTORY = Schema(
    "tables/vg_lansgemensamma_2023_2024.csv",
    (
        Col("source_id", pattern=_SLUG),
        Col("row_kind", allowed=("purpose", "total")),
        Col("year", kind="year", min_value=2023, max_value=2024),
        Col("purpose_as_printed"),
        Col("amount_sek", **_SEK),
        Col("purpose_quote", required=False),
    ),
    key=("year", "purpose_as_printed"),
)

TOLERANCES = Schema(
    "tolerances.csv",
    (
        Col("table"),
        Col("row"),
        Col("column"),
        Col("kind", allowed=("row_total", "column_total")),
        Col("published", kind="int"),
        Col("computed", kind="int"),
        Col("explanation"),
    ),
    key=("table", "row", "column"),
)

ALL_RAW = (
    SOURCES,
    REGIONS,
    REGION_NAMES,
    FOCUS_AREAS,
    GRANTS,
    STREAMS,
    PV2025,
    PSYK2026,
    OK2025_REGIONS,
    OK2025_COUNTIES,
    OK2025_DISTRIBUTION,
    VG_HISTORY,
    TOLERANCES,
)

# The curated allocation table: one row per year, grant, stream and recipient.
ALLOCATION_COLUMNS = {
    "year": "int64",
    "grant_id": "str",
    "stream_id": "str",
    "recipient_level": "str",
    "region_code": "str",  # empty string where not broken down by region
    "recipient": "str",
    "amount_sek": "int64",
    "status": "str",
    "source_id": "str",
    "source_table": "str",
    "source_row": "str",
    "estimate_method": "str",
}
