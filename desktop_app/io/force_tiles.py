"""The tile map's layout: one equal tile per force area on a grid that keeps rough geography, laid out by us
(``data/force_tiles.csv``), not a published figure."""

from pathlib import Path

import pandas as pd

from desktop_app.io.counts import is_plain_count
from desktop_app.io.dataset_files import Column, _columns_of, _must_be_unique
from desktop_app.io.errors import DataFileError
from desktop_app.paths import DATA_DIR

FORCE_TILES = DATA_DIR / "force_tiles.csv"
_GRID_NUMBER = Column("column", is_plain_count, "a whole number of 0 or more")


def read_force_tiles(path: Path = FORCE_TILES) -> pd.DataFrame:
    """area, label (short, for the tile), column, row: every area once, no two on one square."""
    frame = _columns_of(
        path, [Column("area"), Column("label"), _GRID_NUMBER, Column("row", is_plain_count, _GRID_NUMBER.expected)]
    )
    _must_be_unique(path, frame, ["area"], "area")
    frame[["column", "row"]] = frame[["column", "row"]].astype(int)
    shared = frame.duplicated(["column", "row"])
    if shared.any():
        index = shared.idxmax()
        raise DataFileError(path, "this square already has another area's tile", row=index + 2, column="row")
    return frame[["area", "label", "column", "row"]]
