from pathlib import Path


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
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"
