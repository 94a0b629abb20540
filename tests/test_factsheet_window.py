"""Fact sheets from the window: save as PDF, save all with progress, preview, and printing."""

import re
import shutil
import subprocess
import uuid
from pathlib import Path

import numpy as np
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QFileDialog, QPushButton

from desktop_app.factsheet.export import export_sheet, sheets_to_export
from desktop_app.ui import factsheet_actions
from desktop_app.ui.app import create_application
from desktop_app.ui.main_window import MainWindow

from pdf_text import flowing_text

CUPS_PDF_QUEUE = "PDF"


@pytest.fixture
def window(qtbot, shipped, settings):
    create_application()
    main_window = MainWindow(shipped, settings)
    qtbot.addWidget(main_window)
    main_window.selection.set_year("2016/17")
    main_window.selection.set_area("Merseyside")
    return main_window


def test_save_as_pdf_writes_the_selected_areas_sheet(window, tmp_path, monkeypatch):
    chosen = tmp_path / "merseyside"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(chosen), "PDF (*.pdf)"))
    saved = window.factsheet_actions.save_sheet()
    assert saved == chosen.with_suffix(".pdf")
    text = flowing_text(saved)
    assert "Merseyside" in text and "1,325" in text
    assert "Saved" in window.statusBar().currentMessage()


def test_a_cancelled_save_dialog_writes_nothing(window, settings, tmp_path, monkeypatch):
    folder = tmp_path / "sheets"
    folder.mkdir()
    settings.setValue(factsheet_actions.LAST_FOLDER_KEY, str(folder))
    offered = []

    def cancel(parent, caption, suggested, filters):
        offered.append(Path(suggested))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", cancel)
    assert window.factsheet_actions.save_sheet() is None
    assert offered == [folder / "merseyside-2016-17.pdf"]  # where it would have gone
    assert list(folder.iterdir()) == []
    assert "Saved" not in window.statusBar().currentMessage()


def test_save_all_into_a_folder_with_progress(window, tmp_path, shipped):
    wales = ["Wales", "Dyfed-Powys", "Gwent", "North Wales", "South Wales"]
    written = window.factsheet_actions.export_with_progress(tmp_path, "2021/22", False, False, wales)
    assert len(written) == len(sheets_to_export(shipped, "2021/22", wales)) == 5
    assert all(len(PdfReader(path).pages) in (1, 2) for path in written)


def test_save_all_can_be_cancelled_from_the_progress_dialog(window, tmp_path, monkeypatch):
    monkeypatch.setattr(factsheet_actions.QProgressDialog, "wasCanceled", lambda self: self.value() >= 2)
    assert window.factsheet_actions.export_with_progress(tmp_path / "all.pdf", None, True, replace_existing=False) == []
    assert list(tmp_path.iterdir()) == []
    assert "cancelled" in window.statusBar().currentMessage()


def test_save_all_dialog_choices_reach_the_export(window, tmp_path, monkeypatch):
    def choose_combined_latest(dialog):
        dialog.combined.setChecked(True)
        dialog.latest_year.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(factsheet_actions.SaveAllDialog, "exec", choose_combined_latest)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "every"), "PDF (*.pdf)"))
    asked = []

    def export_all(data, target, year, combined, progress, overwrite, areas):
        asked.append((data, target, year, combined, len(areas)))
        return [target]

    monkeypatch.setattr(factsheet_actions, "export_all", export_all)  # every sheet combined is tested elsewhere
    assert window.factsheet_actions.save_all_sheets() == [tmp_path / "every.pdf"]
    assert asked == [(window.data, tmp_path / "every.pdf", None, True, len(window.data.areas_with_figures))]


def test_save_all_saves_only_the_areas_ticked_with_the_year_in_each_name(window, tmp_path, monkeypatch):
    def tick_wales_and_kent(dialog):
        dialog.tick_only([])
        assert not dialog.buttons.button(factsheet_actions.QDialogButtonBox.StandardButton.Save).isEnabled()
        next(button for button in dialog.findChildren(QPushButton) if "Wales" in button.text()).click()
        dialog.areas.findItems("Kent", Qt.MatchFlag.MatchExactly)[0].setCheckState(Qt.CheckState.Checked)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(factsheet_actions.SaveAllDialog, "exec", tick_wales_and_kent)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    written = window.factsheet_actions.save_all_sheets()
    assert sorted(path.name for path in written) == [
        "dyfed-powys-2016-17.pdf",
        "gwent-2016-17.pdf",
        "kent-2016-17.pdf",
        "north-wales-2016-17.pdf",
        "south-wales-2016-17.pdf",
        "wales-2016-17.pdf",
    ]


