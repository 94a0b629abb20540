"""Bringing a user's file in as a new release: the app's long format, a simple wide table, or the
Home Office police recorded crime open data tables.

Nothing here changes the loaded data. A reader returns the figures it could read
and every problem it found (file, line, column, what is wrong); the caller shows
the problems and the user chooses whether the valid rows become a release.
"""

import gzip
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from desktop_app.formatting import counted
from desktop_app.io.counts import parse_count
from desktop_app.io.dataset_files import PUBLISHED_DATE, is_web_address
from desktop_app.io.errors import DataFileError, nothing_under_header, quoted
from desktop_app.io.tables import (
    SPREADSHEET_SUFFIXES,
    check_size,
    csv_encoding,
    read_header,
    read_table,
    sheet_headers,
    sheets_read_once,
    table_suffix,
    unchanged_while_read,
    workbook_sheets,
)
from desktop_app.model.consistency import clash_message, parts_above_their_whole
from desktop_app.model.dataset import FIGURE_KEY, DataSet, UnknownNameError, names_the_nspcc
from desktop_app.model.measures import HOME_OFFICE_CHILD_OFFENCES, MEASURE_LABELS, MEASURES, STATUS_LABELS
from desktop_app.model.years import normalise_year

LONG_COLUMNS = ["area", "year", "measure", "value"]
HOME_OFFICE_COLUMNS = ["Financial Year", "Force Name", "Offence Code"]
HOME_OFFICE_COUNTS = ["Number of Offences", "Offence Count"]
HOME_OFFICE_QUARTER = "Financial Quarter"
# What makes a row of the open data tables: each is published once.
REPEAT_KEY = ["Financial Year", HOME_OFFICE_QUARTER, "Force Name", "Offence Code"]
QUARTER_MONTHS = {"1": "April to June", "2": "July to September", "3": "October to December", "4": "January to March"}
HOME_OFFICE_PAGE = (
    "https://www.gov.uk/government/statistical-data-sets/police-recorded-crime-and-outcomes-open-data-tables"
)
# Rows in the open data tables that are not police force areas.
NOT_POLICE_FORCE_AREAS = {
    "action fraud",
    "british transport police",
    "cifas",
    "financial fraud action uk",
    "uk finance",
}
FIGURE_COLUMNS = ["area", "year", "measure", "value", "status", "source", "note"]
SOURCE_COLUMNS = ["source", "publisher", "title", "url", "published"]
MAX_PROBLEMS = 1000
CHUNK_ROWS = 250_000
PROGRESS_ROWS = 10_000


class ImportCancelled(Exception):
    """The user stopped an import; nothing was changed."""


@dataclass
class SourceDetails:
    publisher: str
    title: str
    url: str
    published: str | None  # None where the file does not state it: never the day it was imported


