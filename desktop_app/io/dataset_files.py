"""The app's own data format: a folder of CSV files, as shipped in ``data/``.

Everything is checked on the way in; the first problem stops the load with a
message naming the file, line and column, so a half-valid folder never becomes
the data on screen.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from desktop_app.io.counts import MAX_COUNT, is_plain_count
from desktop_app.io.errors import DataFileError, nothing_under_header, quoted
from desktop_app.io.tables import check_size
from desktop_app.model.consistency import clash_message, parts_above_their_whole
from desktop_app.model.dataset import DataSet
from desktop_app.model.measures import MEASURES, STATUS_LABELS
from desktop_app.model.years import is_financial_year

# A change in how offences are recorded touches every chart; a change in population estimates only rates.
PRACTICE_AFFECTS = ("all measures", "rates", "online-flagged offences")
AREA_TYPES = ("country", "nation", "nations_combined", "police_force")
PUBLISHED_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
OFFICIAL_FIGURES = "home_office_figures.csv"
YEAR_NUMBER = re.compile(r"[0-9]{4}", re.ASCII)


@dataclass(frozen=True)
class Column:
    name: str
    check: Callable[[str], bool] | None = None
    expected: str = ""
    required: bool = True


def is_web_address(text: str) -> bool:
    return text.startswith(("https://", "http://"))


def _columns_of(path: Path, columns: list[Column], rows_required: bool = True) -> pd.DataFrame:
    """The file's table, checked column by column. ``rows_required``: a header with no rows under it is refused
    (no areas, figures or sources leaves nothing to show)."""
    if not path.exists():
        raise DataFileError(path, f"the file is missing from the data folder {path.parent}")
    check_size(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except pd.errors.EmptyDataError:
        raise DataFileError(path, "the file is blank: there is no header row", row=1) from None
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise DataFileError(path, f"not a readable CSV table ({error})") from None
    missing = [column.name for column in columns if column.name not in frame.columns]
    if missing:
        # A misspelt heading ("mesure") is named beside the one it should be.
        unknown = [str(column) for column in frame.columns if column not in {wanted.name for wanted in columns}]
        besides = f" (the header has {', '.join(quoted(name) for name in unknown)} instead)" if unknown else ""
        raise DataFileError(
            path, f"missing {'column' if len(missing) == 1 else 'columns'}: {', '.join(missing)}{besides}", row=1
        )
    if rows_required and frame.empty:
        raise nothing_under_header(path)
    for column in columns:
        values = frame[column.name].str.strip()
        frame[column.name] = values
        bad = values.eq("") if column.required else pd.Series(False, index=values.index)
        if column.check is not None:
            bad |= values.ne("") & ~values.map(column.check).astype(bool)
        if bad.any():
            index = bad.idxmax()
            shown = quoted(values.iat[index]) if values.iat[index] else "(empty)"
            raise DataFileError(
                path, f"{shown} is not {column.expected or 'allowed here'}", row=index + 2, column=column.name
            )
    return frame


def _must_be_known(path: Path, frame: pd.DataFrame, column: str, known, what: str) -> None:
    unknown = ~frame[column].isin(known)
    if unknown.any():
        index = unknown.idxmax()
        raise DataFileError(
            path, f"{quoted(frame[column].iat[index])} is not a known {what}", row=index + 2, column=column
        )


def _must_be_unique(path: Path, frame: pd.DataFrame, key: list[str], what: str) -> None:
    repeated = frame.duplicated(key)
    if repeated.any():
        index = repeated.idxmax()
        raise DataFileError(path, f"this {what} appears twice", row=index + 2, column=key[-1])


def _read_figures(path: Path, areas: set, sources: set) -> pd.DataFrame:
    figures = _columns_of(
        path,
        [
            Column("area"),
            Column("year", is_financial_year, "a financial year such as 2016/17"),
            Column("measure", lambda m: m in MEASURES, f"one of: {', '.join(MEASURES)}"),
            Column("value", is_plain_count, f"a whole number from 0 to {MAX_COUNT:,}", required=False),
            Column(
                "status", lambda s: s in STATUS_LABELS, f"empty or one of: {', '.join(STATUS_LABELS)}", required=False
            ),
            Column("source"),
            Column("note", required=False),
        ],
    )
    _must_be_known(path, figures, "area", areas, "area (see areas.csv)")
    _must_be_known(path, figures, "source", sources, "source (see sources.csv)")
    unexplained_gap = figures["value"].eq("") & figures["status"].eq("")
    if unexplained_gap.any():
        index = unexplained_gap.idxmax()
        raise DataFileError(path, "a figure with no value must say why in 'status'", row=index + 2, column="value")
    _must_be_unique(path, figures, ["area", "year", "measure", "source"], "figure from the same source")
    figures["value"] = pd.to_numeric(figures["value"].replace("", None)).astype(float)
    if figures["value"].isna().all():
        raise DataFileError(path, "no row has a value: there is no figure to show", row=2, column="value")
    return figures


def load_dataset(folder: Path, name: str) -> DataSet:
    folder = Path(folder)
    areas = _columns_of(
        folder / "areas.csv",
        [
            Column("area"),
            Column("area_type", lambda t: t in AREA_TYPES, f"one of: {', '.join(AREA_TYPES)}"),
            Column("nation", required=False),
        ],
    )
    _must_be_unique(folder / "areas.csv", areas, ["area"], "area")
    area_names = set(areas["area"])

    sources = _columns_of(
        folder / "sources.csv",
        [
            Column("source"),
            Column("publisher"),
            Column("title"),
            Column("url", is_web_address, "an http or https web address (only those are accepted as sources)"),
            Column("published", PUBLISHED_DATE.match, "a date written YYYY, YYYY-MM or YYYY-MM-DD"),
        ],
    )
    _must_be_unique(folder / "sources.csv", sources, ["source"], "source")
    source_ids = set(sources["source"])

    figures = _read_figures(folder / "figures.csv", area_names, source_ids)
    official = folder / OFFICIAL_FIGURES
    if official.exists():  # built by scripts/build_home_office_series.py; a folder without it has no such series
        figures = pd.concat([figures, _read_figures(official, area_names, source_ids)], ignore_index=True)
        _must_be_unique(official, figures, ["area", "year", "measure", "source"], "figure from the same source")
    figures = figures.merge(sources[["source", "published"]], on="source", how="left")  # keeps the files' order
    clashes = parts_above_their_whole(figures)
    if not clashes.empty:
        clash = next(clashes.itertuples())
        raise DataFileError(
            folder / "figures.csv",
            f"{clash_message(clash)} (line {clash.whole_index + 2})",
            row=clash.part_index + 2,
            column="value",
        )

    population = _columns_of(
        folder / "child_population.csv",
        [
            Column("area"),
            Column("mid_year", YEAR_NUMBER.fullmatch, "a year such as 2019"),
            Column("children_0_17", is_plain_count, f"a whole number from 0 to {MAX_COUNT:,}"),
            Column("source"),
            Column("method"),
        ],
    )
    _must_be_known(folder / "child_population.csv", population, "area", area_names, "area (see areas.csv)")
    _must_be_known(folder / "child_population.csv", population, "source", source_ids, "source (see sources.csv)")
    _must_be_unique(folder / "child_population.csv", population, ["area", "mid_year"], "area and year")
    population = population.astype({"mid_year": int, "children_0_17": int})

    contacts = _columns_of(
        folder / "support_contacts.csv",
        [
            Column("service"),
            Column("for_whom"),
            Column("phone", required=False),
            Column("online", required=False),
            Column("hours"),
            Column("nations"),
            Column("website", is_web_address, "a web address", required=False),
            Column("source_url", is_web_address, "a web address"),
        ],
        rows_required=False,
    )

    notes = _columns_of(
        folder / "practice_notes.csv",
        [
            Column("year", is_financial_year, "a financial year such as 2016/17"),
            Column("applies_to"),
            Column("kind"),
            Column("affects", lambda text: text in PRACTICE_AFFECTS, f"one of: {', '.join(PRACTICE_AFFECTS)}"),
            Column("note"),
            Column("source_url", is_web_address, "a web address"),
            Column("published", PUBLISHED_DATE.match, "a date written YYYY, YYYY-MM or YYYY-MM-DD"),
        ],
        rows_required=False,
    )

    aliases = _columns_of(folder / "area_aliases.csv", [Column("alias"), Column("area")], rows_required=False)
    _must_be_known(folder / "area_aliases.csv", aliases, "area", area_names, "area (see areas.csv)")

    return DataSet(
        name=name,
        areas=areas,
        figures=figures,
        sources=sources,
        child_population=population,
        support_contacts=contacts,
        aliases=aliases,
        practice_notes=notes,
    )
