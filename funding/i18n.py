"""Every user-facing string of the dashboard, in Swedish (default) and English.

Strings are format templates: ``t("key", lang, year=2025)``. Names of grants, streams and focus areas
come from the data (name_sv / name_en), not from here. A test checks that both languages define the
same keys and the same placeholders.
"""

from __future__ import annotations

from collections.abc import Mapping

TEXT: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------ app and navigation
    "app_title": {"sv": "Statsbidrag för psykisk hälsa 2023–2028",
                  "en": "State grants for mental health 2023–2028"},
    "app_caption": {"sv": "Statens pengar till psykiatri och primärvård, per region och år, ur de publicerade "
                          "besluten.",
                    "en": "State money for psychiatry and primary care, by region and year, from the published "
                          "decisions."},
    "nav_section": {"sv": "Sidor", "en": "Pages"},
    # ------------------------------------------------------------ sidebar
    "filters": {"sv": "Filter", "en": "Filters"},
    "filters_help": {"sv": "Tomt val betyder alla. Filtren sparas i adressen, så vyn kan bokmärkas och delas.",
                     "en": "An empty choice means all. The filters are kept in the address, so the view can be "
                           "bookmarked and shared."},
    "language": {"sv": "Språk / Language", "en": "Språk / Language"},
    "f_year": {"sv": "År", "en": "Years"},
    "f_region": {"sv": "Regioner", "en": "Regions"},
    "f_level": {"sv": "Mottagare", "en": "Recipients"},
    "f_channel": {"sv": "Kanal", "en": "Channel"},
    "f_grant": {"sv": "Statsbidrag", "en": "Grants"},
    "f_stream": {"sv": "Delområden", "en": "Funding streams"},
    "f_focus": {"sv": "Fokusområden", "en": "Focus areas"},
    "f_include": {"sv": "Ta med utöver beslutade belopp", "en": "Include besides decided amounts"},
    "f_estimated": {"sv": "Skattade belopp", "en": "Estimated amounts"},
    "f_announced": {"sv": "Aviserade belopp", "en": "Announced amounts"},
    "all": {"sv": "Alla", "en": "All"},
    "reset": {"sv": "Återställ filtren", "en": "Reset the filters"},
    # ------------------------------------------------------------ URL warnings (never echo the value)
    "warn_unknown": {"sv": "Parametern ”{param}” i adressen har ett okänt värde. Visar i stället {default}.",
                     "en": "The parameter “{param}” in the address has an unknown value. Showing {default} instead."},
    "warn_malformed": {"sv": "Parametern ”{param}” i adressen har fel format. Visar i stället {default}.",
                       "en": "The parameter “{param}” in the address is malformed. Showing {default} instead."},
    "warn_empty": {"sv": "Parametern ”{param}” i adressen är tom. Visar i stället {default}.",
                   "en": "The parameter “{param}” in the address is empty. Showing {default} instead."},
    "warn_too_long": {"sv": "Parametern ”{param}” i adressen är för lång. Visar i stället {default}.",
                      "en": "The parameter “{param}” in the address is too long. Showing {default} instead."},
    "warn_conflicting": {"sv": "Parametern ”{param}” i adressen har flera olika värden. Visar i stället {default}.",
                         "en": "The parameter “{param}” in the address has several different values. "
                               "Showing {default} instead."},
    "default_year": {"sv": "alla år", "en": "all years"},
    "default_region": {"sv": "alla regioner", "en": "all regions"},
    "default_level": {"sv": "alla mottagare", "en": "all recipients"},
    "default_channel": {"sv": "båda kanalerna", "en": "both channels"},
    "default_grant": {"sv": "alla statsbidrag", "en": "all grants"},
    "default_stream": {"sv": "alla delområden", "en": "all funding streams"},
    "default_focus": {"sv": "alla fokusområden", "en": "all focus areas"},
    "default_status": {"sv": "beslutade, skattade och aviserade belopp", "en": "decided, estimated and announced "
                                                                                "amounts"},
    "default_lang": {"sv": "svenska", "en": "Swedish"},
    "default_unit": {"sv": "kronor", "en": "kronor"},
    "default_denom": {"sv": "hela befolkningen", "en": "the total population"},
    # ------------------------------------------------------------ error page
    "error_title": {"sv": "Datan kan inte visas just nu", "en": "The data cannot be shown right now"},
    "error_problem": {"sv": "Problemet:", "en": "The problem:"},
    "error_remedy": {"sv": "Den som driver tjänsten bygger om datan med kommandot nedan och startar om appen.",
                     "en": "Whoever runs the service rebuilds the data with the command below and restarts the app."},
    "first_build": {"sv": "Bygger datan första gången …", "en": "Building the data for the first time …"},
    # ------------------------------------------------------------ vocabulary
    "status_decided": {"sv": "beslutat", "en": "decided"},
    "status_estimated": {"sv": "skattat", "en": "estimated"},
    "status_announced": {"sv": "aviserat", "en": "announced"},
    "level_region": {"sv": "Regionen", "en": "The region"},
    "level_county": {"sv": "Länsgemensamt (region och kommuner)", "en": "County-joint (region and municipalities)"},
    "level_municipalities": {"sv": "Kommunerna (ej per län)", "en": "Municipalities (not by county)"},
    "level_organisation": {"sv": "Myndighet eller SKR", "en": "Agency or SKR"},
    "channel_socialstyrelsen": {"sv": "Statsbidrag via Socialstyrelsen", "en": "Grant via Socialstyrelsen"},
    "channel_skr": {"sv": "Överenskommelse staten–SKR", "en": "State–SKR agreement"},
    "country": {"sv": "Riket", "en": "Sweden"},
    "msek": {"sv": "mnkr", "en": "SEK m"},
    "sek_per_inh": {"sv": "kr per invånare", "en": "SEK per inhabitant"},
    "percent": {"sv": "procent", "en": "per cent"},
    "year": {"sv": "År", "en": "Year"},
    "region": {"sv": "Region", "en": "Region"},
    "grant": {"sv": "Statsbidrag", "en": "Grant"},
    "stream": {"sv": "Delområde", "en": "Funding stream"},
    "focus": {"sv": "Fokusområde", "en": "Focus area"},
    "channel": {"sv": "Kanal", "en": "Channel"},
    "status": {"sv": "Status", "en": "Status"},
    "level": {"sv": "Mottagare", "en": "Recipient"},
    "amount": {"sv": "Belopp", "en": "Amount"},
    "population": {"sv": "Folkmängd", "en": "Population"},
    "per_capita": {"sv": "Kronor per invånare", "en": "SEK per inhabitant"},
    "rank": {"sv": "Rang", "en": "Rank"},
    "share": {"sv": "Andel", "en": "Share"},
    "key": {"sv": "Fördelningsnyckel", "en": "Allocation key"},
    "source": {"sv": "Källa", "en": "Source"},
    "note": {"sv": "Anmärkning", "en": "Note"},
    "change": {"sv": "Förändring", "en": "Change"},
    "all_years": {"sv": "alla år", "en": "all years"},
    "no_rows": {"sv": "Inga belopp matchar filtren. Ändra eller återställ filtren i sidopanelen.",
                "en": "No amounts match the filters. Change or reset the filters in the sidebar."},
    # ------------------------------------------------------------ chart furniture
    "show_table": {"sv": "Visa som tabell", "en": "Show as table"},
    "sources_line": {"sv": "Källa: {sources}.", "en": "Source: {sources}."},
    "legend_status": {"sv": "Heldragen yta = beslutat belopp, snedstreckad = skattat, prickig och ljusare = aviserat. "
                               "Statusen står också i förklaringen och när du pekar på en stapel.",
                      "en": "Solid fill = decided amount, diagonal hatching = estimated, dotted and lighter = "
                            "announced. The status is also named in the legend and when you point at a bar."},
    "map_credit": {"sv": "Kartunderlag: Open Knowledge Sweden, okfse/sweden-geojson (förenklade länsgränser).",
                   "en": "Map outlines: Open Knowledge Sweden, okfse/sweden-geojson (simplified county borders)."},
    "estimate_note": {"sv": "Skattning: primärvårdsbidraget 2026 per region är inte publicerat; beloppen är totalen "
                            "{amount} fördelad efter folkmängden 1 november 2024.",
                      "en": "Estimate: the 2026 primary-care grant per region is not published; the amounts are "
                            "the total of {amount} split by the population on 1 November 2024."},
    "partial_years_note": {"sv": "{years}: källorna ger bara en del av regionerna (Västra Götalands länsgemensamma "
                                 "medel), så beloppen de åren är varken hela landets eller jämförbara med andra år.",
                           "en": "{years}: the sources give only some regions (Västra Götaland's county-joint funds), "
                                 "so the amounts for those years are neither the whole country's nor comparable with "
                                 "other years."},
    "missing_note": {"sv": "Ingår inte, eftersom källorna inte anger något exakt belopp: {items}.",
                     "en": "Not included, since the sources give no exact amount: {items}."},
    "missing_item": {"sv": "{name} {year} (”{worded}”)", "en": "{name} {year} (“{worded}”)"},
    # ------------------------------------------------------------ Översikt
    "ov_intro": {"sv": "Nyckeltalen gäller hela landet och alla statsbidrag; diagrammen följer filtren i sidopanelen.",
                 "en": "The headline figures cover the whole country and all grants; the charts follow the "
                       "filters in the sidebar."},
    "ov_total": {"sv": "Totalt {year}", "en": "Total {year}"},
    "ov_change": {"sv": "Förändring {first}–{second}", "en": "Change {first}–{second}"},
    "ov_grants": {"sv": "Statsbidrag med belopp", "en": "Grants with amounts"},
    "ov_per_capita": {"sv": "Kronor per invånare {year}", "en": "SEK per inhabitant {year}"},
    "ov_incomplete": {"sv": "Ofullständigt: {names} saknar exakt belopp för {year} i källorna (”{worded}”) och "
                            "ingår inte.",
                      "en": "Incomplete: {names} has no exact amount for {year} in the sources (“{worded}”) and is "
                            "not included."},
    # The national total of the estimated grant is published; only its split by region is estimated.
    "ov_estimated_part": {"sv": "Varav {amount} har en skattad fördelning per region; totalen är publicerad.",
                          "en": "Of which {amount} has an estimated split by region; the total is published."},
    "ov_change_help": {"sv": "Jämför bara de exakta beloppen; för {years} nämner källorna också statsbidrag utan "
                             "exakt belopp, som inte ingår.",
                       "en": "Compares only the exact amounts; for {years} the sources also name grants without an "
                             "exact amount, which are not included."},
    "ov_grants_help": {"sv": "Ytterligare {n} statsbidrag nämns i källorna utan exakta belopp; se Om datan.",
                       "en": "A further {n} grants are named in the sources without exact amounts; see About "
                             "the data."},
    "ov_per_capita_help": {"sv": "Hela beloppet {year} delat med folkmängden {date} ({pop} invånare).",
                           "en": "The whole {year} amount divided by the population on {date} ({pop} inhabitants)."},
    "ov_chart_title": {"sv": "Belopp per år, statsbidrag och kanal, mnkr, {years}",
                       "en": "Amounts per year, grant and channel, SEK m, {years}"},
    "ov_chart_alt": {"sv": "Staplat stapeldiagram med belopp i miljoner kronor per år, uppdelat på statsbidrag. "
                           "Beslutade belopp är heldragna, skattade snedstreckade och aviserade prickiga.",
                     "en": "Stacked bar chart of amounts in millions of kronor per year, split by grant. Decided "
                           "amounts are solid, estimated hatched and announced dotted."},
    "ov_chart_summary": {"sv": "Störst belopp har {year}: {amount} ({parts}).",
                         "en": "{year} has the largest amount: {amount} ({parts})."},
    "ov_changes_title": {"sv": "Förändring per region {first}–{second}, mnkr",
                         "en": "Change per region {first}–{second}, SEK m"},
    "ov_changes_alt": {"sv": "Liggande stapeldiagram med förändringen i miljoner kronor per region från {first} till "
                             "{second}, största förändringen överst; ökningar åt höger, minskningar åt vänster.",
                       "en": "Horizontal bar chart of the change in millions of kronor per region from {first} to "
                             "{second}, largest change on top; increases to the right, decreases to the left."},
    "ov_changes_summary": {"sv": "Störst förändring har {region}: {change} ({first_amount} → {second_amount}).",
                           "en": "{region} changes most: {change} ({first_amount} → {second_amount})."},
    "ov_changes_none": {"sv": "Inga regioner har belopp både {first} och {second} med de valda filtren.",
                        "en": "No region has amounts in both {first} and {second} with the chosen filters."},
    "ov_changes_note": {"sv": "Regionens egna och länsgemensamma medel. {second} saknar överenskommelsen staten–SKR, "
                              "som {first} stod för en stor del av regionernas medel.",
                        "en": "The region's own and county-joint funds. {second} lacks the state–SKR agreement, "
                              "which made up a large part of the regions' money in {first}."},
    "increase": {"sv": "Ökning", "en": "Increase"},
    "decrease": {"sv": "Minskning", "en": "Decrease"},
    # ------------------------------------------------------------ Regioner
    "rg_intro": {"sv": "Kronor per invånare för regionens egna och länsgemensamma medel under de valda åren. "
                       "Pengar som går till alla kommuner, till myndigheter eller som inte är fördelade per region "
                       "ingår inte.",
                 "en": "SEK per inhabitant for each region's own and county-joint funds in the chosen years. Money "
                       "to all municipalities, to agencies or not broken down by region is not included."},
    "rg_denom": {"sv": "Nämnare", "en": "Denominator"},
    "denom_total": {"sv": "Hela befolkningen 1 nov 2024", "en": "Total population 1 Nov 2024"},
    "denom_key": {"sv": "Fördelningsnyckelns befolkning", "en": "The allocation key's population"},
    "rg_denom_help": {"sv": "Källorna ger bara totalbefolkningen 1 november 2024. Med nyckelns befolkning tas bara de "
                            "delområden med som fördelas efter totalbefolkningen.",
                      "en": "The sources give only the total population on 1 November 2024. With the key's "
                            "population only the streams allocated by total population are included."},
    "rg_excluded": {"sv": "Utelämnade eftersom deras nyckelbefolkning inte finns i källorna: {streams}.",
                    "en": "Left out because their key population is not in the sources: {streams}."},
    "key_pop_18+": {"sv": "18 år och äldre", "en": "aged 18 and over"},
    "key_pop_0-25": {"sv": "0–25 år", "en": "aged 0–25"},
    "key_pop_fixed": {"sv": "fast belopp", "en": "fixed amount"},
    "key_pop_fixed+total": {"sv": "fast belopp och befolkning", "en": "fixed amount and population"},
    "key_pop_fixed+0-18": {"sv": "fast belopp och 0–18 år", "en": "fixed amount and aged 0–18"},
    "key_pop_unknown": {"sv": "nyckel inte angiven", "en": "key not given"},
    "key_pop_none": {"sv": "ingen nyckel", "en": "no key"},
    "key_pop_total": {"sv": "totalbefolkning", "en": "total population"},
    "rg_partial": {"sv": "För {years} finns bara en del av regionerna i källorna (Västra Götalands länsgemensamma "
                         "medel); jämförelsen mellan regioner gäller inte de åren.",
                   "en": "For {years} only some regions are in the sources (Västra Götaland's county-joint funds); "
                         "the comparison between regions does not hold for those years."},
    "rg_complete_years": {"sv": "Inga år är valda, så jämförelsen gäller {years}: de år då alla regioner har belopp "
                                "i källorna. Välj år i sidopanelen för att se andra år.",
                          "en": "No years are chosen, so the comparison covers {years}: the years in which every "
                                "region has amounts in the sources. Choose years in the sidebar to see others."},
    "rg_no_data": {"sv": "{n} regioner saknar belopp i urvalet och visas utan värde (grått), inte som noll.",
                   "en": "{n} regions have no amount in the selection and are shown without a value (grey), not "
                         "as zero."},
    "rg_map_title": {"sv": "Kronor per invånare per region, {years}", "en": "SEK per inhabitant per region, {years}"},
    "rg_map_alt": {"sv": "Karta över Sveriges 21 regioner färgade efter kronor per invånare; mörkare färg betyder "
                         "fler kronor per invånare. Samma värden står i stapeldiagrammet bredvid.",
                   "en": "Map of Sweden's 21 regions coloured by SEK per inhabitant; a darker colour means more SEK "
                         "per inhabitant. The same values are given in the bar chart beside it."},
    "rg_bar_title": {"sv": "Regionerna i rangordning, kronor per invånare, {years}",
                     "en": "The regions ranked, SEK per inhabitant, {years}"},
    "rg_bar_alt": {"sv": "Liggande stapeldiagram med regionerna rangordnade efter kronor per invånare, flest överst, "
                         "med en lodrät linje för riksgenomsnittet.",
                   "en": "Horizontal bar chart of the regions ranked by SEK per inhabitant, most on top, with a "
                         "vertical line at the national average."},
    "rg_summary": {"sv": "{top} får mest med {top_value} och {bottom} minst med {bottom_value}; riksgenomsnittet är "
                         "{national}.",
                   "en": "{top} gets the most, {top_value}, and {bottom} the least, {bottom_value}; the national "
                         "average is {national}."},
    "rg_summary_partial": {"sv": "{top} får mest med {top_value} och {bottom} minst med {bottom_value}; inget "
                                 "riksgenomsnitt, eftersom bara en del av regionerna har belopp de valda åren.",
                           "en": "{top} gets the most, {top_value}, and {bottom} the least, {bottom_value}; no "
                                 "national average, since only some regions have amounts in the chosen years."},
    "rg_summary_one": {"sv": "Bara {region} har belopp i urvalet: {value}; inget riksgenomsnitt.",
                       "en": "Only {region} has amounts in the selection: {value}; no national average."},
    "rg_highlight": {"sv": "Jämförelsen gäller alltid alla regioner; de valda ({regions}) är markerade med fetstil "
                           "och ▶ i stapeldiagrammet och med svart kant på kartan.",
                     "en": "The comparison always covers every region; the chosen ones ({regions}) are marked in "
                           "bold with ▶ in the bar chart and with a black border on the map."},
    "rg_national": {"sv": "Riksgenomsnitt {value}", "en": "National average {value}"},
    "rg_rank_of": {"sv": "{rank} av {n}", "en": "{rank} of {n}"},
    "rg_no_map": {"sv": "Inga regionala belopp matchar filtren.", "en": "No regional amounts match the filters."},
    # ------------------------------------------------------------ Över tid
    "ot_intro": {"sv": "Utan valda regioner visas hela riket: alla belopp, också de som inte är fördelade per region. "
                       "Välj regioner i sidopanelen för att jämföra dem.",
                 "en": "With no regions chosen the whole country is shown: every amount, also those not broken "
                       "down by region. Choose regions in the sidebar to compare them."},
    "ot_unit": {"sv": "Visa i", "en": "Show in"},
    "unit_sek": {"sv": "Miljoner kronor", "en": "Millions of kronor"},
    "unit_capita": {"sv": "Kronor per invånare", "en": "SEK per inhabitant"},
    "ot_title": {"sv": "Belopp per år, {areas}, {unit}, {years}", "en": "Amounts per year, {areas}, {unit}, {years}"},
    "ot_alt": {"sv": "Stapeldiagram med ett belopp per år och område; beslutade belopp heldragna, skattade "
                     "snedstreckade och aviserade prickiga.",
               "en": "Bar chart with one amount per year and area; decided amounts solid, estimated hatched and "
                     "announced dotted."},
    "ot_summary": {"sv": "{area}: högst {max_year} med {max_value}, lägst {min_year} med {min_value}.",
                   "en": "{area}: highest in {max_year} at {max_value}, lowest in {min_year} at {min_value}."},
    "ot_regions_note": {"sv": "De aviserade beloppen för 2027–2028 är inte fördelade per region och syns bara för hela "
                              "riket.",
                        "en": "The announced amounts for 2027–2028 are not broken down by region and appear only "
                              "for the whole country."},
    "ot_n_regions": {"sv": "{n} regioner", "en": "{n} regions"},
    "ot_many": {"sv": "Diagrammet visar de {n} första av de valda regionerna; tabellen visar alla.",
                "en": "The chart shows the first {n} of the chosen regions; the table shows all of them."},
    # ------------------------------------------------------------ Fokusområden
    "fo_intro": {"sv": "Hur pengarna fördelas på kanal, statsbidrag, delområde och fokusområde.",
                 "en": "How the money splits by channel, grant, funding stream and focus area."},
    "fo_tree_title": {"sv": "Fördelning på kanal, statsbidrag och delområde, mnkr, {years}",
                      "en": "Split by channel, grant and funding stream, SEK m, {years}"},
    "fo_tree_alt": {"sv": "Trädkarta: rutornas storlek är beloppet; yttersta nivån är kanal, sedan statsbidrag och "
                          "delområde. Skattade och aviserade delområden är märkta i texten och ljusare.",
                    "en": "Treemap: the size of each box is the amount; the outer level is the channel, then grant "
                          "and funding stream. Estimated and announced streams are labelled in the text and "
                          "lighter."},
    "fo_tree_summary": {"sv": "Största delområdet är {stream} med {amount} ({share} av urvalet).",
                        "en": "The largest funding stream is {stream} with {amount} ({share} of the selection)."},
    "fo_region_title": {"sv": "Belopp per region och fokusområde, mnkr, {years}",
                        "en": "Amounts per region and focus area, SEK m, {years}"},
    "fo_region_alt": {"sv": "Staplat liggande stapeldiagram: en stapel per region, delad på fokusområden som skiljs åt "
                            "med både färg och mönster.",
                      "en": "Stacked horizontal bar chart: one bar per region, split into focus areas told apart by "
                            "both colour and pattern."},
    "fo_region_summary": {"sv": "{region} får mest, {amount}; störst fokusområde i regionerna totalt är {focus}.",
                          "en": "{region} gets the most, {amount}; the largest focus area across the regions is "
                                "{focus}."},
    "fo_share_title": {"sv": "Andel per fokusområde, procent, {years}",
                       "en": "Share per focus area, per cent, {years}"},
    "fo_share_alt": {"sv": "Liggande stapeldiagram med varje fokusområdes andel av beloppen i procent.",
                     "en": "Horizontal bar chart of each focus area's share of the amounts in per cent."},
    "fo_share_excluded": {"sv": "Aviserade belopp som inte är fördelade på fokusområden ingår inte i andelarna: "
                                "{amount}.",
                          "en": "Announced amounts that are not broken down by focus area are left out of the "
                                "shares: {amount}."},
    "fo_share_summary": {"sv": "{focus} har störst andel, {share} ({amount}).",
                         "en": "{focus} has the largest share, {share} ({amount})."},
    # ------------------------------------------------------------ Regionprofil
    "rp_choose": {"sv": "Välj region", "en": "Choose a region"},
    "rp_prompt": {"sv": "Välj en region för att se dess profil.", "en": "Choose a region to see its profile."},
    "rp_first_of": {"sv": "Flera regioner är valda i sidopanelen; profilen visar {region}.",
                    "en": "Several regions are chosen in the sidebar; the profile shows {region}."},
    "rp_heading": {"sv": "{region}: statsbidrag för psykisk hälsa", "en": "{region}: state grants for mental health"},
    "rp_population": {"sv": "Folkmängd {date}: {pop} invånare.", "en": "Population on {date}: {pop} inhabitants."},
    "rp_total": {"sv": "Totalt {year}", "en": "Total {year}"},
    "rp_per_capita": {"sv": "Kr per invånare {year}", "en": "SEK per inhabitant {year}"},
    "rp_estimated_part": {"sv": "Varav {amount} ({value} per invånare) är skattat.",
                          "en": "Of which {amount} ({value} per inhabitant) is estimated."},
    "rp_vs_country": {"sv": "Riket: {value}", "en": "Sweden: {value}"},
    "rp_rank": {"sv": "Rang {year}", "en": "Rank {year}"},
    "rp_rank_help": {"sv": "1 = flest kronor per invånare bland de {n} regioner som har belopp det året.",
                     "en": "1 = most SEK per inhabitant among the {n} regions with amounts that year."},
    "rp_partial": {"sv": "Bara {n} region(er) har belopp {year} i källorna, så rangen säger inget det året.",
                   "en": "Only {n} region(s) have amounts for {year} in the sources, so the rank means nothing "
                         "that year."},
    "rp_chart_title": {"sv": "Kronor per invånare per år, {region} och riket, {years}",
                       "en": "SEK per inhabitant per year, {region} and Sweden, {years}"},
    "rp_chart_alt": {"sv": "Stapeldiagram med regionens kronor per invånare per år, med rikets värde som svart streck "
                           "vid varje stapel.",
                     "en": "Bar chart of the region's SEK per inhabitant per year, with the national value as a black "
                           "tick at each bar."},
    "rp_chart_summary": {"sv": "{year} får {region} {value} per invånare, mot {national} i riket.",
                         "en": "{year}: {region} gets {value} per inhabitant against Sweden's {national}."},
    "rp_streams_title": {"sv": "Regionens egna statsbidrag och delområden",
                         "en": "The region's own grants and streams"},
    "rp_joint_title": {"sv": "Länsgemensamma medel (till region och kommuner i länet tillsammans)",
                       "en": "County-joint funds (to the region and the county's municipalities together)"},
    "rp_joint_note": {"sv": "Länsgemensamma medel är inte regionens eget bidrag; de används gemensamt av regionen och "
                            "kommunerna i länet.",
                      "en": "County-joint funds are not the region's own grant; the region and the county's "
                            "municipalities use them together."},
    "rp_no_joint": {"sv": "Inga länsgemensamma medel i urvalet.", "en": "No county-joint funds in the selection."},
    "rp_no_own": {"sv": "Inga egna statsbidrag i urvalet.", "en": "No own grants in the selection."},
    "rp_national_label": {"sv": "Riket", "en": "Sweden"},
    "rp_print": {"sv": "Sidan kan skrivas ut eller sparas som pdf med webbläsarens utskriftsfunktion; adressen i "
                       "adressfältet visar samma vy för den du delar den med.",
                 "en": "The page can be printed or saved as pdf with the browser's print function; the address in "
                       "the address bar shows the same view to whoever you share it with."},
    # ------------------------------------------------------------ Data
    "dt_intro": {"sv": "Alla belopp som matchar filtren, en rad per belopp och mottagare. Nedladdningarna innehåller "
                       "exakt de här raderna.",
                 "en": "Every amount that matches the filters, one row per amount and recipient. The downloads "
                       "contain exactly these rows."},
    "dt_rows": {"sv": "{n} rader, summa {total}.", "en": "{n} rows, total {total}."},
    "dt_table": {"sv": "Tabell över de filtrerade beloppen", "en": "Table of the filtered amounts"},
    "col_recipient": {"sv": "Mottagare", "en": "Recipient"},
    "col_level": {"sv": "Mottagarnivå", "en": "Recipient level"},
    "col_amount": {"sv": "Belopp (kr)", "en": "Amount (SEK)"},
    "col_per_capita": {"sv": "Kr per invånare", "en": "SEK per inhabitant"},
    "col_population": {"sv": "Folkmängd", "en": "Population"},
    "col_source": {"sv": "Källa", "en": "Source"},
    "col_estimate": {"sv": "Skattningsmetod", "en": "Estimation method"},
    # ------------------------------------------------------------ Om datan
    "om_intro": {"sv": "Varifrån siffrorna kommer, hur de är kontrollerade och vad de inte säger.",
                 "en": "Where the figures come from, how they are checked and what they do not say."},
    "om_sources": {"sv": "Källor", "en": "Sources"},
    "om_sources_text": {"sv": "Varje belopp är avskrivet exakt som det är publicerat, i hela kronor, ur de här "
                              "dokumenten.",
                        "en": "Every amount is transcribed exactly as published, in whole kronor, from these "
                              "documents."},
    "col_title": {"sv": "Titel", "en": "Title"},
    "col_publisher": {"sv": "Utgivare", "en": "Publisher"},
    "col_date": {"sv": "Datum", "en": "Date"},
    "col_diarienummer": {"sv": "Diarienummer", "en": "Reference number"},
    "col_kind": {"sv": "Typ", "en": "Kind"},
    "om_keys": {"sv": "Fördelningsnycklar", "en": "Allocation keys"},
    "om_keys_text": {"sv": "Så fördelas varje delområde mellan mottagarna enligt källorna.",
                     "en": "How each funding stream is split between recipients according to the sources."},
    "col_key_population": {"sv": "Nyckelbefolkning", "en": "Key population"},
    "om_audit": {"sv": "Granskning av nycklarna", "en": "Key audit"},
    "om_audit_text": {"sv": "Varje publicerat belopp är räknat om från sin nyckel. Avvikelsen är publicerat minus "
                            "omräknat, i kronor. Där nyckelbefolkningen (18+ eller 0–25 år, september 2025) saknas "
                            "i källorna mäts avvikelsen mot totalbefolkningen 1 november 2024 som närmaste värde.",
                      "en": "Every published amount is recomputed from its key. The deviation is published minus "
                            "recomputed, in kronor. Where the key population (aged 18+ or 0–25, September 2025) is "
                            "not in the sources, the deviation is measured against the total population on "
                            "1 November 2024 as the nearest value."},
    "col_key_basis": {"sv": "Nyckelns grund", "en": "Key basis"},
    "recipient_county": {"sv": "{region} (länsgemensamt)", "en": "{region} county (county-joint)"},
    "recipient_municipalities": {"sv": "Kommunerna", "en": "The municipalities"},
    "recipient_regions_unallocated": {"sv": "Regionerna (ej fördelat)", "en": "The regions (not broken down)"},
    "col_recipients": {"sv": "Mottagare", "en": "Recipients"},
    "col_max_dev": {"sv": "Största avvikelse (kr)", "en": "Largest deviation (SEK)"},
    "col_within": {"sv": "Inom 1 kr", "en": "Within SEK 1"},
    "om_reconciliation": {"sv": "Avstämning mot tryckta summor", "en": "Reconciliation against printed totals"},
    "om_rec_text": {"sv": "Varje tryckt summa i källornas tabeller är jämförd med summan av sina delar: {checks} "
                          "kontroller, {exact} exakta, {tolerated} med en känd avrundningsskillnad i källan (listade "
                          "nedan). De publicerade delbeloppen lagras som de är.",
                    "en": "Every printed total in the sources' tables is compared with the sum of its parts: "
                          "{checks} checks, {exact} exact, {tolerated} with a known rounding difference in the "
                          "source (listed below). The published parts are stored as they are."},
    "col_table": {"sv": "Tabell", "en": "Table"},
    "col_row": {"sv": "Rad", "en": "Row"},
    "col_column": {"sv": "Kolumn", "en": "Column"},
    "col_printed": {"sv": "Tryckt", "en": "Printed"},
    "col_sum": {"sv": "Summa av delarna", "en": "Sum of parts"},
    "col_difference": {"sv": "Skillnad", "en": "Difference"},
    "om_definitions": {"sv": "Definitioner", "en": "Definitions"},
    "om_gaps": {"sv": "Kända luckor", "en": "Known gaps"},
    "om_no_figures": {"sv": "Statsbidrag utan exakta belopp", "en": "Grants without exact amounts"},
    "om_no_figures_text": {"sv": "Källorna nämner de här bidragen men anger inget exakt belopp. De ritas aldrig som "
                                 "siffror; här står beloppet som det är formulerat.",
                           "en": "The sources name these grants but give no exact amount. They are never drawn as "
                                 "figures; the amount is given here as worded."},
    "col_as_worded": {"sv": "Belopp enligt källan", "en": "Amount as worded"},
    "om_estimates": {"sv": "Skattade belopp", "en": "Estimated amounts"},
    "om_map": {"sv": "Karta", "en": "Map"},
    "om_a11y": {"sv": "Tillgänglighet", "en": "Accessibility"},
    "om_version": {"sv": "Dataversion {version}, byggd {built}.", "en": "Data version {version}, built {built}."},
}