@dataclass
class ImportResult:
    path: Path
    kind: str
    figures: pd.DataFrame
    sources: pd.DataFrame
    problems: list[DataFileError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems_not_listed: int = 0  # found beyond the MAX_PROBLEMS listed

    @property
    def problem_count(self) -> int:
        return len(self.problems) + self.problems_not_listed


def _home_office_header(path: Path) -> list[str] | None:
    wanted = {column.casefold() for column in HOME_OFFICE_COLUMNS}
    return next((header for header in sheet_headers(path) if wanted <= {c.casefold() for c in header}), None)


def detect_kind(path: Path) -> str:
    if _home_office_header(path) is not None:
        return "home_office"
    header = read_header(path)
    folded = {column.casefold() for column in header}
    if set(LONG_COLUMNS) <= folded:
        return "long"
    if len(header) >= 2 and sum(normalise_year(column) is not None for column in header[1:]) >= 1:
        return "wide"
    raise DataFileError(
        path,
        "the columns are not a layout Fact Sheets knows: expected area, year, measure, value (long format); "
        "an area column then one column per year (wide); or the Home Office open data table columns",
        row=1,
    )


class _Problems:
    def __init__(self, path: Path):
        self.path = path
        self.found: list[DataFileError] = []
        self.not_listed = 0  # counted, so the total said is the true one

    def add(self, message: str, row: int | None = None, column: str | None = None) -> None:
        if len(self.found) < MAX_PROBLEMS:
            self.found.append(DataFileError(self.path, message, row=row, column=column))
        else:
            self.not_listed += 1

    def add_rows(self, lines: np.ndarray, messages: Iterable[str], column: str | None = None) -> None:
        """Each of these rows' problem, listing only as many as are listed in all and counting the rest without
        a word for each: a file pasted twice repeats a million rows."""
        room = max(MAX_PROBLEMS - len(self.found), 0)
        for line, message in zip(lines[:room], messages, strict=False):  # the messages are made as listed
            self.add(message, int(line), column)
        self.not_listed += max(len(lines) - room, 0)


def _area(base: DataSet, name: str, problems: _Problems, row: int, column: str) -> str | None:
    if not str(name).strip():
        problems.add("the area is empty", row, column)
        return None
    try:
        return base.resolve_area(name)
    except UnknownNameError as error:
        hint = f"; did you mean '{error.suggestion}'?" if error.suggestion else ""
        problems.add(f"{quoted(name)} is not a known area{hint}", row, column)
        return None


def _new_source_id(base: DataSet, path: Path) -> str:
    stem = re.sub(r"[^a-z0-9]+", "-", path.stem.casefold()).strip("-") or "file"
    candidate, number = f"import-{stem}", 1
    while candidate in set(base.sources["source"]):
        number += 1
        candidate = f"import-{stem}-{number}"
    return candidate


def _figures_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=FIGURE_COLUMNS)
    frame["value"] = frame["value"].astype(float)
    return frame


def _checked(
    base: DataSet, figures: list[dict], rows: list[int], sources: pd.DataFrame, problems: _Problems
) -> pd.DataFrame:
    """The figures that can be added: each area, year and measure once, and none that would make a part larger
    than its whole beside the loaded data (an offences count below the online count already loaded, say)."""
    seen: set[tuple] = set()
    kept, kept_rows = [], []
    for figure, row in zip(figures, rows, strict=True):
        key = (figure["area"], figure["year"], figure["measure"])
        if key in seen:
            problems.add(f"{figure['area']} {figure['year']} {figure['measure']} appears more than once", row)
            continue
        seen.add(key)
        kept.append(figure)
        kept_rows.append(row)
    frame = _figures_frame(kept).assign(line=kept_rows)
    first_added = len(base.figures)
    while True:
        added = with_import(base, ImportResult(problems.path, "", frame.drop(columns="line"), sources), "")
        clashes = parts_above_their_whole(added.figures)
        clashes = clashes[(clashes["part_index"] >= first_added) | (clashes["whole_index"] >= first_added)]
        if clashes.empty:
            return frame.drop(columns="line")
        blamed = set()
        for clash in clashes.itertuples():
            position = (clash.part_index if clash.part_index >= first_added else clash.whole_index) - first_added
            problems.add(clash_message(clash), int(frame["line"].iat[position]), "value")
            blamed.add(position)
        frame = frame.drop(index=frame.index[sorted(blamed)]).reset_index(drop=True)


def _import_notes(base: DataSet, figures: pd.DataFrame, sources: pd.DataFrame) -> list[str]:
    return _hidden_by_newer(base, figures, sources) + _in_the_nspcc_series(figures, sources)


