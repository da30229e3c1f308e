"""The words of Regionprofil, Data and Om datan, including the About page's longer prose."""

TEXT: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------ Regionprofil
    "rp_choose": {"sv": "Välj region", "en": "Choose a region"},
    "rp_prompt": {"sv": "Välj en region för att se dess profil.", "en": "Choose a region to see its profile."},
    "rp_first_of": {"sv": "Flera regioner är valda; profilen visar {region}.",
                    "en": "Several regions are chosen; the profile shows {region}."},
    "rp_heading": {"sv": "{region}: statsbidrag för psykisk hälsa", "en": "{region}: state grants for mental health"},
    "rp_population": {"sv": "Folkmängd {date}: {pop} invånare.", "en": "Population on {date}: {pop} inhabitants."},
    "rp_total": {"sv": "Totalt {year}", "en": "Total {year}"},
    "rp_total_help": {"sv": "Egna medel {own}, länsgemensamma {joint}.", "en": "Own funds {own}, county-joint {joint}."},
    "rp_per_capita": {"sv": "Kr per invånare {year}", "en": "SEK per inhabitant {year}"},
    "rp_per_capita_help": {"sv": "Regionens egna och länsgemensamma medel delat med folkmängden {pop} ({date}).",
                           "en": "The region's own and county-joint funds divided by its population of {pop} ({date})."},
    "rp_estimated_part": {"sv": "Varav {amount} ({value} per invånare) är skattat.",
                          "en": "Of which {amount} ({value} per inhabitant) is estimated."},
    "rp_vs_country": {"sv": "Riket: {value}", "en": "Sweden: {value}"},
    "rp_no_national": {"sv": "Inget riksgenomsnitt: bara en del av regionerna har belopp det året.",
                       "en": "No national average: only some regions have amounts that year."},
    "rp_rank": {"sv": "Rang {year}", "en": "Rank {year}"},
    "rp_rank_help": {"sv": "1 = flest kronor per invånare bland de {n} regioner som har belopp det året.",
                     "en": "1 = most SEK per inhabitant among the {n} regions with amounts that year."},
    "rp_partial": {"sv": "Bara {n} region(er) har belopp {year} i källorna, så rangen säger inget det året.",
                   "en": "Only {n} region(s) have amounts for {year} in the sources, so the rank means nothing that "
                         "year."},
    "rp_empty": {"sv": "{years}: källorna ger inga belopp per region för {region}. {region} har belopp för "
                       "{available}; välj ett av de åren.",
                 "en": "{years}: the sources give no amounts per region for {region}. {region} has amounts for "
                       "{available}; choose one of those years."},
    "rp_empty_partial": {"sv": "{years}: per region ger källorna bara {regions}; för {region} finns bara rikets "
                               "totalbelopp. {region} har belopp för {available}; välj ett av de åren.",
                         "en": "{years}: by region the sources give only {regions}; for {region} there are only "
                               "national totals. {region} has amounts for {available}; choose one of those years."},
    "rp_chart_title": {"sv": "Kronor per invånare per år, {region} och riket, {years}",
                       "en": "SEK per inhabitant per year, {region} and Sweden, {years}"},
    "rp_chart_alt": {"sv": "Stapeldiagram med regionens kronor per invånare per år, med rikets värde som svart streck "
                           "vid varje stapel.",
                     "en": "Bar chart of the region's SEK per inhabitant per year, with the national value as a black "
                           "tick at each bar."},
    "rp_chart_summary": {"sv": "{year} får {region} {value} per invånare, mot {national} i riket.",
                         "en": "{year}: {region} gets {value} per inhabitant against Sweden's {national}."},
    "rp_col_national": {"sv": "Riket, kr per invånare", "en": "Sweden, SEK per inhabitant"},
    "rp_streams_title": {"sv": "Regionens egna statsbidrag, {years}", "en": "The region's own grants, {years}"},
    "rp_joint_title": {"sv": "Länsgemensamma medel, {years}", "en": "County-joint funds, {years}"},
    "rp_joint_note": {"sv": "Länsgemensamma medel går till regionen och kommunerna i länet tillsammans; de är inte "
                            "regionens eget bidrag.",
                      "en": "County-joint funds go to the region and the county's municipalities together; they are "
                            "not the region's own grant."},
    "rp_no_joint": {"sv": "Inga länsgemensamma medel i urvalet.", "en": "No county-joint funds in the selection."},
    "rp_no_own": {"sv": "Inga egna statsbidrag i urvalet.", "en": "No own grants in the selection."},
    "rp_download": {"sv": "Ladda ned regionens alla rader (Excel, {n} rader)",
                    "en": "Download all the region's rows (Excel, {n} rows)"},
    "rp_download_help": {"sv": "Alla år, med källa, nyckel och status för varje belopp.",
                         "en": "Every year, with the source, key and status of each amount."},
    "rp_print": {"sv": "Skriv ut eller spara som pdf med webbläsarens utskrift (Ctrl+P): sidan skrivs ut på A4 utan "
                       "sidopanel. Adressen visar samma vy för den du delar den med.",
                 "en": "Print or save as pdf with the browser's print (Ctrl+P): the page prints on A4 without the "
                       "sidebar. The address shows the same view to whoever you share it with."},
    # ------------------------------------------------------------ Data
    "dt_intro": {"sv": "Alla belopp som matchar filtren, en rad per belopp och mottagare; utan valda år alla år och "
                       "alla statusar. Nedladdningarna innehåller exakt de här raderna.",
                 "en": "Every amount that matches the filters, one row per amount and recipient; with no years "
                       "chosen, every year and status. The downloads contain exactly these rows."},
    "dt_rows": {"sv": "{n} rader, summa {total}.", "en": "{n} rows, total {total}."},
    "dt_table": {"sv": "Tabell över de filtrerade beloppen", "en": "Table of the filtered amounts"},
    "col_recipient": {"sv": "Mottagare", "en": "Recipient"},
    "col_level": {"sv": "Mottagarnivå", "en": "Recipient level"},
    "col_source": {"sv": "Källa", "en": "Source"},
    "col_estimate": {"sv": "Skattningsmetod", "en": "Estimation method"},
    # ------------------------------------------------------------ Om datan
    "om_intro": {"sv": "Varifrån siffrorna kommer, vad de täcker och inte täcker, och hur varje siffra är kontrollerad.",
                 "en": "Where the figures come from, what they cover and do not, and how every figure is checked."},
    "om_sources": {"sv": "Källor", "en": "Sources"},
    "om_sources_text": {"sv": "Varje belopp är avskrivet exakt som det är publicerat, i hela kronor, ur de här "
                              "dokumenten; testerna letar upp varje belopp och diarienummer i dokumentets text.",
                        "en": "Every amount is transcribed exactly as published, in whole kronor, from these "
                              "documents; the tests find every amount and reference number in the document's text."},
    "om_credit": {"sv": "Tack till: {credits}.", "en": "With thanks to: {credits}."},
    "kind_pressmeddelande": {"sv": "pressmeddelande", "en": "press release"},
    "kind_regeringsuppdrag": {"sv": "regeringsbeslut", "en": "government decision"},
    "kind_overenskommelse": {"sv": "överenskommelse", "en": "agreement"},
    "kind_artikel": {"sv": "artikel", "en": "article"},
    "kind_debattartikel": {"sv": "debattartikel", "en": "opinion article"},
    "kind_utdrag": {"sv": "faktanotering", "en": "note of figures"},
    "kind_Regeringsbeslut med bilaga": {"sv": "regeringsbeslut med bilaga", "en": "government decision with annex"},
    "kind_Pressmeddelande": {"sv": "pressmeddelande", "en": "press release"},
    "kind_Myndighetens anvisningar": {"sv": "myndighetens anvisningar", "en": "the agency's instructions"},
    "kind_Presentation": {"sv": "presentation", "en": "presentation"},
    "om_coverage": {"sv": "Vad datan täcker", "en": "What the data cover"},
    "om_year_line": {"sv": "{year}: {statuses}; {grants} statsbidrag; per region {regional}.",
                     "en": "{year}: {statuses}; {grants} grants; by region {regional}."},
    "om_gaps": {"sv": "Kända luckor", "en": "Known gaps"},
    "om_gap_grant": {"sv": "{grant}: inget belopp i källorna för {years}.",
                     "en": "{grant}: no amount in the sources for {years}."},
    "om_gap_undated": {"sv": "Belopp utan angivet år (finns bara i listan nedan): {grants}.",
                       "en": "Amounts without a stated year (only in the list below): {grants}."},
    "om_gap_announced": {"sv": "{years}: delvis bara aviserade belopp, som inte är beslutade.",
                         "en": "{years}: partly only announced amounts, which are not decided."},
    "om_gap_national": {"sv": "{amount} av datans {total} anges bara för hela landet, inte per region.",
                        "en": "{amount} of the data's {total} is stated only for the whole country, not by region."},
    "om_definitions": {"sv": "Definitioner", "en": "Definitions"},
    "om_keys": {"sv": "Fördelningsnycklar", "en": "Allocation keys"},
    "om_keys_text": {"sv": "Så fördelas varje delområde mellan mottagarna enligt källorna.",
                     "en": "How each funding stream is split between recipients according to the sources."},
    "col_key_population": {"sv": "Nyckelbefolkning", "en": "Key population"},
    "om_audit": {"sv": "Granskning av nycklarna", "en": "Key audit"},
    "om_audit_text": {"sv": "Varje publicerat belopp per region är räknat om från sin nyckel. Avvikelsen är publicerat "
                            "minus omräknat, i kronor. Där nyckelbefolkningen saknas i källorna mäts avvikelsen mot "
                            "totalbefolkningen som närmaste värde.",
                      "en": "Every published amount per region is recomputed from its key. The deviation is published "
                            "minus recomputed, in kronor. Where the key population is not in the sources, the deviation "
                            "is measured against the total population as the nearest value."},
    "col_key_basis": {"sv": "Nyckelns grund", "en": "Key basis"},
    "col_recipients": {"sv": "Mottagare", "en": "Recipients"},
    "col_max_dev": {"sv": "Största avvikelse (kr)", "en": "Largest deviation (SEK)"},
    "col_within": {"sv": "Inom 1 kr", "en": "Within SEK 1"},
    "om_reconciliation": {"sv": "Avstämning mot tryckta summor", "en": "Reconciliation against printed totals"},
    "om_rec_text": {"sv": "Varje tryckt summa är jämförd med summan av sina delar, också när delarna står i andra "
                          "dokument: {checks} kontroller, {exact} exakta, {tolerated} med en känd skillnad i källan "
                          "(listade nedan). De publicerade beloppen lagras som de är.",
                    "en": "Every printed total is compared with the sum of its parts, also when the parts are in other "
                          "documents: {checks} checks, {exact} exact, {tolerated} with a known difference in the "
                          "source (listed below). The published amounts are stored as they are."},
    "col_table": {"sv": "Tabell", "en": "Table"},
    "col_row": {"sv": "Rad", "en": "Row"},
    "col_printed": {"sv": "Tryckt", "en": "Printed"},
    "col_sum": {"sv": "Summa av delarna", "en": "Sum of parts"},
    "col_difference": {"sv": "Skillnad", "en": "Difference"},
    "col_explanation": {"sv": "Förklaring", "en": "Explanation"},
    "col_diarienummer": {"sv": "Diarienummer", "en": "Reference number"},
    "om_contradictions": {"sv": "Där källorna säger olika", "en": "Where the sources disagree"},
    "om_contradictions_text": {"sv": "Samma pengar med olika belopp på olika sidor. Det valda beloppet räknas; det andra "
                                     "räknas aldrig. Båda källorna och skälet står här.",
                               "en": "The same money with different amounts on different pages. The chosen amount "
                                     "counts; the other never does. Both sources and the reason are given here."},
    "om_chosen": {"sv": "Valt belopp (kr)", "en": "Chosen amount (SEK)"},
    "om_chosen_source": {"sv": "Valt ur", "en": "Chosen from"},
    "om_other": {"sv": "Annat belopp (kr)", "en": "Other amount (SEK)"},
    "om_other_source": {"sv": "Annan källa", "en": "Other source"},
    "om_reason": {"sv": "Skäl", "en": "Reason"},
    "om_no_figures": {"sv": "Belopp bara i ord", "en": "Amounts only in words"},
    "om_no_figures_text": {"sv": "Belopp som källorna bara anger ungefärligt (”drygt”, ”över”, ”närmare”), utan år, eller "
                                 "inte alls. De ritas aldrig och räknas aldrig in; här står de som de är formulerade.",
                           "en": "Amounts the sources give only approximately (“drygt”, “över”, “närmare”), without a "
                                 "year, or not at all. They are never drawn or counted; here they are as worded."},
    "col_as_worded": {"sv": "Belopp enligt källan", "en": "Amount as worded"},
    "om_frames": {"sv": "Budgetramar", "en": "Budget frames"},
    "om_frames_text": {"sv": "Belopp på budgetnivå som källorna anger, bredvid det som specificeras här samma år. "
                             "Anslaget är regeringens förslag; alla bidrag här betalas inte därifrån och anslaget "
                             "betalar också annat, så siffrorna ska inte gå jämnt ut.",
                       "en": "Budget-level amounts the sources state, beside what is itemised here the same year. The "
                             "appropriation is the government's proposal; not every grant here is paid from it and it "
                             "pays for other things too, so the figures are not expected to match."},
    "om_frame": {"sv": "Budgetram", "en": "Budget frame"},
    "om_itemised": {"sv": "Specificerat här (kr)", "en": "Itemised here (SEK)"},
    "om_estimates": {"sv": "Skattade belopp", "en": "Estimated amounts"},
    "om_estimate_line": {"sv": "{grant} {year}: {amount}. {method}", "en": "{grant} {year}: {amount}. {method}"},
    "om_changes": {"sv": "Vad som ändrats i datan", "en": "What changed in the data"},
    "om_map": {"sv": "Karta", "en": "Map"},
    "om_a11y": {"sv": "Tillgänglighet", "en": "Accessibility"},
    "om_version": {"sv": "Dataversion {version} (utgåva {release}), byggd {built}.",
                   "en": "Data version {version} (release {release}), built {built}."},
}

