"""Figures that cannot all be true: a part (offences flagged as online, an age band) larger than its whole.

Such a pair would print as a share over 100%, so it is refused where the data comes in (a data folder or an
imported file), with the line that holds it.
"""

import pandas as pd

from desktop_app.formatting import format_count
from desktop_app.model.dataset import FIGURE_KEY, newest_first
from desktop_app.model.measures import (
    MEASURE_LABELS,
    OFFENCES,
    ONLINE_FLAGGED,
    VICTIMS_AGED_4_AND_UNDER,
    VICTIMS_AGED_10_AND_UNDER,
    VICTIMS_UNDER_1,
)

# (part, whole): every offence flagged as online, and every victim in an age band, is one of the offences recorded.
PART_OF = (
    (ONLINE_FLAGGED, OFFENCES),
    (VICTIMS_AGED_10_AND_UNDER, OFFENCES),
    (VICTIMS_AGED_4_AND_UNDER, OFFENCES),
    (VICTIMS_UNDER_1, OFFENCES),
    (VICTIMS_AGED_4_AND_UNDER, VICTIMS_AGED_10_AND_UNDER),
    (VICTIMS_UNDER_1, VICTIMS_AGED_10_AND_UNDER),
    (VICTIMS_UNDER_1, VICTIMS_AGED_4_AND_UNDER),
)
CLASH_COLUMNS = ["area", "year", "part", "part_value", "part_index", "whole", "whole_value", "whole_index"]


def parts_above_their_whole(figures: pd.DataFrame) -> pd.DataFrame:
    """Among the figures shown (the newest of each), every part larger than its whole in the same area and year,
    with the index in ``figures`` of both rows."""
    measures = {measure for pair in PART_OF for measure in pair}
    shown = newest_first(figures[figures["measure"].isin(measures)][[*FIGURE_KEY, "value", "published"]])
    shown = shown.drop_duplicates(FIGURE_KEY)
    shown = shown[shown["value"].notna()].assign(index=lambda frame: frame.index)
    values, rows = (shown.pivot(index=["area", "year"], columns="measure", values=name) for name in ("value", "index"))
    clashes = [
        (area, year, part, values.at[(area, year), part], rows.at[(area, year), part])
        + (whole, values.at[(area, year), whole], rows.at[(area, year), whole])
        for part, whole in PART_OF
        if {part, whole} <= set(values.columns)
        for area, year in values.index[values[part] > values[whole]]
    ]
    found = pd.DataFrame(clashes, columns=CLASH_COLUMNS).astype({"part_index": int, "whole_index": int})
    return found.sort_values(["part_index", "whole_index"]).reset_index(drop=True)


def clash_message(clash) -> str:
    return (
        f"{clash.area} {clash.year}: {MEASURE_LABELS[clash.part]} ({format_count(clash.part_value)}) is more than "
        f"{MEASURE_LABELS[clash.whole]} ({format_count(clash.whole_value)}), which it is part of"
    )
