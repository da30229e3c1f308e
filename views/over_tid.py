"""Över tid: amounts 2023-2028 for the whole country or chosen regions, in kronor or per inhabitant."""

from components import blocks, present, state
from components.navigation import by_url_path
from funding.filters import UNITS

ctx = state.context()
blocks.page_title(by_url_path("over-tid").title(ctx.lang), ctx.tr("ot_intro"))
state.page_choice("unit", UNITS, ctx.tr("ot_unit"), lambda u: ctx.tr(f"unit_{u}"))
blocks.show(ctx, present.over_time(ctx))
