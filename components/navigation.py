"""The one list of pages: app.py builds st.navigation from it and the tests open every page from it."""

from __future__ import annotations

from dataclasses import dataclass


# Each script's file name equals its url_path. On the first run after the server starts, Streamlit
# resolves the address against the file names in pages/ before st.navigation has run; a page whose
# file name differs then opens under a "Page not found" dialog (streamlit/streamlit#8860).


@dataclass(frozen=True)
class PageSpec:
    script: str      # relative to the app's root, as AppTest.switch_page expects
    url_path: str    # "" is the default page at /
    title_sv: str
    title_en: str
    icon: str

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_sv


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/oversikt.py", "", "Översikt", "Overview", ":material/dashboard:"),
    PageSpec("pages/regioner.py", "regioner", "Regioner", "Regions", ":material/map:"),
    PageSpec("pages/over-tid.py", "over-tid", "Över tid", "Over time", ":material/timeline:"),
    PageSpec("pages/fokusomraden.py", "fokusomraden", "Fokusområden", "Focus areas", ":material/donut_small:"),
    PageSpec("pages/regionprofil.py", "regionprofil", "Regionprofil", "Region profile", ":material/location_city:"),
    PageSpec("pages/data.py", "data", "Data", "Data", ":material/table_view:"),
    PageSpec("pages/om.py", "om", "Om datan", "About the data", ":material/info:"),
)


def by_url_path(url_path: str) -> PageSpec:
    for spec in PAGES:
        if spec.url_path == url_path:
            return spec
    raise KeyError(url_path)
