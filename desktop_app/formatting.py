"""How numbers are written, everywhere: the table, the chart read-outs, summaries and sheets.

No Qt here, so the model's summaries and the views share one set of rules.
"""

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

import pandas as pd

MISSING = "—"
_SMALL_NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_ORDINAL_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}
# "One in N" is used only when it is within this fraction of the true share.
HONEST_FRACTION_TOLERANCE = 0.1


def is_missing(value) -> bool:
    if isinstance(value, float):  # most values asked about (numpy floats too), without pandas' general check
        return value != value
    return value is None or bool(pd.isna(value))


def round_half_up(value: float, places: int = 0) -> float:
    """Halves round away from zero (12.5% is 13%), as published statistics do; Python's round() and format()
    send them to the even neighbour. Float noise (14.5 held as 14.4999…) is cleared before rounding."""
    exact = Decimal(repr(round(float(value), 9)))
    return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)) + 0.0  # no "-0"


@lru_cache(maxsize=2**16)  # a table repaints the same few thousand numbers on every scroll
def _fixed(value: float, places: int = 0) -> str:
    """A number to ``places`` decimals, halves up, with thousands separators: the one way numbers are written."""
    return f"{round_half_up(value, places):,.{places}f}"


def format_count(value) -> str:
    """3041 -> '3,041'; counts are whole numbers even when pandas holds them as floats."""
    return MISSING if is_missing(value) else _fixed(value)


def counted(number: int, noun: str) -> str:
    """'1 figure', '2 figures', '1,204 figures': never "figure(s)"."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def run_on(text: str) -> str:
    """A label or reason that begins with a capital, lowered to run on inside a sentence."""
    return text[:1].lower() + text[1:]


def format_signed_count(value) -> str:
    if is_missing(value):
        return MISSING
    return ("+" if round_half_up(value) > 0 else "") + _fixed(value).replace("-", "−")


def _percent_digits(percent: float) -> str:
    """Whole per cents, one decimal below 1%: shares and changes are written alike."""
    return _fixed(percent, 1 if 0 < abs(percent) < 1 else 0)


def format_percent(share) -> str:
    """A share (0.214) as a percentage: whole numbers, one decimal below 1%."""
    if is_missing(share):
        return MISSING
    return f"{_percent_digits(share * 100)}%"


def format_change_percent(percent) -> str:
    """A change already in per cent (5.6) with its sign: '+6%', '−5%', '0%'."""
    if is_missing(percent):
        return MISSING
    if percent == 0:
        return "0%"
    return ("+" if percent > 0 else "−") + _percent_digits(abs(percent)) + "%"


def format_rate(rate, places: int = 1) -> str:
    """Offences per 1,000 children, to one decimal place."""
    return MISSING if is_missing(rate) else _fixed(rate, places)


def ordinal(number: int) -> str:
    number = int(number)
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def number_in_words(number: int) -> str:
    """Small counts in words, as a careful writer puts them at the start of a clause."""
    return _SMALL_NUMBER_WORDS[number] if 0 <= number < len(_SMALL_NUMBER_WORDS) else f"{number:,}"


def honest_fraction(share) -> str | None:
    """'one in five' for 0.214, but only where 'one in N' is close to the real share."""
    if is_missing(share) or share <= 0:
        return None
    denominator = int(round_half_up(1 / share))
    if denominator not in _ORDINAL_WORDS:
        return None
    if abs(share * denominator - 1) > HONEST_FRACTION_TOLERANCE:
        return None
    return f"one in {_ORDINAL_WORDS[denominator]}"


def format_axis_number(value: float, step: float) -> str:
    """A chart axis label: thousands separated, with a decimal only when the ticks are closer than 1."""
    return _fixed(value, 0 if step >= 1 else 1)
