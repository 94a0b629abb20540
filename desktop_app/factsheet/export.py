"""Writing fact sheets to PDF (atomically) and to printers, one area or all of them."""

import io
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPainter, QPdfWriter

from desktop_app import __version__
from desktop_app.factsheet.comparison_content import comparison_content
from desktop_app.factsheet.comparison_render import paint_comparison_sheet
from desktop_app.factsheet.content import sheet_content
from desktop_app.factsheet.render import paint_blank_back, paint_sheet
from desktop_app.formatting import counted
from desktop_app.io.atomic import atomic_path
from desktop_app.model.dataset import DataSet

PDF_RESOLUTION = 1200
# The language screen readers read the sheet in (the catalog's /Lang).
DOCUMENT_LANGUAGE = "en-GB"
# Area names come from files: a name is cut to this many characters, so a file name stays within the
# 255 bytes file systems allow even in a script that takes four bytes a character.
MAX_NAME_CHARACTERS = 50
_application: QGuiApplication | None = None


def ensure_qt_application() -> QGuiApplication:
    """Qt needs an application object to lay out text; on a machine with no screen it draws offscreen."""
    global _application
    existing = QGuiApplication.instance()
    if existing is not None:
        return existing
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _application = QGuiApplication(sys.argv[:1])
    return _application


class ExportError(OSError):
    """A fact sheet could not be written; nothing was left behind."""


class ExportCancelled(Exception):
    """The user stopped a batch export; files finished before it stay, the one under way is removed."""


def sheet_file_name(area: str, year: str) -> str:
    """Readable in any script ("кент-2016-17.pdf"), bounded, and never empty or hidden."""
    words = unicodedata.normalize("NFC", area).casefold()
    slug = re.sub(r"[\W_]+", "-", words).strip("-")[:MAX_NAME_CHARACTERS].strip("-") or "area"
    return f"{slug}-{year.replace('/', '-')}.pdf"


def batch_file_names(sheets: list[tuple[str, str]]) -> list[str]:
    """One distinct name per sheet, decided before any is written: "Kent!" and "Kent" would share one.

    Names are compared ignoring case, as on the file systems of Windows and macOS."""
    names, used = [], set()
    for area, year in sheets:
        name = sheet_file_name(area, year)
        stem, number = name.removesuffix(".pdf"), 1
        while name.casefold() in used:
            number += 1
            name = f"{stem}-{number}.pdf"
        used.add(name.casefold())
        names.append(name)
    return names


def areas_and_their_forces(data: DataSet, areas: Iterable[str]) -> list[str]:
    """The areas a user picked for a batch, in the data set's order: a nation (or England and Wales, or the UK)
    brings every force area in it, so "Wales" means Wales and its four forces."""
    picked = set()
    for area in areas:
        picked.update([area, *data.total_members.get(area, [])])
    return [area for area in data.area_names if area in picked]


def sheets_to_export(
    data: DataSet, year: str | None = None, areas: Iterable[str] | None = None
) -> list[tuple[str, str]]:
    """Every area (of ``areas``, if given) with a figure in ``year`` (of any measure: a year may hold only sexual
    communication with a child); without a year, each area at its latest year with an offences figure in either
    series."""
    figures = data.current_figures[data.current_figures["value"].notna()]
    chosen = None if areas is None else set(areas)  # once: a generator of areas would be used up by the first test
    wanted = data.area_names if chosen is None else [area for area in data.area_names if area in chosen]
    if year is not None:
        with_figures = set(figures.loc[figures["year"] == year, "area"])
        return [(area, year) for area in wanted if area in with_figures]
    latest = data.latest_offences_year_of
    return [(area, latest[area]) for area in wanted if area in latest]


def _pdf_writer(path: Path, title: str) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF()))
    writer.setTitle(title)
    writer.setCreator(f"Fact Sheets {__version__}")
    return writer


def _new_page(device) -> None:
    if not device.newPage():
        raise ExportError("Could not start a new page (is the disk full?).")


def paint_pages(
    device,
    contents: Iterable,
    on_page: Callable[[], bool] | None = None,
    paint: Callable | None = None,
    both_sides: bool = False,
) -> None:
    """Paints one sheet after another on a PDF writer or a printer with ``paint`` (a fact sheet's when None,
    looked up at the call); ``on_page`` returning False cancels. With ``both_sides``, a sheet of an odd number
    of pages is followed by a blank back, so that every sheet starts on a new sheet of paper in duplex."""
    paint = paint or paint_sheet
    painter = QPainter()
    if not painter.begin(device):
        raise ExportError("Could not start drawing the fact sheet (is the printer or file available?).")
    try:
        pages, previous = 0, None
        for index, content in enumerate(contents):
            if index:
                _new_page(device)
                if both_sides and pages % 2:
                    paint_blank_back(painter, previous, device)
                    _new_page(device)
            pages, previous = paint(painter, content, device), content
            if on_page is not None and not on_page():
                raise ExportCancelled
    finally:
        finished = painter.end()
    if not finished:
        raise ExportError("Could not finish the fact sheet (is the disk full?).")


