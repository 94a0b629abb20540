"""Work a frame out once per release: a DataSet never changes, so what is computed from it can be shared."""

import functools
import weakref

import pandas as pd

from desktop_app.model.dataset import DataSet


def once_per_data(compute):
    """Works a frame out once per data set (a DataSet never changes) and further arguments, and shares it:
    callers must not change it."""
    frames: weakref.WeakKeyDictionary[DataSet, dict[tuple, pd.DataFrame]] = weakref.WeakKeyDictionary()

    @functools.wraps(compute)
    def shared(data: DataSet, *arguments) -> pd.DataFrame:
        computed = frames.setdefault(data, {})
        if arguments not in computed:
            computed[arguments] = compute(data, *arguments)
        return computed[arguments]

    return shared