# Longer prose for the Om page, kept as lists of paragraphs.
PROSE: dict[str, dict[str, tuple[str, ...]]] = {
    "definitions": {
        "sv": (
            "**Beslutat**: beloppet står i ett beslut eller en överenskommelse. **Skattat**: beloppet är räknat fram "
            "här eftersom källan bara ger totalen (primärvårdsbidraget 2026 per region). **Aviserat**: regeringen har "
            "angett en planerad nivå för ett kommande år, utan fördelning per region.",
            "**Regionen**: pengar till regionen själv. **Länsgemensamt**: medel till region och kommuner i ett län "
            "tillsammans; de är inte regionens eget bidrag. **Kommunerna**: medel till alla kommuner, inte "
            "fördelade per län. **Myndighet eller SKR**: Socialstyrelsens administration och SKR:s eget arbete.",
            "**Kronor per invånare**: beloppet delat med folkmängden 1 november 2024, den enda folkmängd som "
            "källorna ger. Riksgenomsnittet är de regionala beloppen delade med hela befolkningen ({national_pop}).",
            "**Rang**: 1 = flest kronor per invånare bland de regioner som har belopp i urvalet.",
        ),
        "en": (
            "**Decided**: the amount is stated in a decision or agreement. **Estimated**: the amount is worked out "
            "here because the source gives only the total (the 2026 primary-care grant per region). **Announced**: "
            "the government has stated a planned level for a coming year, not broken down by region.",
            "**The region**: money to the region itself. **County-joint**: funds to the region and the "
            "municipalities of a county together; they are not the region's own grant. **Municipalities**: funds to "
            "all municipalities, not broken down by county. **Agency or SKR**: Socialstyrelsen's administration and "
            "SKR's own work.",
            "**SEK per inhabitant**: the amount divided by the population on 1 November 2024, the only population "
            "the sources give. The national average is the regional amounts divided by the whole population "
            "({national_pop}).",
            "**Rank**: 1 = most SEK per inhabitant among the regions with amounts in the selection.",
        ),
    },
    "gaps": {
        "sv": (
            "2023 och 2024 finns bara Västra Götalands länsgemensamma medel i källorna, inte övriga län.",
            "Överenskommelsen staten–SKR för 2026 har inget exakt belopp (”över 1,3 miljarder kronor”), så 2026 är "
            "ofullständigt.",
            "Primärvårdsbidraget 2026 fördelas efter folkmängden 1 november 2025, som inte finns i källorna; "
            "beloppen per region är därför skattade.",
            "Nycklarna för specialiserad psykiatri 2026 (befolkning 18+ och 0–25 år, september 2025) finns inte i "
            "källorna; kronor per invånare räknas därför mot totalbefolkningen.",
            "2027 och 2028 är bara aviserade totalbelopp, inte fördelade per region.",
            "Medlen till kommunerna (barn och unga) är inte fördelade per län i källorna.",
        ),
        "en": (
            "For 2023 and 2024 the sources give only Västra Götaland's county-joint funds, not the other counties'.",
            "The state–SKR agreement for 2026 has no exact amount (“över 1,3 miljarder kronor”, over SEK 1.3 "
            "billion), so 2026 is incomplete.",
            "The 2026 primary-care grant is split by the population on 1 November 2025, which is not in the "
            "sources; the amounts per region are therefore estimated.",
            "The keys for specialised psychiatry 2026 (population aged 18+ and 0–25, September 2025) are not in the "
            "sources; SEK per inhabitant is therefore computed against the total population.",
            "2027 and 2028 are only announced totals, not broken down by region.",
            "The funds to the municipalities (children and young people) are not broken down by county in the "
            "sources.",
        ),
    },
    "estimates": {
        "sv": (
            "Det enda skattade beloppet är primärvårdsbidraget 2026 per region: totalen {pv_total} (Socialstyrelsens "
            "anvisningar) fördelad efter regionernas andel av folkmängden 1 november 2024. Det verkliga beloppet "
            "fördelas efter folkmängden 1 november 2025 och avviker därför något. Skattade belopp är märkta "
            "”skattat” och snedstreckade överallt där de visas.",
        ),
        "en": (
            "The only estimated amounts are the 2026 primary-care grant per region: the total of {pv_total} "
            "(Socialstyrelsen's instructions) split by each region's share of the population on 1 November 2024. "
            "The real amounts follow the population on 1 November 2025 and so differ slightly. Estimated amounts "
            "are labelled “estimated” and hatched wherever they appear.",
        ),
    },
    "map": {
        "sv": (
            "Länsgränserna kommer från Open Knowledge Sweden (okfse/sweden-geojson), förenklade för webbkartor. "
            "Kartan ritas utan bakgrundskarta, så sidan hämtar inget från andra servrar.",
        ),
        "en": (
            "The county borders come from Open Knowledge Sweden (okfse/sweden-geojson), simplified for web maps. "
            "The map is drawn without a background map, so the page fetches nothing from other servers.",
        ),
    },
    "a11y": {
        "sv": (
            "Tjänsten ska uppfylla WCAG 2.1 nivå AA, som lagen om tillgänglighet till digital offentlig service "
            "kräver. Varje diagram har en rubrik med enhet och år, en textbeskrivning för skärmläsare, en mening "
            "som sammanfattar det och en tabell med samma siffror (”Visa som tabell”). Färgerna går att skilja åt "
            "vid vanlig färgblindhet, och inget sägs bara med färg: status visas också med mönster och ord.",
            "Sidan fungerar med tangentbord och på mobil. Alla sidor testas automatiskt med axe-core utan allvarliga "
            "eller kritiska fel. Kartan är ett komplement; samma värden finns i stapeldiagrammet och tabellen.",
            "Kända brister: diagrammens interaktiva verktyg (zoom, panorering) är svåra att använda med skärmläsare; "
            "använd tabellerna i stället. Hittar du något som inte fungerar, hör av dig till förvaltaren av tjänsten.",
        ),
        "en": (
            "The service aims to meet WCAG 2.1 level AA, as the Swedish act on accessibility of digital public "
            "services requires. Every chart has a title with unit and year, a text description for screen readers, "
            "a sentence that sums it up and a table with the same figures (“Show as table”). The colours can be "
            "told apart with common colour blindness, and nothing is told by colour alone: status is also shown by "
            "pattern and in words.",
            "The page works with a keyboard and on phones. Every page is tested automatically with axe-core with no "
            "serious or critical violation. The map is a complement; the same values are in the bar chart and the "
            "table.",
            "Known shortcomings: the charts' interactive tools (zoom, pan) are hard to use with a screen reader; use "
            "the tables instead. If something does not work for you, contact whoever runs the service.",
        ),
    },
}


