"""Financial years (April to March), written the way the releases write them: 2016/17."""

import re

# ASCII digits only: int() would also read "٢٠١٦".
FINANCIAL_YEAR = re.compile(r"([0-9]{4})/([0-9]{2})")


def is_financial_year(text: str) -> bool:
    match = FINANCIAL_YEAR.fullmatch(text)
    return bool(match) and (int(match.group(1)) + 1) % 100 == int(match.group(2))


def start_year(year: str) -> int:
    return int(year[:4])


def financial_year(start: int) -> str:
    return f"{start}/{(start + 1) % 100:02d}"


def previous_year(year: str) -> str:
    return financial_year(start_year(year) - 1)
