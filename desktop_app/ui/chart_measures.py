"""What the trend chart can plot, apart from the chart itself: the window and saved views check a remembered
measure against this list without loading the charting library."""

from desktop_app.formatting import format_count, format_percent, format_rate
from desktop_app.model.measures import HOME_OFFICE_CHILD_OFFENCES, OFFENCES, ONLINE_FLAGGED, SEXUAL_COMMUNICATION
from desktop_app.model.statistics import HOME_OFFICE_RATE, ONLINE_SHARE, RATE

# Both count series at once: two lines per area, never joined, each named in the legend.
BOTH_SERIES = "both_series"
BOTH_SERIES_LINES = {HOME_OFFICE_CHILD_OFFENCES: "Home Office", OFFENCES: "NSPCC"}
PLOTTED_MEASURES = {
    BOTH_SERIES: ("Offences recorded: Home Office (solid) and NSPCC (dashed)", format_count),
    HOME_OFFICE_CHILD_OFFENCES: ("Offences that name a child victim (Home Office)", format_count),
    HOME_OFFICE_RATE: ("Offences that name a child victim, per 1,000 children (Home Office)", format_rate),
    OFFENCES: ("All sexual offences against under-18s (NSPCC)", format_count),
    RATE: ("All sexual offences against under-18s, per 1,000 children (NSPCC)", format_rate),
    ONLINE_FLAGGED: ("Offences flagged as online (NSPCC)", format_count),
    ONLINE_SHARE: ("Share of offences flagged as online (NSPCC)", format_percent),
    SEXUAL_COMMUNICATION: ("Sexual communication with a child (NSPCC)", format_count),
}
