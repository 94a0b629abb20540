"""What a count may look like in a file: ASCII digits, optionally grouped in threes by commas, and bounded.

Only 0-9 are digits here: Python's int() also reads full-width and Arabic-Indic digits ("１２", "٣"), which
no official table uses and which would show one number on screen and another in the file. The bound stops
a 400-digit value from turning into infinity on its way to a float, and keeps every sum far inside int64.
"""

import re

from desktop_app.io.errors import quoted

# A billion is ten times the UK's children and thousands of times any yearly count of offences.
MAX_COUNT = 999_999_999
MAX_DIGITS = len(str(MAX_COUNT))
_GROUPED = re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)", re.ASCII)
# The app's own data files write counts plainly: digits only, no sign, no separators.
PLAIN_COUNT = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}", re.ASCII)


def is_plain_count(text: str) -> bool:
    return PLAIN_COUNT.fullmatch(text) is not None


def parse_count(text: str, allow_negative: bool = False) -> int | str:
    """A whole number of zero or more, allowing thousands separators; otherwise what is wrong with it.

    ``allow_negative`` is for the open data tables' quarterly rows, where a later cancellation of a
    crime is published as a negative count; the yearly sums must still be zero or more.
    """
    cleaned = str(text).strip().replace("\u00a0", "")
    shown = quoted(str(text).strip())
    if cleaned in ("-00", "-0"):  # how the open data tables write zero
        return 0
    if not _GROUPED.fullmatch(cleaned):
        return f"{shown} is not a whole number (digits 0-9, optionally with commas between thousands)"
    digits = cleaned.lstrip("-").replace(",", "").lstrip("0")
    if len(digits) > MAX_DIGITS or int(digits or "0") > MAX_COUNT:
        return f"{shown} is larger than any real count (at most {MAX_COUNT:,})"
    value = int(cleaned.replace(",", ""))
    if value < 0 and not allow_negative:
        return f"{shown} is negative; a count cannot be below 0"
    return value