# Short labels that the sources and the build write only in Swedish. A text missing here is shown in English
# as "(in Swedish) ..." so a reader knows why it is in Swedish rather than meeting an unexplained sentence.
SOURCE_TEXT_EN: dict[str, str] = {
    "Regeringsbeslut med bilaga": "Government decision with annex",
    "Pressmeddelande": "Press release",
    "Myndighetens anvisningar": "The agency's instructions",
    "Presentation": "Presentation",
    "befolkning 2024-11-01": "population 2024-11-01",
    "fast belopp per län": "fixed amount per county",
    "fast belopp per län + resten efter befolkning 2024-11-01":
        "fixed amount per county + the rest by population 2024-11-01",
    "implicit andel (nyckeln befolkning 0-25 sept 2025 finns inte i källorna)":
        "implied share (the key, population aged 0-25 in September 2025, is not in the sources)",
    "implicit andel (nyckeln befolkning 18+ sept 2025 finns inte i källorna)":
        "implied share (the key, population aged 18+ in September 2025, is not in the sources)",
    "implicit andel 18+ härledd ur medlen för vårdkapacitet (samma nyckel)":
        "implied 18+ share derived from the funds for care capacity (same key)",
}


def source_text(text: object, lang: str = "sv") -> str:
    """A Swedish text from the sources in the chosen language: translated if known, else marked as Swedish."""
    if not isinstance(text, str) or not text:
        return ""
    if lang != "en":
        return text
    return SOURCE_TEXT_EN.get(text) or f"(in Swedish) {text}"


