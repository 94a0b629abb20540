"""Small made-up data sets for edge cases; never shown to users."""

import pandas as pd

from desktop_app.model.dataset import DataSet


def make_dataset(figures: list[tuple], sources: dict[str, str] | None = None) -> DataSet:
    """A small made-up data set: figures as (area, year, measure, value, source[, status])."""
    sources = sources or {"s1": "2020-01"}
    areas = pd.DataFrame(
        [
            ("United Kingdom", "country", ""),
            ("Testland", "nation", "Testland"),
            ("North Force", "police_force", "Testland"),
            ("South Force", "police_force", "Testland"),
        ],
        columns=["area", "area_type", "nation"],
    )
    rows = [(*row[:5], row[5] if len(row) > 5 else "") for row in figures]
    frame = pd.DataFrame(rows, columns=["area", "year", "measure", "value", "source", "status"])
    frame["value"] = frame["value"].astype(float)
    frame["note"] = ""
    frame["published"] = frame["source"].map(sources)
    source_frame = pd.DataFrame(
        [(key, "Test publisher", "Test title", f"https://example.org/{key}", date) for key, date in sources.items()],
        columns=["source", "publisher", "title", "url", "published"],
    )
    population = pd.DataFrame(
        [("North Force", 2019, 100_000, "s1", "test"), ("Testland", 2019, 400_000, "s1", "test")],
        columns=["area", "mid_year", "children_0_17", "source", "method"],
    )
    return DataSet(
        name="Test data",
        areas=areas,
        figures=frame,
        sources=source_frame,
        child_population=population,
        support_contacts=pd.DataFrame(
            columns=["service", "for_whom", "phone", "online", "hours", "nations", "website", "source_url"]
        ),
        aliases=pd.DataFrame([("NF", "North Force")], columns=["alias", "area"]),
        practice_notes=pd.DataFrame(
            [
                (
                    "2016/17",
                    "Testland",
                    "Recording practice",
                    "all measures",
                    "A made-up change in recording",
                    "https://example.org/note",
                    "2017-01",
                )
            ],
            columns=["year", "applies_to", "kind", "affects", "note", "source_url", "published"],
        ),
    )
