"""Regional statistics: every area's figures for one year, sortable, filterable, exportable."""

import html
from pathlib import Path

import pandas as pd
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QPainter, QPalette, QPen, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QStyledItemDelegate,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.formatting import (
    MISSING,
    format_change_percent,
    format_count,
    format_percent,
    format_rate,
    format_signed_count,
    is_missing,
    run_on,
)
from desktop_app.io.table_export import SheetColumn, Unit, spreadsheet_table, write_csv, write_excel
from desktop_app.model.citation import (
    SOURCES_IN_THE_WORKBOOK,
    about_the_export,
    column_source_ids,
    export_stamp,
    figure_sentence,
    sources_in_words,
    sources_listed,
)
from desktop_app.model.comparison import METHOD
from desktop_app.model.dataset import DATE_NOT_STATED, DataSet
from desktop_app.model.details import figure_details
from desktop_app.model.measures import (
    HOME_OFFICE_CAVEAT,
    HOME_OFFICE_CHILD_OFFENCES,
    MEASURE_LABELS,
    NO_FIGURE,
    OFFENCES,
    ONLINE_FLAGGED,
    SERIES_EXPLAINED,
    SEXUAL_COMMUNICATION,
    STATUS_LABELS,
    VICTIMS_AGED_4_AND_UNDER,
    VICTIMS_AGED_10_AND_UNDER,
    VICTIMS_UNDER_1,
)
from desktop_app.model.missing import why_empty
from desktop_app.model.statistics import (
    HOME_OFFICE_RATE,
    HOME_OFFICE_SERIES,
    ONLINE_SHARE,
    RATE,
    RATES,
    SERIES,
    statistics_table,
)
from desktop_app.model.summary import summary
from desktop_app.ui.colours import HIGHER, LOWER, marked
from desktop_app.ui.controls import NoMatchNotice, labelled_controls, refill
from desktop_app.ui.dataframe_model import DataFrameTableModel, TableColumn
from desktop_app.ui.frozen_column_table import FrozenFirstColumnTable
from desktop_app.ui.links import open_listed_link
from desktop_app.ui.selection import Selection

ALL_NATIONS = "All nations"
# Nation, England and Wales and UK totals are kept above the forces, never sorted among them.
FORCES_AFTER_TOTALS = "forces_after_totals"
# Searching "GMP" or "PSNI" finds the area by the other names the data knows for it.
OTHER_NAMES = "other_names"
HIGHER_IS_NOT_WORSE = (
    "Higher is not worse: more recorded offences can mean better recording and more children coming forward."
)
LEGEND = "▲ higher / ▼ lower than the year before (Change) or than the nation's rate (Rate vs nation). " + (
    HIGHER_IS_NOT_WORSE
)


def _tone_of_change(change) -> str | None:
    return HIGHER if change > 0 else LOWER if change < 0 else None


def _marked_change(change) -> str:
    mark = {HIGHER: "▲ ", LOWER: "▼ "}.get(_tone_of_change(change), "")
    return mark + format_signed_count(change)


