from pathlib import Path

# A cell quoted in a message is cut to this: a 50 MB cell must not become a 50 MB message box.
QUOTED_CHARACTERS = 60


def quoted(text: str) -> str:
    """A value from a file, in quotes, cut short with an ellipsis if long, for messages."""
    text = str(text)
    return f"'{text[:QUOTED_CHARACTERS]}…'" if len(text) > QUOTED_CHARACTERS else f"'{text}'"


class DataFileError(ValueError):
    """A problem a user can fix in a data file, located by file, row and column.

    ``row`` is the line number a spreadsheet or text editor shows (the header is
    line 1), so users can go straight to it.
    """

    def __init__(self, path: Path | str, message: str, row: int | None = None, column: str | None = None):
        self.path = Path(path)
        self.row = row
        self.column = column
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [self.path.name]
        if self.row is not None:
            where.append(f"line {self.row}")
        if self.column is not None:
            where.append(f"column {quoted(self.column)}")
        return f"{', '.join(where)}: {self.message}"


def nothing_under_header(path: Path | str) -> DataFileError:
    """Named by the header's line, not the missing line 2: "line 2" sent users looking for a line that is not there."""
    return DataFileError(path, "the file holds its header row (line 1) and no rows under it")
