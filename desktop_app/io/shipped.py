"""The default data set that ships with the app."""

from desktop_app.io.dataset_files import load_dataset
from desktop_app.model.dataset import DataSet
from desktop_app.paths import DATA_DIR

DEFAULT_DATA_NAME = "Default data shipped with Fact Sheets"


def load_default_dataset() -> DataSet:
    return load_dataset(DATA_DIR, DEFAULT_DATA_NAME)