COMPARISON_WORDS = "'similar' unless the difference is larger than chance variation in the count (" + METHOD + ")"
HOME_OFFICE_TIP = "Home Office official figures. " + HOME_OFFICE_CAVEAT
NSPCC_TIP = "NSPCC figures: sexual offences against children (victims under 18) recorded by police"
COLUMNS = [
    TableColumn("area", "Area"),
    TableColumn("nation", "Nation"),
    TableColumn(
        HOME_OFFICE_CHILD_OFFENCES, "Home Office offences", format_count, numeric=True, tooltip=HOME_OFFICE_TIP
    ),
    TableColumn(
        HOME_OFFICE_SERIES.change,
        "HO change",
        _marked_change,
        numeric=True,
        tone=_tone_of_change,
        tooltip=HOME_OFFICE_TIP,
    ),
    TableColumn(
        HOME_OFFICE_SERIES.change_percent,
        "HO change %",
        format_change_percent,
        numeric=True,
        tone=_tone_of_change,
        tooltip=HOME_OFFICE_TIP,
    ),
    TableColumn(
        HOME_OFFICE_RATE,
        "HO per 1,000 children",
        format_rate,
        numeric=True,
        tooltip="Home Office offences per 1,000 children aged 0-17, using the mid-year estimate inside the year",
    ),
    TableColumn(
        HOME_OFFICE_SERIES.rank,
        "HO offences rank (England and Wales)",
        format_count,
        numeric=True,
        tooltip="Rank by Home Office offences among the forces of England and Wales",
        out_of=HOME_OFFICE_SERIES.ranked,
    ),
    TableColumn(
        HOME_OFFICE_SERIES.compared,
        "HO rate vs nation",
        marked,
        tone=lambda word: word,
        tooltip="Home Office rate per 1,000 children compared with the nation's: " + COMPARISON_WORDS,
    ),
    TableColumn(OFFENCES, "NSPCC offences", format_count, numeric=True, tooltip=NSPCC_TIP),
    TableColumn("previous_offences", "NSPCC previous year", format_count, numeric=True, tooltip=NSPCC_TIP),
    TableColumn("change", "NSPCC change", _marked_change, numeric=True, tone=_tone_of_change, tooltip=NSPCC_TIP),
    TableColumn(
        "change_percent", "NSPCC change %", format_change_percent, numeric=True, tone=_tone_of_change, tooltip=NSPCC_TIP
    ),
    TableColumn(
        ONLINE_FLAGGED,
        "Flagged online",
        format_count,
        numeric=True,
        tooltip="NSPCC figures: offences the police flagged as having an online element",
    ),
    TableColumn(ONLINE_SHARE, "Online share", format_percent, numeric=True),
    TableColumn(VICTIMS_AGED_10_AND_UNDER, "Aged 10 and under", format_count, numeric=True),
    TableColumn(VICTIMS_AGED_4_AND_UNDER, "Aged 4 and under", format_count, numeric=True),
    TableColumn(VICTIMS_UNDER_1, "Under 1", format_count, numeric=True),
    TableColumn(
        RATE,
        "NSPCC per 1,000 children",
        format_rate,
        numeric=True,
        tooltip="NSPCC offences per 1,000 children aged 0-17, using the mid-year estimate inside the year",
    ),
    TableColumn(
        "rank_uk",
        "NSPCC offences rank (UK)",
        format_count,
        numeric=True,
        tooltip="Rank by NSPCC offences among the UK forces with a figure this year in this data set",
        out_of="forces_ranked_uk",
    ),
    TableColumn(
        "rank_in_nation", "NSPCC offences rank in nation", format_count, numeric=True, out_of="forces_ranked_in_nation"
    ),
    TableColumn(
        "compared_with_nation",
        "NSPCC rate vs nation",
        marked,
        tone=lambda word: word,
        tooltip="NSPCC rate per 1,000 children compared with the nation's: " + COMPARISON_WORDS,
    ),
    TableColumn(
        SEXUAL_COMMUNICATION,
        "Sexual communication",
        format_count,
        numeric=True,
        tooltip="NSPCC figures: offences of sexual communication with a child (an offence since April 2017)",
    ),
]
# Where a group of measures starts (counts, change, online, ages, rates and ranks), a rule is drawn down the table
# so the eye can follow a group across; each series starts with a heavier rule.
SERIES_STARTS = {HOME_OFFICE_CHILD_OFFENCES, OFFENCES, SEXUAL_COMMUNICATION}
GROUP_STARTS = {
    HOME_OFFICE_SERIES.change,
    HOME_OFFICE_RATE,
    "change",
    ONLINE_FLAGGED,
    VICTIMS_AGED_10_AND_UNDER,
    RATE,
}


class GroupRule(QStyledItemDelegate):
    """Draws a rule down the left edge of the first column of a group of measures."""

    def __init__(self, width: int, parent: QWidget):
        super().__init__(parent)
        self._width = width

    def paint(self, painter: QPainter, option, index) -> None:
        super().paint(painter, option, index)
        painter.save()
        painter.setPen(QPen(option.palette.color(QPalette.ColorRole.Mid), self._width))
        painter.drawLine(option.rect.topLeft(), option.rect.bottomLeft())
        painter.restore()


# How each kind of column is written to a spreadsheet: its unit and the decimal places shown on screen.
UNIT_OF_FORMAT = {
    format_count: (Unit.COUNT, 0),
    _marked_change: (Unit.COUNT, 0),
    format_change_percent: (Unit.PER_CENT, 1),
    format_percent: (Unit.SHARE, 1),
    format_rate: (Unit.RATE, 1),
}
YEAR = "year"
SOURCE_HEADINGS = {
    "publisher": "Publisher",
    "title": "Title",
    "published": "Published",
    "url": "Address",
    "cells": "Figures citing it",
}
# The published count behind each derived column, for quoting a cell with its source.
COUNT_BEHIND = {
    **{column: series.count for series in SERIES for column in vars(series).values()},
    ONLINE_SHARE: OFFENCES,
}