def _in_the_nspcc_series(figures: pd.DataFrame, sources: pd.DataFrame) -> list[str]:
    """Every measure but the Home Office's is the NSPCC's series: figures of another publisher in one of them are
    shown under its NSPCC labels (their sentences and citations name their publisher); the user is told so."""
    named = sources.set_index("source")
    others = sorted(
        {
            str(named.at[source, "publisher"])
            for source in figures.loc[figures["measure"] != HOME_OFFICE_CHILD_OFFENCES, "source"].unique()
            if source in named.index and not names_the_nspcc(named.loc[source])
        }
    )
    if not others:
        return []
    return [
        f"Figures from {', '.join(others)} are in measures of the NSPCC's series, so the table, charts and sheets "
        "show them under NSPCC labels; the summary and citations name their publisher. Import only that series' "
        "figures under those measures."
    ]


def _hidden_by_newer(base: DataSet, figures: pd.DataFrame, sources: pd.DataFrame) -> list[str]:
    """A note where imported figures will not be shown: the newest published value is, and the loaded data
    already has a newer one. They are kept as earlier values, but the user should not be left to guess."""
    added = with_import(base, ImportResult(Path(), "", figures, sources), "")
    shown = added.current_figures.set_index(FIGURE_KEY)["value"]
    imported = figures.set_index(FIGURE_KEY)["value"]
    hidden = imported[(shown.reindex(imported.index) != imported) & imported.notna()]
    if hidden.empty:
        return []
    area, year, measure = hidden.index[0]
    return [
        f"{counted(len(hidden), 'imported figure')} {'was' if len(hidden) == 1 else 'were'} published before the "
        f"ones already loaded for the same area, year and measure (the first: {area} {year}, "
        f"{MEASURE_LABELS[measure]}), so {'it is' if len(hidden) == 1 else 'they are'} kept as earlier values and "
        "the newer ones stay on screen."
    ]


def _records(table: pd.DataFrame, progress: Callable[[float], bool] | None):
    """Each row with its line number in the file, reporting progress (and checking for Cancel) as it goes."""
    total = len(table)
    for index, record in enumerate(table.to_dict("records")):
        if progress is not None and index % PROGRESS_ROWS == 0 and progress(index / total) is False:
            raise ImportCancelled
        yield index + 2, record


def read_recognised(
    path: Path, base: DataSet, codes_folder: Path, progress: Callable[[float], bool] | None = None
) -> ImportResult | str:
    """Recognises a file's layout and imports it, a workbook read once and the file unchanged while read; a wide
    table is answered "wide" (its caller must ask what it counts and where it came from)."""
    with sheets_read_once(), unchanged_while_read(path):
        kind = detect_kind(path)
        if kind == "home_office":
            return read_home_office(path, base, codes_folder, progress)
        return read_long(path, base, progress) if kind == "long" else kind


