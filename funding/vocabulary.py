"""The codes every stage shares: statuses, recipient levels, channels, why a printed amount is not counted
(their words live in funding.text)."""

STATUSES = ("decided", "estimated", "announced")
LEVELS = ("region", "county", "municipalities", "regions-municipalities", "skr", "agency", "organisation")
# Levels whose rows carry a region code and so can be compared per inhabitant between regions.
REGIONAL_LEVELS = ("region", "county")
CHANNELS = ("socialstyrelsen", "skr", "regeringsbeslut", "myndighet", "organisation", "ej-angiven")
FIRST_YEAR, LAST_YEAR = 2017, 2028
# Why an amount a source page states is not counted (not_counted.csv): the same money is in the data from
# another page; an approximation ("ca", "drygt", "närmare"); a total of which the mental-health money is a
# part; money for something else; or a cited page that states no amount at all.
NOT_COUNTED_WHY = ("same-money", "approximate", "wider-total", "outside-scope", "no-amount")