def test_print_preview_paints_the_sheet(window, qtbot, tmp_path):
    preview = window.factsheet_actions.preview_sheet()
    qtbot.addWidget(preview)
    assert "Merseyside" in preview.windowTitle()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "preview.pdf"))
    preview.paintRequested.emit(printer)
    assert "Merseyside" in flowing_text(tmp_path / "preview.pdf")
    preview.close()


def test_with_no_printer_the_user_is_offered_pdf(window, tmp_path, monkeypatch):
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    asked = []

    def answer_yes(parent, title, text):
        asked.append(text)
        return True

    monkeypatch.setattr(factsheet_actions, "ask", answer_yes)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "instead.pdf"), "PDF (*.pdf)"))
    window.factsheet_actions.print_sheet()
    assert "No printer is set up" in asked[0]
    assert (tmp_path / "instead.pdf").exists()


def _ink_fraction(pdf: Path) -> float:
    """The share of the page's pixels that are not white, from a low-resolution greyscale render."""
    pgm = subprocess.run(
        ["pdftoppm", "-gray", "-r", "30", "-f", "1", "-l", "1", str(pdf)], capture_output=True, check=True, timeout=60
    )
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+\d+\s", pgm.stdout)  # a byte-by-byte scan never ended on no output
    assert header, f"pdftoppm gave no greyscale page for {pdf.name}: {pgm.stderr[-300:]!r}"
    width, height = int(header.group(1)), int(header.group(2))
    pixels = np.frombuffer(pgm.stdout[header.end() : header.end() + width * height], dtype=np.uint8)
    return float((pixels < 200).mean())


def test_printing_to_a_real_cups_queue_delivers_the_sheets_inked_pages(window, qtbot, shipped, tmp_path):
    printer_info = QPrinterInfo.printerInfo(CUPS_PDF_QUEUE)
    if printer_info.isNull():
        pytest.skip("no CUPS print queue named 'PDF' (the cups-pdf printer) on this machine; .ci/run sets one up")
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is needed to check the printed page; scripts/install.sh --test adds it")
    job_name = f"factsheet-test-{uuid.uuid4().hex[:8]}"
    printer = factsheet_actions.make_printer(printer_info)
    printer.setDocName(job_name)
    window.factsheet_actions.print_to(printer)
    output_folder = Path.home() / "PDF"

    def printed() -> list[Path]:
        return sorted(output_folder.glob(f"{job_name}*.pdf")) if output_folder.is_dir() else []

    def complete_pages() -> int:
        """cups-pdf writes the file in steps: a half-written one does not parse yet."""
        try:
            return len(PdfReader(printed()[0]).pages)
        except Exception:
            return 0

    saved = tmp_path / "expected.pdf"  # the same sheet saved as PDF: printing gives it the same pages
    export_sheet(shipped, window.selection.area, window.selection.year, saved)
    expected_pages = len(PdfReader(saved).pages)
    qtbot.waitUntil(lambda: bool(printed()) and complete_pages() >= expected_pages, timeout=30_000)
    assert complete_pages() == expected_pages
    assert _ink_fraction(printed()[0]) > 0.02


def test_a_print_job_is_named_after_the_sheet(window, qtbot, monkeypatch):
    monkeypatch.setattr(QPrinterInfo, "availablePrinters", staticmethod(lambda: [QPrinterInfo()]))
    named = []

    class PrintDialogThatRecords:
        def __init__(self, printer, parent):
            named.append(printer.docName())

        def exec(self):
            return QDialog.DialogCode.Rejected

    monkeypatch.setattr(factsheet_actions, "QPrintDialog", PrintDialogThatRecords)
    window.factsheet_actions.print_sheet()
    preview = window.factsheet_actions.preview_sheet()
    qtbot.addWidget(preview)
    assert named == ["Fact sheet: Merseyside, 2016/17"]
    assert preview.printer().docName() == "Fact sheet: Merseyside, 2016/17"
    preview.close()