def read_long(path: Path, base: DataSet, progress: Callable[[float], bool] | None = None) -> ImportResult:
    """The app's own long format: area, year, measure, value, and for each row either a known source id
    (column 'source') or the source itself (publisher, url, published, and optionally title)."""
    path = Path(path)
    table = read_table(path)
    table.columns = [column.casefold() for column in table.columns]
    problems = _Problems(path)
    sources = base.sources.set_index("source")
    new_source_prefix = _new_source_id(base, path)
    new_sources: dict[tuple, str] = {}
    figures, rows = [], []
    for row, record in _records(table, progress):
        area = _area(base, record["area"], problems, row, "area")
        year = normalise_year(record["year"])
        if year is None:
            problems.add(f"{quoted(record['year'])} is not a financial year such as 2016/17", row, "year")
        measure = str(record["measure"]).strip()
        if measure not in MEASURES:
            problems.add(f"{quoted(measure)} is not one of: {', '.join(MEASURES)}", row, "measure")
        status = str(record.get("status", "")).strip()
        if status and status not in STATUS_LABELS:
            problems.add(f"{quoted(status)} is not empty or one of: {', '.join(STATUS_LABELS)}", row, "status")
        value: float | None = None
        if str(record["value"]).strip():
            parsed = parse_count(record["value"])
            if isinstance(parsed, str):
                problems.add(parsed, row, "value")
            else:
                value = float(parsed)
        elif status not in STATUS_LABELS:
            problems.add("a figure with no value must say why in 'status'", row, "value")
        source = str(record.get("source", "")).strip()
        if source and source not in sources.index:
            problems.add(f"{quoted(source)} is not a known source", row, "source")
            source = ""
        elif not source:
            details = tuple(str(record.get(key, "")).strip() for key in ("publisher", "title", "url", "published"))
            publisher, _title, url, published = details
            if url and not is_web_address(url):  # file: and javascript: links would open on this computer
                problems.add(
                    f"the source address {quoted(url)} is not accepted: only http and https web addresses are "
                    "accepted as sources",
                    row,
                    "url",
                )
            elif not (publisher and url and PUBLISHED_DATE.match(published)):
                problems.add(
                    "every figure needs its source: a known 'source' id, or publisher, url and published (YYYY-MM-DD)",
                    row,
                    "source",
                )
            else:
                source = new_sources.setdefault(details, f"{new_source_prefix}-{len(new_sources) + 1}")
        if area and year and measure in MEASURES and source and (value is not None or status in STATUS_LABELS):
            figures.append(
                {
                    "area": area,
                    "year": year,
                    "measure": measure,
                    "value": value,
                    "status": status,
                    "source": source,
                    "note": str(record.get("note", "")).strip(),
                }
            )
            rows.append(row)
    sources = pd.DataFrame(
        [
            {
                "source": source_id,
                "publisher": publisher,
                "title": title or f"Imported from {path.name}",
                "url": url,
                "published": published,
            }
            for (publisher, title, url, published), source_id in new_sources.items()
        ],
        columns=SOURCE_COLUMNS,
    )
    figures = _checked(base, figures, rows, sources, problems)
    return ImportResult(
        path, "long", figures, sources, problems.found, _import_notes(base, figures, sources), problems.not_listed
    )


def read_wide(
    path: Path,
    base: DataSet,
    measure: str,
    source: SourceDetails,
    progress: Callable[[float], bool] | None = None,
) -> ImportResult:
    """One row per area, one column per financial year, for one measure from one source."""
    path = Path(path)
    table = read_table(path)
    problems = _Problems(path)
    area_column, *year_columns = table.columns
    years = {column: normalise_year(column) for column in year_columns}
    for column, year in years.items():
        if year is None:
            problems.add(f"{quoted(column)} is not a financial year such as 2016/17", 1, column)
    source_id = _new_source_id(base, path)
    figures, rows = [], []
    for row, record in _records(table, progress):
        area = _area(base, record[area_column], problems, row, area_column)
        for column, year in years.items():
            cell = str(record[column]).strip()
            if not cell or year is None:
                continue  # an empty cell is a figure not published, not a zero
            parsed = parse_count(cell)
            if isinstance(parsed, str):
                problems.add(parsed, row, column)
            elif area:
                figures.append(
                    {
                        "area": area,
                        "year": year,
                        "measure": measure,
                        "value": float(parsed),
                        "status": "",
                        "source": source_id,
                        "note": "",
                    }
                )
                rows.append(row)
    sources = pd.DataFrame(
        [
            {
                "source": source_id,
                "publisher": source.publisher,
                "title": source.title,
                "url": source.url,
                "published": source.published,
            }
        ],
        columns=SOURCE_COLUMNS,
    )
    figures = _checked(base, figures, rows, sources, problems)
    return ImportResult(
        path, "wide", figures, sources, problems.found, _import_notes(base, figures, sources), problems.not_listed
    )


def child_offence_codes(folder: Path) -> set[str]:
    codes = pd.read_csv(folder / "home_office_child_offence_codes.csv", dtype=str)
    return set(codes.loc[codes["included"] == "yes", "offence_code"])


