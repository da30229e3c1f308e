"""The one list of pages: app.py builds st.navigation from it and the tests open every page from it."""

from __future__ import annotations

from dataclasses import dataclass

from funding.text import t

# The page scripts live in views/, not pages/: Streamlit (1.67) treats a folder called pages/ beside the
# entry script as a legacy multipage app until st.navigation has run once in the process, so the first
# deep link after a server start would run the page file on its own, without app.py and its filters.


@dataclass(frozen=True)
class PageSpec:
    script: str      # relative to the app's root, as st.Page and AppTest.switch_page expect
    url_path: str    # "" is the default page at /
    icon: str
    # A page of time series only (Över tid, Data): with no year chosen it shows every year, not the latest.
    series_only: bool = False
    # Whether the filters change what the page shows. Om datan is the same whatever they are: there the panel
    # holds only the language, says the filters wait for the other pages, and the page is drawn without them.
    filtered: bool = True

    def title(self, lang: str) -> str:
        return t(f"page_{self.url_path or 'oversikt'}", lang)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("views/oversikt.py", "", ":material/dashboard:"),
    PageSpec("views/regioner.py", "regioner", ":material/map:"),
    PageSpec("views/over_tid.py", "over-tid", ":material/timeline:", series_only=True),
    PageSpec("views/fokusomraden.py", "fokusomraden", ":material/donut_small:"),
    PageSpec("views/regionprofil.py", "regionprofil", ":material/location_city:"),
    PageSpec("views/data.py", "data", ":material/table_view:", series_only=True),
    PageSpec("views/om.py", "om", ":material/info:", filtered=False),
)


def by_url_path(url_path: str) -> PageSpec:
    for spec in PAGES:
        if spec.url_path == url_path:
            return spec
    raise KeyError(url_path)
