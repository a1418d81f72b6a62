"""Edit a context's CSV files in place the way a user does in Excel: the file
keeps its BOM and CRLF, only the named cells or rows change."""

import csv
import io
from pathlib import Path


def _read(path: Path):
    raw = Path(path).read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in text else "\n"
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return reader.fieldnames, list(reader), bom, newline


def _write(path: Path, header, rows, bom, newline):
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, header, lineterminator=newline)
    writer.writeheader()
    writer.writerows(rows)
    Path(path).write_bytes(out.getvalue().encode("utf-8-sig" if bom else "utf-8"))


def set_cells(path, match: dict, **values) -> int:
    """Set ``values`` in every row whose cells equal ``match``; returns how many."""
    header, rows, bom, newline = _read(path)
    count = 0
    for row in rows:
        if all(row[k] == v for k, v in match.items()):
            row.update(values)
            count += 1
    assert count, f"no row of {path} matches {match}"
    _write(path, header, rows, bom, newline)
    return count


def add_row(path, **values) -> None:
    header, rows, bom, newline = _read(path)
    rows.append({column: values.get(column, "") for column in header})
    _write(path, header, rows, bom, newline)


def delete_rows(path, match: dict) -> int:
    header, rows, bom, newline = _read(path)
    kept = [r for r in rows if not all(r[k] == v for k, v in match.items())]
    assert len(kept) < len(rows), f"no row of {path} matches {match}"
    _write(path, header, kept, bom, newline)
    return len(rows) - len(kept)
