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
    shown = newest_first(figures).drop_duplicates(FIGURE_KEY)
    shown = shown[shown["value"].notna()].rename_axis("index").reset_index()
    clashes = []
    for part, whole in PART_OF:
        pairs = shown[shown["measure"] == part].merge(
            shown[shown["measure"] == whole], on=["area", "year"], suffixes=("_part", "_whole")
        )
        clashes.append(pairs[pairs["value_part"] > pairs["value_whole"]])
    found = pd.concat(clashes, ignore_index=True).rename(
        columns={
            "measure_part": "part",
            "value_part": "part_value",
            "index_part": "part_index",
            "measure_whole": "whole",
            "value_whole": "whole_value",
            "index_whole": "whole_index",
        }
    )
    return found[CLASH_COLUMNS].sort_values(["part_index", "whole_index"]).reset_index(drop=True)


def clash_message(clash) -> str:
    return (
        f"{clash.area} {clash.year}: {MEASURE_LABELS[clash.part]} ({format_count(clash.part_value)}) is more than "
        f"{MEASURE_LABELS[clash.whole]} ({format_count(clash.whole_value)}), which it is part of"
    )
