"""The codes every stage shares: statuses, recipient levels, channels (their words live in funding.text)."""

STATUSES = ("decided", "estimated", "announced")
LEVELS = ("region", "county", "municipalities", "regions-municipalities", "skr", "agency", "organisation")
# Levels whose rows carry a region code and so can be compared per inhabitant between regions.
REGIONAL_LEVELS = ("region", "county")
CHANNELS = ("socialstyrelsen", "skr", "regeringsbeslut", "myndighet", "organisation", "ej-angiven")
FIRST_YEAR, LAST_YEAR = 2017, 2028