PROSE: dict[str, dict[str, tuple[str, ...]]] = {
    "definitions": {
        "sv": (
            "**Beslutat**: beloppet står i ett beslut, en överenskommelse eller ett utbetalningsbeslut. **Skattat**: "
            "beloppet per region är räknat fram här ur en publicerad total och den nyckel källan anger. **Aviserat**: "
            "regeringen har föreslagit eller beräknat ett belopp för ett kommande år; det är inte beslutat.",
            "**Regionerna**: pengar till regioner. **Länsgemensamt**: medel till region och kommuner i ett län "
            "tillsammans; de är inte regionens eget bidrag. **Kommunerna**: medel till alla kommuner. **Kommuner och "
            "regioner**: ett belopp som källan inte delar upp. **SKR, myndigheter, civilsamhället**: pengar för deras "
            "eget arbete.",
            "**Rest av tryckt total**: källan trycker en total men delar bara upp en del av den; resten räknas här "
            "som totalen minus de uppdelade delarna och visas som ej uppdelad.",
            "**Kronor per invånare**: beloppet delat med folkmängden {date}, den senaste som källorna ger. På "
            "Översikt delas alla valda belopp med rikets folkmängd ({national_pop}); på Regioner och Regionprofil "
            "delas bara regionfördelade belopp med regionens folkmängd, och riksgenomsnittet är de regionfördelade "
            "beloppen delade med rikets folkmängd.",
            "**Rang**: 1 = flest kronor per invånare bland de regioner som har belopp i urvalet; lika värden på två "
            "decimaler delar rang.",
        ),
        "en": (
            "**Decided**: the amount is stated in a decision, agreement or payout order. **Estimated**: the amount per "
            "region is worked out here from a published total and the key the source states. **Announced**: the "
            "government has proposed or estimated an amount for a coming year; it is not decided.",
            "**The regions**: money to regions. **County-joint**: funds to the region and the municipalities of a "
            "county together; they are not the region's own grant. **The municipalities**: funds to all "
            "municipalities. **Municipalities and regions**: an amount the source does not split. **SKR, agencies, "
            "civil society**: money for their own work.",
            "**Rest of a printed total**: the source prints a total but splits only part of it; the rest is "
            "computed here as the total minus the split parts and shown as not split.",
            "**SEK per inhabitant**: the amount divided by the population on {date}, the latest the sources give. The "
            "Overview divides all selected amounts by the national population ({national_pop}); Regions and Region "
            "profile divide only the amounts split by region by the region's population, and the national average "
            "is the amounts split by region divided by the national population.",
            "**Rank**: 1 = most SEK per inhabitant among the regions with amounts in the selection; values equal to "
            "two decimals share a rank.",
        ),
    },
    "map": {
        "sv": ("Länsgränserna kommer från Open Knowledge Sweden (okfse/sweden-geojson), förenklade för webbkartor. "
               "Kartan ritas utan bakgrundskarta, så sidan hämtar inget från andra servrar.",),
        "en": ("The county borders come from Open Knowledge Sweden (okfse/sweden-geojson), simplified for web maps. "
               "The map is drawn without a background map, so the page fetches nothing from other servers.",),
    },
    "a11y": {
        "sv": (
            "Tjänsten ska uppfylla WCAG 2.1 nivå AA, som lagen om tillgänglighet till digital offentlig service "
            "kräver. Varje diagram har en rubrik med enhet och år, en textbeskrivning för skärmläsare, en mening "
            "som sammanfattar det och en tabell med samma siffror (”Visa som tabell”). Färgerna går att skilja åt "
            "vid vanlig färgblindhet, och inget sägs bara med färg: status visas också med mönster och ord.",
            "Sidan fungerar med tangentbord och på mobil: efter sidbyte hamnar fokus på sidans rubrik, diagrammens "
            "verktygsrader ligger utanför tabbordningen och tabellerna är vägen till siffrorna. Alla sidor testas "
            "automatiskt med axe-core utan allvarliga eller kritiska fel.",
            "Hittar du något som inte fungerar, hör av dig till förvaltaren av tjänsten.",
        ),
        "en": (
            "The service aims to meet WCAG 2.1 level AA, as the Swedish act on accessibility of digital public "
            "services requires. Every chart has a title with unit and year, a text description for screen readers, "
            "a sentence that sums it up and a table with the same figures (“Show as table”). The colours can be told "
            "apart with common colour blindness, and nothing is told by colour alone: status is also shown by pattern "
            "and in words.",
            "The page works with a keyboard and on phones: after a page change focus moves to the page heading, the "
            "charts' toolbars are outside the tab order and the tables are the way to the figures. Every page is "
            "tested automatically with axe-core with no serious or critical violation.",
            "If something does not work for you, contact whoever runs the service.",
        ),
    },
}
