"""The error for a region or year the data does not know, kept apart from the data set (and pandas) so the
command line can catch it without loading them before the window paints."""


class UnknownNameError(LookupError):
    """A region or year the data set does not know, with the closest one it does."""

    def __init__(self, kind: str, given: str, suggestion: str | None):
        self.kind, self.given, self.suggestion = kind, given, suggestion
        hint = f" Did you mean '{suggestion}'?" if suggestion else ""
        super().__init__(f"No {kind} called '{given}' in the loaded data.{hint}")
