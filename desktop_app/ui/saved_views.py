"""Saved views: the whole state of the window in a small JSON file, to reopen later or share."""

import json
from pathlib import Path

from desktop_app.io.atomic import atomic_path

VIEW_FORMAT = "fact-sheets-view"
VIEW_VERSION = 1
VIEW_FILTER = "Fact Sheets view (*.json)"


class ViewFileError(ValueError):
    """A view file that cannot be used; the window is left as it was."""


def capture(window) -> dict:
    statistics, trends = window.statistics_tab, window.trends_tab
    return {
        "format": VIEW_FORMAT,
        "version": VIEW_VERSION,
        "release": window.data.name,
        "newest_source": str(window.data.figures["published"].max()),
        "tab": window.tabs.currentIndex(),
        "area": window.selection.area,
        "year": window.selection.year,
        "measure": window.selection.measure,
        "nation_filter": statistics.nation_box.currentText(),
        "search": statistics.search_box.text(),
        "chart_areas": trends.checked_areas(),
        "comparison": trends.comparison_box.isChecked(),
    }


def save(window, path: Path) -> None:
    with atomic_path(Path(path)) as temporary:
        temporary.write_text(json.dumps(capture(window), indent=2), encoding="utf-8")


def load(path: Path) -> dict:
    try:
        state = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ViewFileError(f"{Path(path).name} is not a readable view file ({error})") from None
    if not isinstance(state, dict) or state.get("format") != VIEW_FORMAT:
        raise ViewFileError(f"{Path(path).name} is not a Fact Sheets view file")
    return state


def apply(window, state: dict) -> list[str]:
    """Restores what the current data allows; returns plain notes on anything that differs."""
    data, notes = window.data, []
    if state.get("release") != data.name or state.get("newest_source") != str(data.figures["published"].max()):
        notes.append(
            f"This view was saved on the release '{state.get('release')}'; it is now shown on '{data.name}', "
            "so figures may differ (Edit > What changed lists the differences between loaded releases)."
        )
    for key, allowed, setter in (
        ("year", data.years, window.selection.set_year),
        ("area", data.area_names, window.selection.set_area),
    ):
        value = state.get(key)
        if value in allowed:
            setter(value)
        elif value is not None:
            notes.append(f"The saved {key} '{value}' is not in the data now shown.")
    measure = state.get("measure")
    if isinstance(measure, str):
        window.selection.set_measure(measure)
    statistics, trends = window.statistics_tab, window.trends_tab
    if isinstance(state.get("nation_filter"), str) and statistics.nation_box.findText(state["nation_filter"]) >= 0:
        statistics.nation_box.setCurrentText(state["nation_filter"])
    if isinstance(state.get("search"), str):
        statistics.search_box.setText(state["search"])
    areas = [area for area in state.get("chart_areas", []) if isinstance(area, str)]
    if areas:
        trends.set_checked_areas(areas)
    trends.comparison_box.setChecked(bool(state.get("comparison")))
    if isinstance(state.get("tab"), int) and 0 <= state["tab"] < window.tabs.count():
        window.tabs.setCurrentIndex(state["tab"])
    return notes