def _in_our_spelling(columns, wanted: list[str]) -> dict[str, str]:
    """The file's columns that we read, mapped to our spelling: official tables vary the case ("Financial year")."""
    ours = {name.casefold(): name for name in wanted}
    return {
        column: ours[str(column).strip().casefold()] for column in columns if str(column).strip().casefold() in ours
    }


def _home_office_chunks(path: Path, columns: list[str]):
    """The table in pieces, in our spelling of its columns, with how far through the file each piece ends."""
    if table_suffix(path) not in SPREADSHEET_SUFFIXES:
        folded = {column.casefold() for column in columns}
        encoding, size = csv_encoding(path), path.stat().st_size
        with open(path, "rb") as on_disk:
            # For a .csv.gz, progress is how much of the compressed file has been read.
            stream = gzip.GzipFile(fileobj=on_disk) if table_suffix(path) == ".csv.gz" else on_disk
            # The parser reads UTF-8 bytes itself; decoding them first would only be undone again.
            # Cells stay plain Python text (object): pandas' string type costs twice as much to build.
            reader = pd.read_csv(
                stream if encoding.startswith("utf-8") else io.TextIOWrapper(stream, encoding=encoding, newline=""),
                encoding=encoding,
                dtype=object,
                keep_default_na=False,
                usecols=lambda column: column.strip().casefold() in folded,
                chunksize=CHUNK_ROWS,
            )
            for chunk in reader:
                yield chunk.rename(columns=_in_our_spelling(chunk.columns, columns)), on_disk.tell() / size
    else:
        for sheet in workbook_sheets(path).values():
            sheet = sheet.rename(columns=_in_our_spelling(sheet.columns, columns))
            if set(columns) <= set(sheet.columns):
                yield sheet[columns], 1.0


class _TableKeys:
    """Each distinct text (stripped) of the key columns as a small number, shared by all of a table's pieces: a
    million rows hold a few hundred distinct texts, so each is stripped and looked up once, and a row's year,
    quarter, force and offence code pack into one 64-bit key. The keys name a row that repeats one already
    counted (two downloads pasted together would otherwise double every figure without a word) with both
    lines: the published table holds each of them once."""

    ID_LIMIT = 2**15  # distinct values of a column; a real table holds a few dozen years, forces and quarters

    def __init__(self, path: Path):
        self.path = path
        self.ids: dict[str, dict[str, int]] = {column: {} for column in REPEAT_KEY}
        self.first_lines = pd.Series(dtype="int64")  # each counted key's first line

    def ids_of(self, rows: pd.DataFrame, column: str) -> np.ndarray:
        positions, distinct = pd.factorize(rows[column].to_numpy(dtype=object))
        ids = self.ids[column]
        numbers = np.array([ids.setdefault(str(text).strip(), len(ids)) for text in distinct], dtype=np.int64)
        if len(ids) >= self.ID_LIMIT:
            raise DataFileError(
                self.path,
                f"more than {self.ID_LIMIT - 1:,} different values; an open data table holds a few dozen",
                column=column,
            )
        return numbers[positions]

    def texts(self, column: str, ids) -> list[str]:
        names = list(self.ids[column])
        return [names[number] for number in ids]

    def pack(self, *ids: np.ndarray) -> np.ndarray:
        packed = np.zeros(len(ids[0]), dtype=np.int64)
        for numbers in ids:
            packed = packed * self.ID_LIMIT + numbers
        return packed

    def repeats(self, keys: np.ndarray, lines: np.ndarray, problems: _Problems) -> np.ndarray:
        earlier = self.first_lines.reindex(keys).to_numpy(dtype=float)  # the line a key came first on, or NaN
        repeated = pd.Index(keys).duplicated() | ~np.isnan(earlier)
        if repeated.any():
            first_here = pd.Series(lines).groupby(keys).transform("first").to_numpy()
            first = np.where(np.isnan(earlier), first_here, earlier).astype(np.int64)[repeated]
            problems.add_rows(
                lines[repeated],
                (
                    f"repeats line {line} (the same year, quarter, force and offence code); it would be counted twice"
                    for line in first
                ),
            )
        self.first_lines = pd.concat([self.first_lines, pd.Series(lines[~repeated], index=keys[~repeated])])
        return repeated


