"""Financial years (April to March), written the way the releases write them: 2016/17."""

import re

# ASCII digits only: int() would also read "٢٠١٦".
FINANCIAL_YEAR = re.compile(r"([0-9]{4})/([0-9]{2})")
# How people and files write a year: 2016/17, 2016-17, 2016/2017, FY2016-17.
WRITTEN_YEAR = re.compile(r"^(?:FY\s*)?([0-9]{4})\s*[/-]\s*([0-9]{2}|[0-9]{4})$", re.IGNORECASE)


def is_financial_year(text: str) -> bool:
    match = FINANCIAL_YEAR.fullmatch(text)
    return bool(match) and (int(match.group(1)) + 1) % 100 == int(match.group(2))


def start_year(year: str) -> int:
    return int(year[:4])


def financial_year(start: int) -> str:
    return f"{start}/{(start + 1) % 100:02d}"


def previous_year(year: str) -> str:
    return financial_year(start_year(year) - 1)


def normalise_year(text: str) -> str | None:
    """'2016/17', '2016-17', '2016/2017', 'FY2016-17' -> '2016/17'; anything else -> None."""
    match = WRITTEN_YEAR.match(str(text).strip())
    if not match:
        return None
    start, end = int(match.group(1)), int(match.group(2))
    if end % 100 != (start + 1) % 100 or (end > 99 and end != start + 1):
        return None
    return financial_year(start)