class StatisticsTab(QWidget):
    """Shows: every area's figures for the selected year, and the selected area's details.

    Remembers (through the main window): column widths and the splitter position.
    """

    def __init__(self, selection: Selection, parent: QWidget | None = None):
        super().__init__(parent)
        self._selection = selection

        self.year_box = QComboBox(accessibleName="Year")
        self.nation_box = QComboBox(accessibleName="Nation filter")
        self.search_box = QLineEdit(
            placeholderText="Search areas…", accessibleName="Search areas", clearButtonEnabled=True
        )

        self.table_model = DataFrameTableModel(
            COLUMNS, self._missing_reason, self, search_keys=["area", OTHER_NAMES], group_key=FORCES_AFTER_TOTALS
        )
        self.proxy = self.table_model  # the rows as shown: sorted and filtered inside the model
        self.table = FrozenFirstColumnTable(accessibleName="Regional statistics table")
        self.table.setModel(self.table_model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        series_rule, group_rule = GroupRule(3, self), GroupRule(1, self)
        for index, column in enumerate(COLUMNS):
            if column.key in SERIES_STARTS | GROUP_STARTS:
                self.table.setItemDelegateForColumn(index, series_rule if column.key in SERIES_STARTS else group_rule)
        self.show_empty_columns = QCheckBox(
            "Show columns &without figures",
            accessibleName="Show the columns that have no figure for any area in the chosen year",
        )
        self.no_match = NoMatchNotice(
            "area", "Search looks at area names and other names such as GMP or PSNI, within the nation chosen."
        )
        self.legend = QLabel(LEGEND, wordWrap=True, accessibleName="Colour legend")
        self.details = QTextBrowser(accessibleName="Details of the selected area", openLinks=False)
        self.details.anchorClicked.connect(self.open_source_link)

        controls = labelled_controls(("&Year:", self.year_box), ("&Nation:", self.nation_box))
        controls.addWidget(self.search_box, 1)
        controls.addWidget(self.show_empty_columns)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(controls)
        upper_layout.addWidget(self.no_match)
        upper_layout.addWidget(self.table, 1)
        upper_layout.addWidget(self.legend)
        self.splitter = QSplitter(Qt.Orientation.Vertical, childrenCollapsible=False)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        self.year_box.currentTextChanged.connect(selection.set_year)
        self.nation_box.currentTextChanged.connect(self._on_nation_chosen)
        self.search_box.textChanged.connect(self._on_search_changed)
        self.show_empty_columns.toggled.connect(self._show_columns_with_figures)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_selected)
        selection.year_changed.connect(self._on_year_changed)
        selection.area_changed.connect(self._on_area_changed)
        selection.release_changed.connect(self._on_release_changed)

        self._described: tuple | None = None  # the release, area, year and visibility the details describe
        self._on_release_changed(selection.data)
        copy = QShortcut(QKeySequence.StandardKey.Copy, self.table, self.copy_figure_sentence)
        copy.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.sortByColumn(self.table_model.column_index(HOME_OFFICE_CHILD_OFFENCES), Qt.SortOrder.DescendingOrder)
        self.table.resizeColumnsToContents()

    @property
    def _data(self) -> DataSet:
        return self._selection.data

    def _on_release_changed(self, data: DataSet) -> None:
        """Rebinds to the release now shown: its years, its nations and its table."""
        refill(self.year_box, list(reversed(data.years)), self._selection.year)
        refill(self.nation_box, [ALL_NATIONS, *data.nations], self.nation_box.currentText())
        self._on_nation_chosen(self.nation_box.currentText())
        self._on_year_changed(self._selection.year)

    def _missing_reason(self, row: int, key: str) -> str:
        return why_empty(self._data, self._selection.year, self.table_model.raw_value(row, "area"), key)

    def _on_year_changed(self, year: str) -> None:
        self.year_box.setCurrentText(year)
        table = statistics_table(self._data, year).reset_index()
        self.table_model.set_frame(
            table.assign(
                **{
                    FORCES_AFTER_TOTALS: table["is_force"].astype(int),
                    OTHER_NAMES: table["area"].map(self._data.other_names),
                }
            )
        )
        self._show_columns_with_figures()
        self._on_area_changed(self._selection.area)

    def _show_columns_with_figures(self) -> None:
        """About half the columns are empty in any one year; they are hidden unless asked for, so the figures
        that exist fit on screen. A column coming into view is fitted to what it now shows: its width was set
        while it was hidden, and its heading was cut short."""
        coming_into_view = []
        for index, column in enumerate(COLUMNS):
            hidden = not self.table_model.has_values(column.key) and not self.show_empty_columns.isChecked()
            if self.table.isColumnHidden(index) and not hidden:
                coming_into_view.append(index)
            self.table.setColumnHidden(index, hidden)
        self.table.fit_columns(coming_into_view)

    def restore_columns(self, state) -> bool:
        """Remembered widths and order, but never narrower than a column's heading (an earlier version saved
        cut headings); which columns are empty depends on the year shown, not on the last run."""
        header = self.table.horizontalHeader()
        restored = header.restoreState(state)
        self._show_columns_with_figures()
        self.table.fit_columns(
            column
            for column in range(header.count())
            if not header.isSectionHidden(column) and header.sectionSize(column) < header.sectionSizeHint(column)
        )
        return restored

    def _on_nation_chosen(self, nation: str) -> None:
        self.table_model.set_required("nation", None if nation == ALL_NATIONS else nation)
        self.no_match.show_for(self.search_box.text(), self.table_model.rowCount())
        self._follow_visible_rows()

    def _on_search_changed(self, text: str) -> None:
        self.table_model.set_search_text(text)
        self.no_match.show_for(text, self.table_model.rowCount())
        self._follow_visible_rows()

    def _on_row_selected(self, current, _previous) -> None:
        if current.isValid():
            self._selection.set_area(self.table_model.raw_value(current.row(), "area"))

    def _on_area_changed(self, area: str) -> None:
        self._follow_visible_rows()

    def _follow_visible_rows(self) -> None:
        """The details describe the selected area while its row is shown; a search or filter that hides it
        says so rather than leave another area's figures beside the rows shown. The shared selection is not
        moved (the other tabs keep it). The details are rebuilt only when what they describe changes, not on
        every keystroke of a search (which also kept scrolling them back to the top)."""
        area = self._selection.area
        row = self.table_model.row_of("area", area)
        described = (self._data, area, self._selection.year, row is not None)
        if described != self._described:
            self._described = described
            self.details.setHtml(
                self._details_html(area, self._selection.year)
                if row is not None
                else f"<p>{html.escape(area)} is not among the rows shown. Select a row to see its figures and "
                "sources, or clear the search and the nation filter.</p>"
            )
        if row is None:
            self.table.clearSelection()
        elif row != self.table.currentIndex().row():
            # after a search or filter brings the area back, the highlight is not left on another area
            self.table.selectionModel().setCurrentIndex(
                self.table_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _details_html(self, area: str, year: str) -> str:
        rows = []
        for detail in figure_details(self._data, area, year).to_dict("records"):
            value = (
                STATUS_LABELS.get(detail["status"], NO_FIGURE)
                if is_missing(detail["value"])
                else format_count(detail["value"])
            )
            # "Earlier" only where both dates say so: an import stating no date may replace a later release.
            earlier = "".join(
                f"<br><i>{'Revised: an earlier release' if before else 'Replaced: the release'} "
                f"({html.escape(publisher)}, {html.escape(date)}) gave {format_count(old)}</i>"
                for old, publisher, date, before in detail["earlier"]
                if not is_missing(old)
            )
            note = f"<br><i>Note: {html.escape(detail['note'])}</i>" if detail["note"] else ""
            # Without a date, the title says which file it was and when it was imported.
            undated = f"<br>{html.escape(detail['title'])}" if detail["published"] == DATE_NOT_STATED else ""
            rows.append(
                f"<tr><td>{html.escape(detail['label'])}</td><td align='right'><b>{html.escape(value)}</b></td>"
                f"<td><a href='{html.escape(detail['url'], quote=True)}'>{html.escape(detail['publisher'])}</a>, "
                f"{html.escape(detail['published'])}{undated}{earlier}{note}</td></tr>"
            )
        table = (
            "<table cellspacing='0' cellpadding='3'><tr><th align='left'>Figure</th><th>Value</th>"
            f"<th align='left'>Source</th></tr>{''.join(rows)}</table>"
            if rows
            else ""  # the summary above already says the data set has no figures
        )
        return (
            f"<h3>{html.escape(area)}, {html.escape(year)}</h3>"
            f"<p>{html.escape(summary(self._data, area, year))}</p>{table}"
            f"<p><i>{html.escape(SERIES_EXPLAINED)}</i></p>"
        )

    def open_source_link(self, url) -> bool:
        return open_listed_link(self, url, set(self._data.sources["url"]))

    def copy_figure_sentence(self) -> str:
        """Ctrl+C on a cell: the figure as a sentence with its caveat and source, ready to paste; on a name, the
        name."""
        index = self.table.currentIndex()
        if not index.isValid():
            return ""
        column = COLUMNS[index.column()]
        area = self.table_model.raw_value(index.row(), "area")
        measure = column.key if column.key in MEASURE_LABELS else COUNT_BEHIND.get(column.key)
        shown = index.data()
        if measure is None:  # the area's or nation's name: no figure, so no source to put beside it
            QGuiApplication.clipboard().setText(shown)
            return shown
        missing = shown == MISSING
        if missing:  # a dash says why, as its tooltip does
            why = index.data(Qt.ItemDataRole.ToolTipRole)
            shown += f" ({run_on(why)})" if why else ""
        elif column.out_of and column.tooltip:  # a rank says among whom: "2 of 21 (rank by ... with a figure ...)"
            shown += f" ({run_on(column.tooltip)})"
        # The heading's abbreviation is written out in a sentence meant to be pasted into a report.
        label = column.header.replace("HO ", "Home Office ", 1)
        per_children = column.key in RATES and not missing  # no rate, so no population it was divided by
        sentence = figure_sentence(self._data, area, self._selection.year, label, shown, measure, per_children)
        QGuiApplication.clipboard().setText(sentence)
        return sentence

    def visible_table(self) -> pd.DataFrame:
        """The rows and columns on screen as a spreadsheet should hold them: one unit per column, a year column,
        a rank's "of how many" as its own number, missing figures empty."""
        return spreadsheet_table(self._shown_rows(), self._sheet_columns())

    def _shown_rows(self) -> pd.DataFrame:
        return self.table_model.visible_rows().assign(**{YEAR: self._selection.year})

    def _sheet_columns(self) -> list[SheetColumn]:
        shown = [column for index, column in enumerate(COLUMNS) if not self.table.isColumnHidden(index)]
        sheet_columns = [
            SheetColumn(column.key, column.header, *UNIT_OF_FORMAT.get(column.formatter, (Unit.TEXT, 0)), column.out_of)
            for column in shown
        ]
        return [*sheet_columns[:1], SheetColumn(YEAR, "Financial year"), *sheet_columns[1:]]

    def _cited(self, rows: pd.DataFrame) -> dict[str, pd.Series | None]:
        """Each shown column's sources, row by row, as lists of ids (None for a column without figures)."""
        year = self._selection.year
        return {column.key: column_source_ids(self._data, rows, year, column.key) for column in self._sheet_columns()}

    def export_csv(self, path: Path) -> None:
        """The table as numbers, with the stamp and its sources in a text file beside it."""
        cited = [ids for ids in self._cited(self._shown_rows()).values() if ids is not None]
        write_csv(self.visible_table(), path, about_the_export(self._data, cited))

    def export_excel(self, path: Path) -> None:
        """The table with each figure's sources beside it, those sources in full, and where the file came from."""
        rows = self._shown_rows()
        cited = self._cited(rows)
        shown = spreadsheet_table(
            rows,
            self._sheet_columns(),
            lambda key: None if cited[key] is None else sources_in_words(self._data, cited[key]),
            self._missing_reason,
        )
        sources = sources_listed(self._data, [ids for ids in cited.values() if ids is not None])
        write_excel(
            {
                f"Figures {self._selection.year.replace('/', '-')}": shown,
                "Sources": sources.rename(columns=SOURCE_HEADINGS),
            },
            path,
            # Its cells hold numbers, not the table's arrows: only the arrows' caution is said.
            about=[export_stamp(self._data, sources=SOURCES_IN_THE_WORKBOOK), HIGHER_IS_NOT_WORSE],
            wrapped=["Sources"],
        )