def recipient(text: object, level: str, region_code: str, region_name: str, lang: str = "sv") -> str:
    """Who receives the money. Organisation names stay as they are; the generic Swedish labels get English ones."""
    text = text if isinstance(text, str) else ""
    if lang != "en":
        return text
    if level == "county" and region_name:
        return t("recipient_county", lang, region=region_name)
    if level == "municipalities":
        return t("recipient_municipalities", lang)
    if level == "region" and not region_code:
        return t("recipient_regions_unallocated", lang)
    return text  # "Region Stockholm", "SKR", "Socialstyrelsen": names of organisations


def t(key: str, lang: str = "sv", **values: object) -> str:
    """The string for `key` in `lang` (Swedish if the language is unknown), with `values` filled in."""
    entry = TEXT[key]
    template = entry.get(lang) or entry["sv"]
    return template.format(**values) if values else template


def prose(key: str, lang: str = "sv", **values: object) -> tuple[str, ...]:
    entry = PROSE[key]
    paragraphs = entry.get(lang) or entry["sv"]
    return tuple(p.format(**values) for p in paragraphs) if values else paragraphs


def name(row: Mapping[str, object], column: str, lang: str) -> str:
    """A data label in the right language: `column` (Swedish) or `column` + "_en"."""
    if lang == "en":
        value = row.get(f"{column}_en")
        if isinstance(value, str) and value:
            return value
    value = row.get(column)
    return value if isinstance(value, str) else ""


class Translator:
    """``tr = Translator("en"); tr("ov_total", year=2025)``: t() with the language bound."""

    def __init__(self, lang: str):
        self.lang = lang if lang in ("sv", "en") else "sv"

    def __call__(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def prose(self, key: str, **values: object) -> tuple[str, ...]:
        return prose(key, self.lang, **values)