def mark_language(path: Path) -> None:
    """Sets the document language, which a screen reader needs to pick its voice and QPdfWriter cannot set:
    pypdf rewrites the finished file with the same pages, fonts and metadata and a /Lang in its catalog."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    reader = PdfReader(path)
    writer = PdfWriter(clone_from=reader)
    writer.pdf_header = reader.pdf_header
    writer.root_object[NameObject("/Lang")] = TextStringObject(DOCUMENT_LANGUAGE)
    rewritten = io.BytesIO()
    writer.write(rewritten)
    Path(path).write_bytes(rewritten.getvalue())


def verify_pdf(path: Path) -> bool:
    """A complete PDF starts with its header and ends with its trailer; QPdfWriter stops silently on a full disk."""
    with open(path, "rb") as written:
        header = written.read(5)
        written.seek(max(0, Path(path).stat().st_size - 1024))
        tail = written.read()
    return header == b"%PDF-" and tail.rstrip().endswith(b"%%EOF")


def write_pdf(
    contents: Iterable,
    path: Path,
    title: str,
    on_page: Callable[[], bool] | None = None,
    overwrite: bool = True,
    paint: Callable | None = None,
    both_sides: bool = False,
) -> None:
    """Writes the sheets (see ``paint_pages``) atomically: a cancelled or failed write leaves nothing behind."""
    path = Path(path)
    try:
        with atomic_path(path, verify_pdf, overwrite) as temporary:
            paint_pages(_pdf_writer(temporary, title), contents, on_page, paint, both_sides)
            if verify_pdf(temporary):  # a file cut short is left for atomic_path to refuse, never repaired by pypdf
                mark_language(temporary)
    except PermissionError as error:
        raise ExportError(f"No permission to write {path}.") from error


def export_sheet(
    data: DataSet, area: str, year: str, path: Path, printed_on: date | None = None, overwrite: bool = True
) -> None:
    write_pdf([sheet_content(data, area, year, printed_on)], path, f"Fact sheet: {area}, {year}", overwrite=overwrite)


def export_comparison(
    data: DataSet, areas: list[str], year: str, path: Path, printed_on: date | None = None, overwrite: bool = True
) -> None:
    """One A4 page comparing ``areas`` in ``year``; TooManyAreas if they would not fit legibly."""
    content = comparison_content(data, areas, year, printed_on)
    write_pdf([content], path, content.title, overwrite=overwrite, paint=paint_comparison_sheet)


def files_in_the_way(
    data: DataSet,
    target: Path,
    year: str | None = None,
    combined: bool = False,
    areas: Iterable[str] | None = None,
) -> list[Path]:
    """The files a batch export would replace: the user is asked before any of them is."""
    if combined:
        return [Path(target)] if Path(target).exists() else []
    paths = (Path(target) / name for name in batch_file_names(sheets_to_export(data, year, areas)))
    return [path for path in paths if path.exists()]


def export_all(
    data: DataSet,
    target: Path,
    year: str | None = None,
    combined: bool = False,
    progress: Callable[[int, int, str], bool] | None = None,
    overwrite: bool = False,
    areas: Iterable[str] | None = None,
) -> list[Path]:
    """Every area's sheet (or those of ``areas``), into a folder (one PDF each) or one combined PDF.

    ``progress(done, total, area)`` is called as each sheet is finished; returning
    False stops the export (raising ExportCancelled). Existing files are only
    replaced with ``overwrite``; otherwise nothing is written and FileExistsError says which.
    """
    areas = None if areas is None else list(areas)
    in_the_way = [] if overwrite else files_in_the_way(data, target, year, combined, areas)
    if in_the_way:
        names = ", ".join(path.name for path in in_the_way[:3]) + (" and others" if len(in_the_way) > 3 else "")
        raise FileExistsError(f"{counted(len(in_the_way), 'file')} would be replaced ({names}); nothing was written.")
    sheets = sheets_to_export(data, year, areas)
    total = len(sheets)

    def keep_going(done: int, area: str) -> bool:
        return progress is None or progress(done, total, area) is not False

    if combined:
        done = 0

        def after_page() -> bool:
            nonlocal done
            done += 1
            return keep_going(done, sheets[done - 1][0])

        contents = (sheet_content(data, area, sheet_year) for area, sheet_year in sheets)
        write_pdf(contents, Path(target), "Fact sheets", after_page, overwrite, both_sides=True)
        return [Path(target)]

    folder = Path(target)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for done, ((area, sheet_year), name) in enumerate(zip(sheets, batch_file_names(sheets), strict=True), start=1):
        path = folder / name
        export_sheet(data, area, sheet_year, path, overwrite=overwrite)
        written.append(path)
        if not keep_going(done, area):
            raise ExportCancelled
    return written
