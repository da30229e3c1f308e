"""The words of the chart pages: Översikt, Regioner, Över tid and Fokusområden."""

TEXT: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------ shared column headers
    "col_amount": {"sv": "Belopp (kr)", "en": "Amount (SEK)"},
    "col_per_capita": {"sv": "Kr per invånare", "en": "SEK per inhabitant"},
    "col_population": {"sv": "Folkmängd", "en": "Population"},
    "col_change": {"sv": "Förändring (kr)", "en": "Change (SEK)"},
    "col_change_pct": {"sv": "Förändring (%)", "en": "Change (%)"},
    # ------------------------------------------------------------ Översikt
    "ov_heading": {"sv": "Statens pengar {years}", "en": "The state's money in {years}"},
    "ov_total": {"sv": "Totalt {years}", "en": "Total {years}"},
    "ov_scope_all": {"sv": "Alla statsbidrag i datan, hela landet.", "en": "All grants in the data, the whole country."},
    "ov_scope_filtered": {"sv": "Bara de statsbidrag, mottagare och områden som filtren väljer.",
                          "en": "Only the grants, recipients and areas the filters choose."},
    "ov_scope_regions": {"sv": "Bara {regions}: regionens egna och länsgemensamma medel.",
                         "en": "Only {regions}: the region's own and county-joint funds."},
    "ov_parts": {"sv": "Varav {parts}.", "en": "Of which {parts}."},
    "ov_announced_left_out": {"sv": "Aviserat för {years} men inte beslutat, och inte medräknat: {amount}. Välj "
                                    "aviserade belopp under Fler filter för att ta med det.",
                              "en": "Announced for {years} but not decided, and not counted: {amount}. Choose "
                                    "announced amounts under More filters to include it."},
    "ov_per_capita": {"sv": "Kronor per invånare {years}", "en": "SEK per inhabitant {years}"},
    "ov_per_capita_all": {"sv": "Alla valda belopp, också de som inte är fördelade per region, delat med rikets "
                                "folkmängd {pop} ({date}).",
                          "en": "All selected amounts, also those not split by region, divided by the national "
                                "population of {pop} ({date})."},
    "ov_per_capita_regional": {"sv": "På sidan Regioner delas bara de regionfördelade beloppen med folkmängden: "
                                     "{value} för riket.",
                               "en": "The Regions page divides only the amounts split by region by the population: "
                                     "{value} for Sweden."},
    "ov_per_capita_region": {"sv": "Regionens egna och länsgemensamma belopp delat med dess folkmängd {pop} ({date}).",
                             "en": "The region's own and county-joint amounts divided by its population of {pop} "
                                   "({date})."},
    "ov_per_capita_vs": {"sv": "Riket: {value} (regionfördelade belopp delat med rikets folkmängd).",
                         "en": "Sweden: {value} (amounts split by region divided by the national population)."},
    "ov_rank": {"sv": "Rang {years}", "en": "Rank {years}"},
    "ov_rank_help": {"sv": "1 = flest kronor per invånare bland regionerna, räknat på regionfördelade belopp.",
                     "en": "1 = most SEK per inhabitant among the regions, counting amounts split by region."},
    "ov_known": {"sv": "Känt per region {years}", "en": "Known per region {years}"},
    "ov_known_help": {"sv": "Av {total} ({share}). Resten, {national}, anges bara för hela landet och finns inte på "
                            "kartan.",
                      "en": "Of {total} ({share}). The rest, {national}, is stated only for the whole country and is "
                            "not on the map."},
    "ov_region_none": {"sv": "De valda regionerna har inga regionfördelade belopp {years}.",
                       "en": "The chosen regions have no amounts split by region in {years}."},
    "ov_frame": {"sv": "Budgetram {year}: {label}, {amount} ({source}). Här specificerade statsbidrag {year}: "
                       "{itemised}. Ramen är regeringens förslag, inte summan av bidragen här: alla bidrag betalas "
                       "inte från anslaget, och anslaget betalar också annat.",
                 "en": "Budget frame {year}: {label}, {amount} ({source}). Grants itemised here for {year}: "
                       "{itemised}. The frame is the government's proposal, not the sum of the grants here: not "
                       "every grant is paid from it, and it pays for other things too."},
    "ov_trail_title": {"sv": "Pengarnas väg {year}: från budget till mottagare, mnkr",
                       "en": "The money trail {year}: from the budget to the recipients, SEK m"},
    "ov_trail_alt": {"sv": "Flödesdiagram (Sankey) från statens budget via statsbidrag och kanal till mottagarnivå; "
                           "bandens bredd är beloppet. Samma flöden står i tabellen under diagrammet.",
                     "en": "Flow diagram (Sankey) from the state budget via grant and channel to the recipient level; "
                           "the width of each band is the amount. The same flows are in the table under the chart."},
    "ov_trail_summary": {"sv": "{year} går {total} genom diagrammet; största statsbidraget är {grant} med {amount}.",
                         "en": "In {year}, {total} flows through the chart; the largest grant is {grant} with "
                               "{amount}."},
    "ov_trail_budget": {"sv": "Statens budget {year}", "en": "State budget {year}"},
    "ov_trail_other": {"sv": "Övriga regioner", "en": "Other regions"},
    "ov_trail_national": {"sv": "Ej fördelat per region", "en": "Not split by region"},
    "ov_trail_from": {"sv": "Från", "en": "From"},
    "ov_trail_to": {"sv": "Till", "en": "To"},
    "ov_trail_one_year": {"sv": "Flödet visar ett år, {year}.", "en": "The flow shows one year, {year}."},
    "ov_changes_title": {"sv": "Vad förändrades {first}–{second}, per statsbidrag, mnkr",
                         "en": "What changed {first}–{second}, per grant, SEK m"},
    "ov_changes_alt": {"sv": "Vattenfallsdiagram: första årets total, sedan varje statsbidrags ökning eller minskning, "
                             "och andra årets total. Delarna summerar exakt till skillnaden.",
                       "en": "Waterfall chart: the first year's total, then each grant's increase or decrease, and "
                             "the second year's total. The parts add up exactly to the difference."},
    "ov_changes_summary": {"sv": "Från {first_total} {first} till {second_total} {second} ({change}): {new} nya "
                                 "statsbidrag, {ended} utan belopp {second}, {up} som ökar och {down} som minskar.",
                           "en": "From {first_total} in {first} to {second_total} in {second} ({change}): {new} new "
                                 "grants, {ended} without an amount in {second}, {up} increasing and {down} "
                                 "decreasing."},
    "ov_changes_announced": {"sv": "Utan belopp {second} i urvalet men aviserade för {second} (inte medräknat): "
                                   "{items}.",
                             "en": "Without an amount in {second} in the selection but announced for {second} (not "
                                   "counted): {items}."},
    "ov_changes_note": {"sv": "Jämförs statsbidrag för statsbidrag; en skillnad mellan två års totaler som innehåller "
                              "olika bidrag säger annars inget.",
                        "en": "Compared grant by grant; a difference between two years' totals that hold different "
                              "grants would otherwise say nothing."},
    "ov_changes_none": {"sv": "Det finns inget tidigare år att jämföra {year} med.",
                        "en": "There is no earlier year to compare {year} with."},
    "ov_changes_sum": {"sv": "Summa", "en": "Total"},
    "ov_change_kind": {"sv": "Förändring", "en": "Change"},
    "ov_base": {"sv": "Jämför med år", "en": "Compare with year"},
    "kind_new": {"sv": "nytt", "en": "new"},
    "kind_ended": {"sv": "inget belopp", "en": "no amount"},
    "kind_up": {"sv": "ökar", "en": "up"},
    "kind_down": {"sv": "minskar", "en": "down"},
    "kind_same": {"sv": "oförändrat", "en": "unchanged"},
    # ------------------------------------------------------------ Regioner
    "rg_intro": {"sv": "Kronor per invånare för regionens egna och länsgemensamma medel. Pengar som bara anges för "
                       "hela landet (till alla kommuner, myndigheter, SKR eller inte uppdelade) finns inte på kartan; "
                       "raden nedan säger hur stor del av pengarna jämförelsen gäller.",
                 "en": "SEK per inhabitant for each region's own and county-joint funds. Money stated only for the "
                       "whole country (to all municipalities, agencies, SKR or not split) is not on the map; the line "
                       "below says how much of the money the comparison covers."},
    "rg_denom": {"sv": "Nämnare", "en": "Denominator"},
    "denom_total": {"sv": "Hela befolkningen", "en": "Total population"},
    "denom_key": {"sv": "Fördelningsnyckelns befolkning", "en": "The allocation key's population"},
    "rg_denom_help": {"sv": "Källorna ger bara totalbefolkningen. Med nyckelns befolkning tas bara de delområden med "
                            "som fördelas efter totalbefolkningen.",
                      "en": "The sources give only the total population. With the key's population only the streams "
                            "allocated by total population are included."},
    "rg_excluded": {"sv": "Utelämnade eftersom deras nyckelbefolkning inte finns i källorna: {streams}.",
                    "en": "Left out because their key population is not in the sources: {streams}."},
    "rg_no_data": {"sv": "{n} regioner saknar belopp i urvalet och visas utan värde (grått), inte som noll.",
                   "en": "{n} regions have no amount in the selection and are shown without a value (grey), not as "
                         "zero."},
    "rg_no_value": {"sv": "inget belopp i urvalet", "en": "no amount in the selection"},
    "rg_all_equal": {"sv": "Alla regioner får lika mycket per invånare, {value}: kartan har en färg och rangordningen "
                           "visar dem som lika.",
                     "en": "Every region gets the same per inhabitant, {value}: the map has one colour and the ranking "
                           "shows them as equal."},
    "rg_ties": {"sv": "= före rangen: regioner med samma värde (på två decimaler) delar rang.",
                "en": "= before the rank: regions with the same value (to two decimals) share a rank."},
    "rg_empty": {"sv": "{years} finns inga belopp per region i urvalet ({total} anges bara för hela landet). Belopp per "
                       "region finns för {available}: välj ett av de åren.",
                 "en": "In {years} the selection has no amounts per region ({total} is stated only for the whole "
                       "country). Amounts per region exist for {available}: choose one of those years."},
    "rg_empty_never": {"sv": "Inget av de valda beloppen är fördelat per region. Rensa filtren för att se regionerna.",
                       "en": "None of the chosen amounts is split by region. Clear the filters to see the regions."},
    "rg_map_title": {"sv": "Kronor per invånare per region, {years}", "en": "SEK per inhabitant per region, {years}"},
    "rg_map_alt": {"sv": "Karta över Sveriges 21 regioner färgade efter kronor per invånare; mörkare färg betyder "
                         "fler kronor per invånare. Samma värden står i rangordningen och tabellen.",
                   "en": "Map of Sweden's 21 regions coloured by SEK per inhabitant; a darker colour means more SEK "
                         "per inhabitant. The same values are in the ranking and the table."},
    "map_scale_note": {"sv": "Färgskalan börjar på noll kronor per invånare.",
                       "en": "The colour scale starts at zero SEK per inhabitant."},
    "map_equal_note": {"sv": "En färg: alla regioner har samma värde.", "en": "One colour: every region has the same "
                                                                               "value."},
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
    "rg_summary_equal": {"sv": "Alla {n} regioner får lika mycket: {value}.",
                         "en": "All {n} regions get the same: {value}."},
    "rg_highlight": {"sv": "Jämförelsen gäller alltid alla regioner; de valda ({regions}) är markerade med fetstil "
                           "och ▶ i rangordningen och med svart kant på kartan.",
                     "en": "The comparison always covers every region; the chosen ones ({regions}) are marked in "
                           "bold with ▶ in the ranking and with a black border on the map."},
    "rg_national": {"sv": "Riksgenomsnitt {value}", "en": "National average {value}"},
    "rg_rank_of": {"sv": "{rank} av {n}", "en": "{rank} of {n}"},
    # ------------------------------------------------------------ Över tid
    "ot_intro": {"sv": "Varje år i datan, från överenskommelsen 2017 till de aviserade beloppen. Utan valda regioner "
                       "visas hela riket statsbidrag för statsbidrag; välj regioner för att jämföra dem.",
                 "en": "Every year in the data, from the 2017 agreement to the announced amounts. With no regions "
                       "chosen the whole country is shown grant by grant; choose regions to compare them."},
    "ot_unit": {"sv": "Visa i", "en": "Show in"},
    "unit_sek": {"sv": "Miljoner kronor", "en": "Millions of kronor"},
    "unit_capita": {"sv": "Kronor per invånare", "en": "SEK per inhabitant"},
    "ot_title_grants": {"sv": "Belopp per år och statsbidrag, {areas}, {unit}, {years}",
                        "en": "Amounts per year and grant, {areas}, {unit}, {years}"},
    "ot_title": {"sv": "Belopp per år, {areas}, {unit}, {years}", "en": "Amounts per year, {areas}, {unit}, {years}"},
    "ot_alt_grants": {"sv": "Staplat stapeldiagram med ett belopp per år, uppdelat på statsbidrag; beslutade belopp "
                            "heldragna, skattade snedstreckade och aviserade prickiga.",
                      "en": "Stacked bar chart with one amount per year, split by grant; decided amounts solid, "
                            "estimated hatched and announced dotted."},
    "ot_alt": {"sv": "Stapeldiagram med ett belopp per år och region; beslutade belopp heldragna, skattade "
                     "snedstreckade och aviserade prickiga.",
               "en": "Bar chart with one amount per year and region; decided amounts solid, estimated hatched and "
                     "announced dotted."},
    "ot_summary": {"sv": "{area}: högst {max_year} med {max_value}, lägst {min_year} med {min_value} (bland åren "
                         "utan luckor i källorna).",
                   "en": "{area}: highest in {max_year} at {max_value}, lowest in {min_year} at {min_value} (among the "
                         "years without gaps in the sources)."},
    "ot_capita_national": {"sv": "Kronor per invånare: hela årets belopp delat med rikets folkmängd.",
                           "en": "SEK per inhabitant: the whole year's amount divided by the national population."},
    "ot_regions_note": {"sv": "En region visar sina egna och länsgemensamma belopp; pengar som bara anges för hela "
                              "landet (bland annat alla aviserade belopp) ingår inte.",
                        "en": "A region shows its own and county-joint amounts; money stated only for the whole "
                              "country (including every announced amount) is not included."},
    "ot_regions_none": {"sv": "De valda regionerna har inga regionfördelade belopp {years}.",
                        "en": "The chosen regions have no amounts split by region in {years}."},
    "ot_n_regions": {"sv": "{n} regioner", "en": "{n} regions"},
    "ot_many": {"sv": "Diagrammet visar de {n} första av de valda regionerna; tabellen visar alla.",
                "en": "The chart shows the first {n} of the chosen regions; the table shows all of them."},
    # ------------------------------------------------------------ Fokusområden
    "fo_intro": {"sv": "Hur årets pengar fördelas på kanal, statsbidrag och delområde, på fokusområden och per region.",
                 "en": "How the year's money splits by channel, grant and funding stream, by focus area and by "
                       "region."},
    "fo_tree_title": {"sv": "Fördelning på kanal, statsbidrag och delområde, mnkr, {years}",
                      "en": "Split by channel, grant and funding stream, SEK m, {years}"},
    "fo_tree_alt": {"sv": "Trädkarta: rutornas storlek är beloppet; yttersta nivån är kanal, sedan statsbidrag och "
                          "delområde. Skattade och aviserade delområden är märkta i texten och ljusare.",
                    "en": "Treemap: the size of each box is the amount; the outer level is the channel, then grant "
                          "and funding stream. Estimated and announced streams are labelled in the text and lighter."},
    "fo_tree_summary": {"sv": "Största delområdet är {stream} med {amount} ({share} av urvalet).",
                        "en": "The largest funding stream is {stream} with {amount} ({share} of the selection)."},
    "fo_share_title": {"sv": "Andel per fokusområde, procent, {years}", "en": "Share per focus area, per cent, {years}"},
    "fo_share_alt": {"sv": "Liggande stapeldiagram med varje fokusområdes andel av beloppen i procent.",
                     "en": "Horizontal bar chart of each focus area's share of the amounts in per cent."},
    "fo_share_excluded": {"sv": "Andelarna gäller pengar med ett fokusområde. {amount} av {total} delar källorna inte "
                                "upp på fokusområden; det räknas inte som något fokusområde.",
                          "en": "The shares cover money with a focus area. The sources do not split {amount} of "
                                "{total} by focus area; it is not counted as any focus area."},
    "fo_share_summary": {"sv": "{focus} har störst andel, {share} ({amount}).",
                         "en": "{focus} has the largest share, {share} ({amount})."},
    "fo_region_title": {"sv": "Belopp per region och fokusområde, mnkr, {years}",
                        "en": "Amounts per region and focus area, SEK m, {years}"},
    "fo_region_alt": {"sv": "Staplat liggande stapeldiagram: en stapel per region, delad på fokusområden som skiljs åt "
                            "med både färg och mönster.",
                      "en": "Stacked horizontal bar chart: one bar per region, split into focus areas told apart by "
                            "both colour and pattern."},
    "fo_region_summary": {"sv": "{region} får mest, {amount}; störst fokusområde i regionerna totalt är {focus}.",
                          "en": "{region} gets the most, {amount}; the largest focus area across the regions is "
                                "{focus}."},
    "fo_region_none": {"sv": "Inga regionfördelade belopp med fokusområde i urvalet. {coverage}",
                       "en": "No amounts split by region with a focus area in the selection. {coverage}"},
}
