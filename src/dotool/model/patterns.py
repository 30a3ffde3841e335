"""The patterns of the plan's keys, ids, versions, halves and dates, defined once.

The models and their JSON Schemas check with them, and the commands that write files
(`authoring`) check their input with the same ones before writing. No pydantic here: a command
imports this on its start-up path.
"""

from __future__ import annotations

import re

#: A key of a goal, a field of action or a KPI: how people write slugs (`mobilitaet-verkehr`,
#: `online_share`). No dots, slashes or capitals, so a key is also a safe file name and HTML id.
KEY_PATTERN = r"[a-z][a-z0-9_-]*"
#: The prefix of a plan's measure ids (`M`, `DIG`).
ID_PREFIX_PATTERN = r"[A-Z][A-Z0-9]*"
#: The number of a measure id: at least three digits (`007`), so that ids sort as text.
MEASURE_NUMBER_PATTERN = r"[0-9]{3,}"
#: A measure id: `M-007`.
MEASURE_ID_PATTERN = rf"{ID_PREFIX_PATTERN}-{MEASURE_NUMBER_PATTERN}"
#: The version of an adopted plan: `1`, `1.0`, `2.1.3`.
VERSION_PATTERN = r"[0-9]+(\.[0-9]+)*"

# ASCII digits only (`re.ASCII`): `\d` would take "٢٠٢١" too, which the JSON Schema (where `\d`
# is 0-9) refuses. These take a half or a date apart; the ranges are checked by the models.
HALF_RE = re.compile(r"^(\d{4})-H([12])$", re.ASCII)
PARTIAL_RE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$", re.ASCII)
DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)
# The same rules for editors (JSON Schema): years 1900-2199, months 01-12, days 01-31 (that a
# day exists in its month is checked by the models only).
_YEAR, _MONTH, _DAY = "(19[0-9]{2}|2[01][0-9]{2})", "(0[1-9]|1[0-2])", "(0[1-9]|[12][0-9]|3[01])"
HALF_PATTERN = f"^{_YEAR}-H[12]$"
PARTIAL_PATTERN = f"^{_YEAR}-{_MONTH}(-{_DAY})?$"
DAY_PATTERN = f"^{_YEAR}-{_MONTH}-{_DAY}$"