def _part_years(held: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Years the table holds fewer than four quarters of (from its year and quarter pairs), with the months it
    does hold: a part year is never shown as a year."""
    quarters_of: dict[str, set[str]] = {}
    for year, quarter in held:
        quarters_of.setdefault(year, set()).add(quarter)
    return {
        year: " and ".join(QUARTER_MONTHS.get(quarter, f"quarter {quarter}") for quarter in sorted(found))
        for year, found in sorted(quarters_of.items())
        if found < set(QUARTER_MONTHS)
    }


def _why_a_forces_year_is_left_out(year: str, quarters: list[str], falls_short: bool) -> str:
    """Why one force's year of a table is not a year's figure ("" when it is): the table holds only some of its
    quarters (a row left out for a wrong force name, or a download cut short), or one of its counts could not be
    read, so the sum falls short of the published one."""
    held = _part_years((year, quarter) for quarter in quarters)
    if year in held:
        return f"holds only {held[year]} in this table; a part year is not a year, so it was left out."
    if falls_short:
        return "was left out: a count that could not be read would be missing from its sum."
    return ""


def _group_totals(figures: list[dict], base: DataSet, source_id: str) -> list[dict]:
    """Each nation's (and England and Wales's) sum of its forces, for the years where every one of its
    forces has a figure: exact arithmetic on the table, never a total with a force missing."""
    groups = {total: set(members) for total, members in base.total_members.items()}
    by_year: dict[str, dict[str, float]] = {}
    for figure in figures:
        by_year.setdefault(figure["year"], {})[figure["area"]] = figure["value"]
    totals = []
    for year, values in sorted(by_year.items()):
        for group, members in groups.items():
            if len(members) > 1 and members <= set(values):
                totals.append(
                    {
                        "area": group,
                        "year": year,
                        "measure": HOME_OFFICE_CHILD_OFFENCES,
                        "value": float(sum(values[force] for force in members)),
                        "status": "",
                        "source": source_id,
                        "note": f"sum of the child-specific offence codes over its {len(members)} police force areas",
                    }
                )
    return totals


def home_office_source(path: Path, published: str | None = None, imported_on: date | None = None) -> SourceDetails:
    """Where an open data table came from. The tables do not state their release date: it is left missing (the
    day of the import is no publication date) and the title says when the file was imported."""
    imported = "" if published else f", imported on {(imported_on or date.today()).isoformat()}"
    return SourceDetails(
        "Home Office",
        f"Police recorded crime open data tables by police force area ({path.name}{imported})",
        HOME_OFFICE_PAGE,
        published,
    )


@sheets_read_once()  # its header and its rows from one read of a workbook
def read_home_office(
    path: Path,
    base: DataSet,
    codes_folder: Path,
    progress: Callable[[float], bool] | None = None,
    source: SourceDetails | None = None,
) -> ImportResult:
    """Sums the offence codes that by definition have a child victim, per force and financial year.

    This is a different and narrower measure than the NSPCC series (which counts every sexual offence
    whose recorded victim was under 18), so it is kept as its own measure and never mixed with it.
    Years the table holds only some quarters of are left out, with a note saying so.
    """
    path = Path(path)
    check_size(path)
    header = _home_office_header(path) or []
    count_column = next(iter(_in_our_spelling(header, HOME_OFFICE_COUNTS).values()), None)
    if count_column is None:
        raise DataFileError(path, f"no count column (expected one of: {', '.join(HOME_OFFICE_COUNTS)})", row=1)
    if not _in_our_spelling(header, [HOME_OFFICE_QUARTER]):
        raise DataFileError(
            path, f"no '{HOME_OFFICE_QUARTER}' column, so whole years cannot be told from part years", row=1
        )
    codes = child_offence_codes(codes_folder)
    problems = _Problems(path)
    parts, rows_read, rows_counted = [], 0, 0
    # Each force's quarters of each year, from all its rows, and its years with a count that could not be read:
    # such a year's sum would be short of the published figure, so it is left out, never shown as the year.
    force_quarters: set[int] = set()
    short_sums: set[int] = set()
    table = _TableKeys(path)
    first_line_of_force: dict[int, int] = {}  # where a force is named first, for a problem with its name
    for chunk, done in _home_office_chunks(path, [*HOME_OFFICE_COLUMNS, HOME_OFFICE_QUARTER, count_column]):
        rows_read += len(chunk)
        year, quarter = table.ids_of(chunk, "Financial Year"), table.ids_of(chunk, HOME_OFFICE_QUARTER)
        force = table.ids_of(chunk, "Force Name")
        force_quarters.update(np.unique(table.pack(force, year, quarter)).tolist())
        code = table.ids_of(chunk, "Offence Code")
        child_code = np.array([text in codes for text in table.ids["Offence Code"]], dtype=bool)[code]
        chunk, year, quarter, code = chunk[child_code], year[child_code], quarter[child_code], code[child_code]
        force = force[child_code]
        rows_counted += len(chunk)
        # A million rows hold a few thousand distinct counts: each distinct text is read once.
        positions, texts = pd.factorize(chunk[count_column].to_numpy(dtype=object))
        parsed = [parse_count(text, allow_negative=True) for text in texts]
        bad = np.array([isinstance(value, str) for value in parsed], dtype=bool)[positions]
        lines = chunk.index.to_numpy() + 2  # the file's line numbers
        problems.add_rows(lines[bad], (parsed[position] for position in positions[bad]), count_column)
        short_sums.update(np.unique(table.pack(force[bad], year[bad])).tolist())
        good = ~bad
        force = force[good]
        for number, position in zip(*np.unique(force, return_index=True), strict=True):
            first_line_of_force.setdefault(int(number), int(lines[good][position]))
        key = table.pack(year[good], quarter[good], force, code[good])
        once = ~table.repeats(key, lines[good], problems)
        values = np.array([0 if isinstance(value, str) else value for value in parsed], dtype=np.int64)[positions]
        sums = pd.DataFrame({"force": force[once], "year": year[good][once], "count": values[good][once]})
        parts.append(sums.groupby(["force", "year"], as_index=False)["count"].sum())
        if progress is not None and progress(min(done, 1.0)) is False:
            raise ImportCancelled
    if not rows_read:
        raise nothing_under_header(path)
    totals = pd.concat(parts or [pd.DataFrame({"force": [], "year": [], "count": []}, dtype="int64")])
    totals = totals.groupby(["force", "year"], as_index=False)["count"].sum()
    totals["Force Name"] = table.texts("Force Name", totals["force"])
    totals["Financial Year"] = table.texts("Financial Year", totals["year"])
    totals["force_year"] = table.pack(totals["force"].to_numpy(dtype=np.int64), totals["year"].to_numpy(dtype=np.int64))
    # The table's years and quarters, whichever forces hold them (a pack of force, year and quarter, less its force).
    pairs = np.array(sorted({packed % table.ID_LIMIT**2 for packed in force_quarters}), dtype=np.int64)
    part_years = _part_years(
        zip(
            table.texts("Financial Year", pairs // table.ID_LIMIT),
            table.texts(HOME_OFFICE_QUARTER, pairs % table.ID_LIMIT),
            strict=True,
        )
    )
    quarters_held: dict[int, list[int]] = {}  # a force's year (packed) -> the quarters the table holds of it
    for packed in force_quarters:
        quarters_held.setdefault(packed // table.ID_LIMIT, []).append(packed % table.ID_LIMIT)
    source = source or home_office_source(path)
    source_id = _new_source_id(base, path)
    figures, left_out, left_out_years = [], set(), []
    for record in totals.to_dict("records"):
        force = str(record["Force Name"]).strip()
        if force.casefold() in NOT_POLICE_FORCE_AREAS:
            left_out.add(force)
            continue
        if str(record["Financial Year"]).strip() in part_years:
            continue
        year = normalise_year(record["Financial Year"])
        area = _area(base, force, problems, first_line_of_force.get(int(record["force"])), "Force Name")
        if record["count"] < 0:
            problems.add(
                f"{force} {record['Financial Year']} sums to {record['count']}, below zero", None, count_column
            )
        elif year is None:
            problems.add(
                f"{quoted(record['Financial Year'])} is not a financial year such as 2016/17", None, "Financial Year"
            )
        elif area and (
            reason := _why_a_forces_year_is_left_out(
                str(record["Financial Year"]),
                table.texts(HOME_OFFICE_QUARTER, quarters_held[record["force_year"]]),
                record["force_year"] in short_sums,
            )
        ):
            left_out_years.append(f"{force} {record['Financial Year']} {reason}")
        elif area:
            figures.append(
                {
                    "area": area,
                    "year": year,
                    "measure": HOME_OFFICE_CHILD_OFFENCES,
                    "value": float(record["count"]),
                    "status": "",
                    "source": source_id,
                    "note": "sum of the child-specific offence codes, all four quarters",
                }
            )
    figures += _group_totals(figures, base, source_id)
    sources = pd.DataFrame(
        [{"source": source_id, **vars(source)}],
        columns=SOURCE_COLUMNS,
    )
    notes = [f"{MEASURE_LABELS[HOME_OFFICE_CHILD_OFFENCES]}: offence codes {', '.join(sorted(codes))}."]
    absent = codes - {str(text).strip() for text in table.ids["Offence Code"]}
    if rows_counted and absent:  # a table cut down to some codes would pass for the whole count
        notes.append(
            f"The table has no rows of offence codes {', '.join(sorted(absent))}: its sums count only the codes it "
            "holds, so they may fall short of the published figures."
        )
    if not rows_counted:  # the reason there is nothing to import: a part year would read as another
        notes.append(f"None of the table's {rows_read:,} rows has one of these offence codes.")
    else:
        notes += [
            f"{year} holds only {months} in this table; a part year is not a year, so it was left out."
            for year, months in part_years.items()
        ]
    notes += left_out_years
    if left_out:
        notes.append(f"Rows for {', '.join(sorted(left_out))} were left out: they are not police force areas.")
    return ImportResult(
        path, "home_office", _figures_frame(figures), sources, problems.found, notes, problems.not_listed
    )


def with_import(base: DataSet, result: ImportResult, name: str) -> DataSet:
    """A new data set: the base with the imported figures added as the newest release."""
    sources = pd.concat([base.sources, result.sources], ignore_index=True)
    figures = result.figures.merge(sources[["source", "published"]], on="source", how="left")
    return DataSet(
        name=name,
        areas=base.areas,
        figures=pd.concat([base.figures, figures], ignore_index=True),
        sources=sources,
        child_population=base.child_population,
        support_contacts=base.support_contacts,
        aliases=base.aliases,
        practice_notes=base.practice_notes,
    )


def what_changed(before: DataSet, after: DataSet) -> pd.DataFrame:
    """Figures whose shown value differs between two releases, new ones included."""
    key = ["area", "year", "measure"]
    old = before.current_figures.set_index(key)["value"].rename("before")
    new = after.current_figures.set_index(key)[["value", "source"]].rename(columns={"value": "after"})
    joined = new.join(old, how="left")
    changed = joined[~((joined["after"] == joined["before"]) | (joined["after"].isna() & joined["before"].isna()))]
    return changed.reset_index()[[*key, "before", "after", "source"]]
