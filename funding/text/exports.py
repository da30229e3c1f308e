"""The words of the downloads: format names, column headers, value labels, caveats, licence, workbook sheets."""

TEXT: dict[str, dict[str, str]] = {
    "fmt_excel-csv": {"sv": "CSV för Excel (svensk)", "en": "CSV for Excel (Swedish)"},
    "fmt_csv": {"sv": "CSV (standard)", "en": "CSV (standard)"},
    "fmt_xlsx": {"sv": "Excel (.xlsx)", "en": "Excel (.xlsx)"},
    "fmt_datapackage": {"sv": "Datapaket (.zip)", "en": "Data package (.zip)"},
    "dl_format": {"sv": "Format", "en": "Format"},
    "dl_button": {"sv": "Ladda ned {n} rader", "en": "Download {n} rows"},
    "dl_help": {"sv": "CSV för Excel öppnas direkt i svenska Excel (semikolon, decimalkomma). Excel visar länskoden 01 "
                      "som 1; välj .xlsx om koden ska behållas. Standard-CSV: komma och punkt, för skript. Datapaketet "
                      "innehåller data, beskrivning av varje kolumn och hur man citerar. Alla format anger "
                      "datasetversion och filter.",
                "en": "CSV for Excel opens directly in Swedish Excel (semicolon, decimal comma). Excel shows region "
                      "code 01 as 1; choose .xlsx to keep it. Standard CSV: comma and dot, for scripts. The data "
                      "package holds the data, a description of every column and how to cite it. Every format states "
                      "the dataset version and the filters."},
    "dl_unavailable": {"sv": "Nedladdning är inte tillgänglig just nu: datan kunde inte läsas.",
                       "en": "Download is not available right now: the data could not be read."},
    "no_filters": {"sv": "inga filter (hela datasetet)", "en": "no filters (the whole dataset)"},
    # ------------------------------------------------------------ column headers of the downloads
    "h_year": {"sv": "År", "en": "Year"},
    "h_region_code": {"sv": "Länskod", "en": "Region code"},
    "h_region_name": {"sv": "Region", "en": "Region"},
    "h_recipient_level": {"sv": "Mottagarnivå", "en": "Recipient level"},
    "h_grant_id": {"sv": "Bidrags-id", "en": "Grant id"},
    "h_grant_name": {"sv": "Bidrag", "en": "Grant"},
    "h_stream_id": {"sv": "Delpost-id", "en": "Stream id"},
    "h_stream_name": {"sv": "Delpost", "en": "Stream"},
    "h_focus_area": {"sv": "Fokusområde", "en": "Focus area"},
    "h_channel": {"sv": "Kanal", "en": "Channel"},
    "h_status": {"sv": "Status", "en": "Status"},
    "h_amount_sek": {"sv": "Belopp (kr)", "en": "Amount (SEK)"},
    "h_population": {"sv": "Befolkning", "en": "Population"},
    "h_population_date": {"sv": "Befolkningsdatum", "en": "Population date"},
    "h_sek_per_capita": {"sv": "Kr per invånare", "en": "SEK per inhabitant"},
    "h_source_id": {"sv": "Källa", "en": "Source"},
    "h_recipient": {"sv": "Mottagare", "en": "Recipient"},
    "h_estimate_method": {"sv": "Skattningsmetod", "en": "Estimate method"},
    "h_basis": {"sv": "Grund", "en": "Basis"},
    "h_dataset_version": {"sv": "Datasetversion", "en": "Dataset version"},
    "h_filters": {"sv": "Filter", "en": "Filters"},
    # ------------------------------------------------------------ coded values in the spreadsheet formats
    "v_status_decided": {"sv": "beslutat", "en": "decided"},
    "v_status_estimated": {"sv": "skattat", "en": "estimated"},
    "v_status_announced": {"sv": "aviserat", "en": "announced"},
    "v_level_region": {"sv": "regionerna", "en": "regions"},
    "v_level_county": {"sv": "länsgemensamt", "en": "county-joint"},
    "v_level_municipalities": {"sv": "kommunerna", "en": "municipalities"},
    "v_level_regions-municipalities": {"sv": "kommuner och regioner", "en": "municipalities and regions"},
    "v_level_skr": {"sv": "SKR", "en": "SKR"},
    "v_level_agency": {"sv": "myndighet", "en": "agency"},
    "v_level_organisation": {"sv": "organisation", "en": "organisation"},
    "v_channel_socialstyrelsen": {"sv": "statsbidrag via Socialstyrelsen", "en": "government grant via Socialstyrelsen"},
    "v_channel_skr": {"sv": "överenskommelse staten–SKR", "en": "state–SKR agreement"},
    "v_channel_regeringsbeslut": {"sv": "regeringsbeslut om utbetalning", "en": "government payout decision"},
    "v_channel_myndighet": {"sv": "myndighetsuppdrag", "en": "agency assignment"},
    "v_channel_organisation": {"sv": "bidrag till organisationer", "en": "grants to organisations"},
    "v_channel_ej-angiven": {"sv": "kanal inte angiven", "en": "channel not stated"},
    "v_basis_printed": {"sv": "tryckt belopp", "en": "printed amount"},
    "v_basis_estimated": {"sv": "skattning", "en": "estimate"},
    "v_basis_rest": {"sv": "rest av tryckt total", "en": "rest of a printed total"},
    # ------------------------------------------------------------ caveats, phrased from the rows downloaded
    "cav_estimated": {"sv": "Status 'skattat' ({items}): beloppet per region är inte publicerat utan beräknat här ur "
                            "en publicerad total och den nyckel källan anger (metoden står i kolumnen "
                            "Skattningsmetod). Bara totalen är beslutad.",
                      "en": "Status 'estimated' ({items}): the amount per region is not published but computed here "
                            "from a published total and the key the source states (the method is in the Estimate "
                            "method column). Only the total is decided."},
    "cav_announced": {"sv": "Status 'aviserat' ({items}): regeringen har aviserat beloppet; det är inte beslutat och "
                            "kan ändras.",
                      "en": "Status 'announced' ({items}): the government has announced the amount; it is not "
                            "decided and may change."},
    "cav_county": {"sv": "Mottagarnivå 'länsgemensamt': medel till länet gemensamt (region och kommuner "
                         "tillsammans), inte regionens eget bidrag.",
                   "en": "Recipient level 'county-joint': funds for the county as a whole (region and "
                         "municipalities together), not the region's own grant."},
    "cav_rest": {"sv": "Grund 'rest av tryckt total' ({items}): källorna trycker en total men delar bara upp en del av "
                       "den; raden är resten, räknad som totalen minus de uppdelade delarna.",
                 "en": "Basis 'rest of a printed total' ({items}): the sources print a total but split only part of "
                       "it; the row is the rest, computed as the total minus the parts they split."},
    "cav_partial": {"sv": "{years}: per region ger källorna bara {regions}; övriga pengar de åren finns bara som "
                          "totalbelopp för hela landet.",
                    "en": "{years}: by region the sources give only {regions}; the other money of those years "
                          "exists only as national totals."},
    "cav_population": {"sv": "Befolkning och kr per invånare bygger på folkmängden {date}, den senaste som källorna "
                             "anger. Belopp till alla regioner, län eller kommuner tillsammans räknas per invånare i "
                             "hela landet; belopp till SKR, myndigheter och organisationer har ingen befolkning.",
                       "en": "Population and SEK per inhabitant use the population on {date}, the latest the sources "
                             "give. Amounts to all regions, counties or municipalities together are divided by the "
                             "national population; amounts to SKR, agencies and organisations have none."},
    "cav_worded": {"sv": "Bidrag som källorna nämner utan exakta belopp finns inte i filen (se sidan Om datan).",
                   "en": "Grants the sources mention without exact amounts are not in the file (see the About the "
                         "data page)."},
    # ------------------------------------------------------------ workbook
    "wb_data": {"sv": "Data", "en": "Data"},
    "wb_about": {"sv": "Om datan", "en": "About"},
    "wb_title": {"sv": "Statsbidrag för psykisk hälsa – nedladdat urval",
                 "en": "State funding for mental health – downloaded selection"},
    "wb_version": {"sv": "Datasetversion (innehållshash)", "en": "Dataset version (content hash)"},
    "wb_built": {"sv": "Datasetet byggt", "en": "Dataset built"},
    "wb_downloaded": {"sv": "Nedladdat", "en": "Downloaded"},
    "wb_filters": {"sv": "Filter", "en": "Filters"},
    "wb_rows": {"sv": "Antal rader", "en": "Rows"},
    "wb_licence": {"sv": "Licens", "en": "Licence"},
    "wb_sources": {"sv": "Källor", "en": "Sources"},
    "wb_keys": {"sv": "Fördelningsnycklar", "en": "Allocation keys"},
    "wb_caveats": {"sv": "Att tänka på", "en": "Caveats"},
    "wb_kind_grant": {"sv": "bidrag", "en": "grant"},
    "wb_kind_stream": {"sv": "delpost", "en": "stream"},
    "wb_src_id": {"sv": "Källa", "en": "Source"},
    "wb_src_title": {"sv": "Titel", "en": "Title"},
    "wb_src_publisher": {"sv": "Utgivare", "en": "Publisher"},
    "wb_src_date": {"sv": "Datum", "en": "Date"},
    "wb_src_diarienummer": {"sv": "Diarienummer", "en": "Reference number"},
    "wb_src_url": {"sv": "Adress", "en": "Address"},
    "wb_key_applies": {"sv": "Gäller", "en": "Applies to"},
    "wb_key_id": {"sv": "Id", "en": "Id"},
    "wb_key_year": {"sv": "År", "en": "Year"},
    "wb_key_key": {"sv": "Nyckel", "en": "Key"},
    "licence": {"sv": "Sammanställningen ges ut under CC0 1.0 (fri att använda utan villkor). Beloppen är hämtade ur "
                      "offentliga dokument: regeringsbeslut, överenskommelser, pressmeddelanden och myndigheters "
                      "anvisningar, som är undantagna från upphovsrätt (9 § upphovsrättslagen 1960:729), och SKR:s "
                      "presentation av överenskommelsen med staten. Regeringens sidor är hämtade från regeringen.se via "
                      "g0vse (Civic Tech Sweden). Enskilda belopp är fakta; dokumenten själva återges inte. Ange gärna "
                      "källorna när du använder siffrorna.",
                "en": "The compilation is released under CC0 1.0 (free to use without conditions). The amounts come "
                      "from public documents: government decisions, agreements, press releases and agency "
                      "instructions, which Swedish law exempts from copyright (section 9 of the Copyright Act "
                      "1960:729), and SKR's presentation of its agreement with the state. The government's pages were "
                      "taken from regeringen.se via g0vse (Civic Tech Sweden). Individual amounts are facts; the "
                      "documents themselves are not reproduced. Please cite the sources when you use the figures."},
    "readme_title": {"sv": "Statsbidrag för psykisk hälsa – datapaket",
                     "en": "State funding for mental health in Sweden – data package"},
    "readme_contents": {"sv": "Innehåll: `{path}` ({rows} rader, komma, punkt som decimaltecken, UTF-8) och "
                              "`datapackage.json`, som beskriver varje kolumn, enhet och primärnyckel enligt "
                              "Frictionless Data Package / Table Schema. Namn på bidrag, delposter och mottagare är "
                              "på svenska.",
                        "en": "Contents: `{path}` ({rows} rows, comma-separated, dot decimal, UTF-8) and "
                              "`datapackage.json`, which describes every column, unit and the primary key as a "
                              "Frictionless Data Package / Table Schema. Names of grants, streams and recipients are "
                              "in English."},
    "readme_cite": {"sv": "Så citerar du", "en": "How to cite"},
    "readme_cite_text": {"sv": "Statsbidrag för psykisk hälsa, sammanställda data, version {version}, nedladdat "
                               "{day} (filter: {filters}). Ange också källan för de belopp du använder (kolumnen "
                               "source_id):",
                         "en": "State funding for mental health in Sweden, compiled data, version {version}, "
                               "downloaded {day} (filters: {filters}). Also cite the source of the amounts you use "
                               "(column source_id):"},
}

PROSE: dict[str, dict[str, tuple[str, ...]]] = {}
