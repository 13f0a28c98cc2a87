"""Reading a sheet from whatever the owner has: xlsx/xlsm/xls/ods through python-calamine, csv/tsv/txt
through pandas after sniffing the encoding, the delimiter and the header row.

A `RawSheet` is the table as written: a header, and the cells below it as the file holds them (text for a
CSV; numbers, text and dates for a workbook), with the row number the owner sees in their program.
"""
from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import re
import shutil
from dataclasses import dataclass, field
from html import escape as html_escape
from html import unescape as html_unescape
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd

from core.errors import FileProblem
from core.i18n import _
from core.importing.fields import FIELDS, normalise_name

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
TEXT_SUFFIXES = {".csv", ".tsv", ".txt", ".tab"}
HEADER_SCAN_ROWS = 30
_ALL_ALIASES = {alias for fields in FIELDS.values() for f in fields for alias in f.aliases}


@dataclass
class RawSheet:
    path: Path
    sheet: str | None              # None for a text file
    header_row: int                # 1-based row number of the header in the file
    columns: list[str]
    frame: pd.DataFrame            # one column per header cell, object dtype, '' for an empty cell
    row_numbers: np.ndarray        # the file's 1-based row number of each frame row
    encoding: str | None = None
    delimiter: str | None = None
    notes: list[str] = field(default_factory=list)
    title: str = ""                # the text of the rows above the header (a report's title and date range)

    @property
    def where(self) -> str:
        return _("{file}, sheet '{sheet}'").format(file=self.path.name, sheet=self.sheet) if self.sheet else \
            self.path.name


def file_format(path: Path) -> str:
    """'workbook' or 'text', by the file's first bytes (an extension can lie)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8192)
    except FileNotFoundError:
        raise FileProblem(_("There is no file at {path}.").format(path=path)) from None
    except OSError as err:
        raise FileProblem(_("Cannot read {file}: {reason}.").format(file=path.name, reason=err.strerror),
                          hint=_("If it is open in another program, close it there and try again.")) from None
    if not head:
        raise FileProblem(_("{file} is empty.").format(file=path.name), hint=_("Pick the file that holds your data."))
    if head.startswith(b"PK\x03\x04"):
        return "archive" if _plain_zip(path) else "workbook"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "workbook"
    markup = _markup_kind(head)
    if markup:
        return markup
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        raise FileProblem(
            _("{file} is not a readable {suffix} workbook (the file is damaged or is something else).").format(
                file=path.name, suffix=path.suffix),
            hint=_("Open it in your spreadsheet program and save it again as .xlsx or .csv."))
    if _binary(head):
        raise FileProblem(_("{file} is not a spreadsheet or a text table.").format(file=path.name),
                          hint=_("ShelfWise reads .xlsx, .xlsm, .xls, .ods, .csv, .tsv and .txt files."))
    return "text"


def _markup_kind(head: bytes) -> str | None:
    """'html' for a web page holding a table (what many web systems and tills save as .xls), 'spreadsheetml' for
    Excel 2003's XML workbook; None otherwise."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"\xff\xfe") or text.startswith(b"\xfe\xff"):
        try:
            text = head.decode("utf-16").lstrip("\ufeff \t\r\n").lower().encode("utf-8", "replace")
        except UnicodeDecodeError:
            return None
    if text.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in text:
        return "spreadsheetml"
    if text.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<head", b"<body", b"<style")) or (
            text.startswith(b"<") and b"<table" in text):
        return "html"
    return None


_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13))


def _binary(head: bytes) -> bool:
    """Not text (a picture, a PDF, a program): UTF-16 aside, more than a few control characters once any stray NUL
    bytes are set aside (a text export damaged by NULs is still read)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(head):
        return False
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"%PDF-", b"GIF8", b"\x7fELF")):
        return True
    sample = head.replace(b"\x00", b"")
    controls = sum(sample.count(bytes([c])) for c in _CONTROL)
    return controls > max(len(sample) // 100, 2)


def _plain_zip(path: Path) -> bool:
    """A zip archive that is not itself a workbook (an xlsx and an ods are zips too)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False
    return not any(n in ("[Content_Types].xml", "mimetype") for n in names)


def _utf16_without_bom(head: bytes) -> bool:
    """Text in UTF-16 with no byte-order mark (some tills write it): every other byte 0 in an ASCII-heavy head."""
    sample = head[:2000]
    if len(sample) < 8:
        return False
    even, odd = sample[0::2], sample[1::2]
    return even.count(0) > 0.4 * len(even) or odd.count(0) > 0.4 * len(odd)


def list_sheets(path: str | Path) -> list[str]:
    """The sheet names of a workbook, in order; a text file (or a web page) has one sheet, named after the file."""
    path = Path(path)
    kind = file_format(path)
    if kind in ("text", "html"):
        return [path.stem]
    if kind == "spreadsheetml":
        return [name for name, _rows in _spreadsheetml_sheets(path)]
    if kind == "archive":
        with _archive_member(path) as member:
            return list_sheets(member)
    return [s for s in _open_workbook(path).sheet_names]


def suggested_sheet(path: str | Path, kind: str | None = None) -> str | None:
    """The sheet a workbook would be read from when none is chosen (the one most like a `kind` sheet); None for
    a file of one sheet."""
    path = Path(path)
    if file_format(path) != "workbook":
        return None
    workbook = _open_workbook(path)
    names = list(workbook.sheet_names)
    return _choose_sheet(workbook, names, kind)[0] if len(names) > 1 else None


def read_sheet(path: str | Path, sheet: str | None = None, *, kind: str | None = None) -> RawSheet:
    """The sheet asked for, or (`sheet` None) the one that looks most like a `kind` sheet (sales, stock...)."""
    raw = _read_sheet(path, sheet, kind=kind)
    if kind == "stock":
        from core.importing.file_period import count_date_from_name
        from core.importing.locations import sum_locations

        raw = count_date_from_name(sum_locations(raw), kind)
    elif kind == "sales":
        from core.importing.file_period import date_from_name

        raw = date_from_name(raw, kind)
    return raw


def _read_sheet(path: str | Path, sheet: str | None = None, *, kind: str | None = None) -> RawSheet:
    from core.importing.grouped import ungroup

    path = Path(path)
    file_kind = file_format(path)
    if file_kind == "text":
        return ungroup(_read_text(path))
    if file_kind == "html":
        return ungroup(_read_html(path))
    if file_kind == "spreadsheetml":
        return ungroup(_read_spreadsheetml(path, sheet))
    if file_kind == "archive":
        with _archive_member(path) as member:
            raw = _read_sheet(member, sheet, kind=kind)
        raw.path = path
        raw.notes.insert(0, _("{file} is a zip archive: its {member} was read.").format(file=path.name,
                                                                                         member=member.name))
        return raw
    return ungroup(_read_workbook(path, sheet, kind))


# ---------------------------------------------------------------- what a file really is


@contextlib.contextmanager
def _archive_member(path: Path):
    """The one sheet a zip archive holds, unpacked into a temporary folder for the time it is read."""
    import tempfile
    import zipfile

    with zipfile.ZipFile(path) as archive:
        if path.suffix.lower() == ".numbers" or any(n.startswith("Index/") and n.endswith(".iwa")
                                                    for n in archive.namelist()):
            raise FileProblem(_("{file} is an Apple Numbers document, which ShelfWise cannot read.").format(
                file=path.name), hint=_("In Numbers, choose File ▸ Export To ▸ Excel… (or CSV…) and import that."))
        members = [m for m in archive.infolist() if not m.is_dir() and not m.filename.startswith("__MACOSX")
                   and Path(m.filename).suffix.lower() in WORKBOOK_SUFFIXES | TEXT_SUFFIXES]
        if len(members) != 1:
            names = ", ".join(Path(m.filename).name for m in members) or _("no spreadsheet or text table")
            raise FileProblem(_("{file} is a zip archive holding {names}: ShelfWise reads an archive that holds "
                                "exactly one sheet.").format(file=path.name, names=names),
                              hint=_("Unpack it and import the file you want."))
        with tempfile.TemporaryDirectory(prefix="shelfwise-zip-") as folder:
            target = Path(folder) / Path(members[0].filename).name
            with archive.open(members[0]) as source, open(target, "wb") as out:
                shutil.copyfileobj(source, out)
            yield target


class _TableParser(HTMLParser):
    """The tables of a web page as rows of cell texts (what pandas' read_html does, without lxml)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._depth = 0
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._span = 1

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._depth += 1
            self.tables.append([])
        elif tag == "tr" and self._depth:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
            span = str(dict(attrs).get("colspan") or "1")
            self._span = max(int(span), 1) if span.isdigit() else 1
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._row.extend([""] * (self._span - 1))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self.tables:
                self.tables[-1].append(self._row)
            self._row = None
        elif tag == "table" and self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _read_html(path: Path) -> RawSheet:
    raw = path.read_bytes()
    encoding = sniff_encoding(raw)
    match = re.search(rb"charset=[\"']?([A-Za-z0-9_\-]+)", raw[:4096])
    if match:
        encoding = match.group(1).decode("ascii", "replace")
    try:
        text = raw.decode(encoding, errors="replace")
    except LookupError:
        text = raw.decode("utf-8", errors="replace")
    parser = _TableParser()
    parser.feed(text)
    tables = [t for t in parser.tables if t]
    if not tables:
        raise FileProblem(_("{file} is a web page with no table in it.").format(file=path.name),
                          hint=_("Export the data again as .csv or .xlsx."))
    rows = max(tables, key=len)
    sheet = _rows_to_sheet(path, None, rows)
    sheet.notes.append(_("{file} is a web page holding a table (as many web systems save an .xls): its largest "
                         "table was read.").format(file=path.name) if len(tables) > 1 else
                       _("{file} is a web page holding a table (as many web systems save an .xls): the table was "
                         "read.").format(file=path.name))
    return sheet


_SSML = "{urn:schemas-microsoft-com:office:spreadsheet}"


def _spreadsheetml_sheets(path: Path) -> list[tuple[str, list[list]]]:
    import xml.etree.ElementTree as ET

    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        raise FileProblem(_("{file} is an Excel 2003 XML workbook that cannot be read: {reason}.").format(
            file=path.name, reason=err), hint=_("Open it in your spreadsheet program and save it again.")) from None
    sheets = []
    for sheet in root.iter(f"{_SSML}Worksheet"):
        rows: list[list] = []
        for row in sheet.iter(f"{_SSML}Row"):
            index = int(row.get(f"{_SSML}Index") or len(rows) + 1)
            while len(rows) < index - 1:
                rows.append([])
            cells: list = []
            for cell in row.iter(f"{_SSML}Cell"):
                at = int(cell.get(f"{_SSML}Index") or len(cells) + 1)
                while len(cells) < at - 1:
                    cells.append("")
                data = cell.find(f"{_SSML}Data")
                value: object = "" if data is None else "".join(data.itertext())
                kind = data.get(f"{_SSML}Type") if data is not None else None
                if kind == "Number" and value != "":
                    try:
                        value = float(value)
                    except ValueError:
                        pass
                elif kind == "DateTime" and value:
                    value = str(value)[:19]
                cells.append(value)
            rows.append(cells)
        sheets.append((sheet.get(f"{_SSML}Name") or f"Sheet{len(sheets) + 1}", rows))
    return sheets


def _read_spreadsheetml(path: Path, sheet: str | None) -> RawSheet:
    sheets = [(name, rows) for name, rows in _spreadsheetml_sheets(path)]
    if not sheets:
        raise FileProblem(_("{file} has no sheets.").format(file=path.name))
    names = [name for name, _rows in sheets]
    if sheet is not None and sheet not in names:
        raise FileProblem(_("{file} has no sheet named '{sheet}'.").format(file=path.name, sheet=sheet),
                          hint=_("Its sheets are: {sheets}.").format(sheets=", ".join(names)))
    name, rows = next(((n, r) for n, r in sheets if n == sheet), None) if sheet is not None else \
        next(((n, r) for n, r in sheets if len(r) > 1), sheets[0])
    raw = _rows_to_sheet(path, name, rows)
    raw.notes.append(_("{file} is an Excel 2003 XML workbook: sheet '{sheet}' was read.").format(file=path.name,
                                                                                                  sheet=name))
    return raw


# ---------------------------------------------------------------- workbooks


def _open_workbook(path: Path):
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as err:  # calamine raises its own error types, and plain ones for broken zips
        name = type(err).__name__
        if "Password" in name or "encrypt" in str(err).lower():
            raise FileProblem(_("{file} is protected with a password.").format(file=path.name),
                              hint=_("Save a copy without the password and import that.")) from None
        raise FileProblem(_("{file} cannot be opened as a workbook: it is damaged or not a spreadsheet "
                            "({reason}).").format(file=path.name, reason=err),
                          hint=_("Open it in your spreadsheet program and save it again.")) from None


def _read_workbook(path: Path, sheet: str | None, kind: str | None = None) -> RawSheet:
    workbook = _open_workbook(path)
    names = list(workbook.sheet_names)
    if not names:
        raise FileProblem(_("{file} has no sheets.").format(file=path.name))
    if sheet is not None and sheet not in names:
        raise FileProblem(_("{file} has no sheet named '{sheet}'.").format(file=path.name, sheet=sheet),
                          hint=_("Its sheets are: {sheets}.").format(sheets=", ".join(names)))
    notes: list[str] = []
    try:
        if sheet is None:
            sheet, loaded, notes = _choose_sheet(workbook, names, kind)
        else:
            loaded = workbook.get_sheet_by_name(sheet)
        rows = loaded.to_python(skip_empty_area=False)
        merged = _fill_merged(rows, loaded)
    except FileProblem:
        raise
    except Exception as err:
        raise FileProblem(_("Sheet '{sheet}' of {file} cannot be read: {reason}.").format(
            sheet=sheet, file=path.name, reason=err)) from None
    marked = _mark_error_cells(path, sheet, rows)
    raw = _rows_to_sheet(path, sheet, rows)
    raw.notes.extend(notes)
    if marked:
        raw.notes.append(_("The sheet has {n} Excel error cells (such as #N/A or #REF!) or formulas saved without "
                           "their values; the report names each where it mattered.").format(n=f"{marked:,}"))
    if merged:
        raw.notes.append(_("Merged cells ({n}) were filled from the first cell of their block, as the workbook "
                           "shows them (a date or a heading written once for a block of cells).").format(n=f"{merged:,}"))
    return raw


def _looks_like_periods(header: list[str]) -> bool:
    from core.importing.mapping import detect_periods, relative_periods   # (mapping reads sheets: imported here)

    return len(detect_periods(header)[0]) >= 3 or bool(relative_periods(header))


_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"([^>]*?)(?:/>|>(.*?)</c>)', re.S)


def _mark_error_cells(path: Path, sheet: str | None, rows: list[list]) -> int:
    """Where an xlsx holds an Excel error (#N/A, #REF!, #DIV/0!...) or a formula saved without its value, python-
    calamine gives an empty cell; the cell is marked here with what it holds ('#N/A', '=SUM(B2:B9) (no value
    saved)') so that the report names it instead of calling it blank. Other formats are left as they are."""
    import zipfile

    if path.suffix.lower() not in (".xlsx", ".xlsm") or sheet is None:
        return 0
    try:
        with zipfile.ZipFile(path) as book:
            workbook = book.read("xl/workbook.xml").decode("utf-8", "replace")
            relations = book.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
            found = re.search(r'<sheet [^>]*name="' + re.escape(html_escape(sheet, quote=False)) + r'"[^>]*r:id="([^"]+)"',
                              workbook)
            target = found and re.search(r'<Relationship [^>]*?(?:Target="([^"]+)"[^>]*Id="' + found.group(1)
                                         + r'"|Id="' + found.group(1) + r'"[^>]*Target="([^"]+)")', relations)
            if not target:
                return 0
            name = (target.group(1) or target.group(2)).lstrip("/")
            name = name if name.startswith("xl/") else "xl/" + name
            xml = book.read(name)
    except (KeyError, OSError, zipfile.BadZipFile):
        return 0
    if b't="e"' not in xml and b"<f" not in xml:
        return 0                          # no error and no formula anywhere: nothing to look for
    marked = 0
    for match in _CELL.finditer(xml):
        attributes, body = match.group(3), match.group(4) or b""
        error = b't="e"' in attributes
        formula = re.search(rb"<f[^>]*>(.*?)</f>", body, re.S)
        value = re.search(rb"<v>(.*?)</v>", body, re.S)
        if not error and not (formula and not value):
            continue
        row = int(match.group(2)) - 1
        column = _column_index(match.group(1).decode())
        if row >= len(rows) or column >= len(rows[row]) or _filled(rows[row][column]):
            continue
        if error:
            rows[row][column] = (value.group(1).decode("utf-8", "replace") if value else "#ERROR")
        else:
            rows[row][column] = _("={formula} (no value saved)").format(
                formula=html_unescape(formula.group(1).decode("utf-8", "replace")))
        marked += 1
    return marked


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _fill_merged(rows: list[list], sheet) -> int:
    """Every cell of a merged block given the block's value (the workbook stores it in the first cell only)."""
    filled = 0
    try:
        ranges = sheet.merged_cell_ranges or []
    except Exception:  # noqa: BLE001 - a format without merged cells (ods, xls) answers with an error
        return 0
    top, left = sheet.start if getattr(sheet, "start", None) else (0, 0)
    for (r1, c1), (r2, c2) in ranges:
        r1, r2, c1, c2 = r1 - top, r2 - top, c1 - left, c2 - left
        if not (0 <= r1 < len(rows)) or c1 < 0:
            continue
        value = rows[r1][c1] if c1 < len(rows[r1]) else ""
        if not _filled(value):
            continue
        for r in range(r1, min(r2, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c1, c2 + 1):
                if c < len(row) and not _filled(row[c]):
                    row[c] = value
                    filled += 1
    return filled


def _title(rows: list[list]) -> str:
    """The filled cells of the rows above a header, as one line of text."""
    return " ".join(str(c).strip() for r in rows[:HEADER_SCAN_ROWS] for c in r if _filled(c))[:500]


def _rows_to_sheet(path: Path, sheet: str | None, rows: list[list]) -> RawSheet:
    """A sheet's rows as cells (a workbook's, a web page's table): the header found, the cells below it."""
    if not any(any(_filled(c) for c in r) for r in rows):
        raise FileProblem((_("{file}, sheet '{sheet}' is empty.") if sheet else _("{file} is empty.")).format(
            file=path.name, sheet=sheet), hint=_("Pick the sheet that holds your data."))
    header_index = find_header_row(rows[:HEADER_SCAN_ROWS + 20])
    width = max(len(r) for r in rows)
    rows = [list(r) for r in rows]
    block = _header_block(rows, header_index)
    above = _periods_above(rows, header_index, width)
    if above:       # months over 'Qty | Amount' pairs (an accounts package's sales by product and month)
        header_index -= 1
        rows[header_index] = above
        block += 1
    header = _column_names(_merged_header(rows, header_index, block, width), width)
    first_header = header_index
    header_index += block                 # the rows under the header that qualify it (units, weeks) are not data
    body = rows[header_index + 1:]
    if any(len(r) != width for r in body):
        body = [list(r) + [""] * (width - len(r)) for r in body]
    columns = list(zip(*body)) if body else [()] * width
    frame = pd.DataFrame({name: _object_array(values) for name, values in zip(header, columns)})
    row_numbers = np.arange(header_index + 2, header_index + 2 + len(frame))
    frame, row_numbers = _drop_empty(frame, row_numbers)
    return RawSheet(path, sheet, first_header + 1, header, frame, row_numbers, title=_title(rows[:first_header]))


def _choose_sheet(workbook, names: list[str], kind: str | None):
    """The sheet that looks most like the asked-for kind: its header (found in its first rows) names the most of
    that kind's columns, then it has the most rows; a hidden sheet only where no sheet is visible. With the reason,
    and the other sheets, for the report."""
    hidden = set()
    try:
        hidden = {m.name for m in workbook.sheets_metadata if not str(m.visible).endswith(".Visible")}
    except Exception:  # noqa: BLE001 - a format without sheet states
        pass
    candidates = [n for n in names if n not in hidden] or names
    wanted = {alias for f in FIELDS.get(kind or "", []) for alias in f.aliases} if kind else _ALL_ALIASES
    best = None
    for order, name in enumerate(candidates):
        sheet = workbook.get_sheet_by_name(name)
        if sheet.height <= 1:
            continue
        head = []
        for row in sheet.iter_rows():
            head.append(list(row))
            if len(head) >= HEADER_SCAN_ROWS + 20:
                break
        header = head[find_header_row(head)] if head else []
        known = sum(normalise_name(c) in wanted for c in header if isinstance(c, str))
        if kind in ("sales", "stock", None):      # a grid of periods is what a sales sheet looks like too
            known += 3 * _looks_like_periods([str(c) for c in header])
        score = (known, min(sheet.height, 100_000), -order)
        if best is None or score > best[0]:
            best = (score, name, sheet)
    if best is None:
        name = candidates[0]
        return name, workbook.get_sheet_by_name(name), []
    _score, name, sheet = best
    notes = []
    others = [n + (_(" (hidden)") if n in hidden else "") for n in names if n != name]
    if others and (name != names[0] or hidden):
        notes.append(_("Sheet '{sheet}' was read: of the workbook's sheets its columns look most like what this "
                       "import needs (its other sheets: {others}; choose another in the import wizard, or with "
                       "--sheet).").format(sheet=name, others=", ".join(others)))
    return name, sheet, notes


# ---------------------------------------------------------------- text files


def _read_text(path: Path) -> RawSheet:
    raw = path.read_bytes()
    notes: list[str] = []
    if b"\x00" in raw[:65536] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        if _utf16_without_bom(raw[:2000]):
            little = raw[1:2000:2].count(0) > raw[0:2000:2].count(0)
            raw = raw.decode("utf-16-le" if little else "utf-16-be", errors="replace").encode("utf-8")
            notes.append(_("{file} is UTF-16 text without a byte-order mark: read as such.").format(file=path.name))
        else:
            count = raw.count(b"\x00")
            raw = raw.replace(b"\x00", b"")
            notes.append(_("{file} held NUL characters ({n}; a damaged or badly converted export): they were left "
                           "out.").format(file=path.name, n=f"{count:,}"))
    encoding = sniff_encoding(raw)
    try:
        text_head = raw[:65536].decode(encoding, errors="replace")
    except LookupError:
        encoding, text_head = "cp1252", raw[:65536].decode("cp1252", errors="replace")
    lines = text_head.splitlines()[:HEADER_SCAN_ROWS + 30]
    if not any(line.strip() for line in lines):
        raise FileProblem(_("{file} is empty.").format(file=path.name), hint=_("Pick the file that holds your data."))
    delimiter = sniff_delimiter(lines, path.suffix.lower())
    head_rows = list(csv.reader(lines[:-1] if len(lines) > 1 else lines, delimiter=delimiter))
    header_index = find_header_row(head_rows)
    header_line = head_rows[header_index] if head_rows else []
    above = _periods_above(head_rows, header_index, len(header_line)) if head_rows else None
    if above:       # months over 'Qty | Amount', or years over Jan .. Dec: one name per column
        header_line = [" ".join(part for part in (str(a).strip(), str(h).strip()) if part)
                       for a, h in zip(above, header_line)]
    for _attempt in range(20):
        try:
            frame = _joined(list(pd.read_csv(
                io.BytesIO(raw), sep=delimiter, encoding=encoding, header=None, skiprows=header_index + 1, dtype=str,
                keep_default_na=False, na_filter=False, skip_blank_lines=False, encoding_errors="replace",
                names=list(range(max(len(header_line), 1))), index_col=False, engine="c", quoting=csv.QUOTE_MINIMAL,
                chunksize=READ_CHUNK_ROWS)))
            break
        except pd.errors.ParserError as err:
            mended = _without_stray_quote(raw, encoding, header_index, last="EOF inside string" in str(err))
            if mended is None:
                raise FileProblem(_("{file} cannot be read as a table: {reason}").format(
                    file=path.name, reason=_explain_parser_error(err, header_index)),
                    hint=_("Check that row in your spreadsheet program, or save the sheet again as CSV.")) from None
            raw, row = mended
            notes.append(_("Row {row} has a quote that is never closed: it was read without its quotes, and the "
                           "rows after it as they are.").format(row=row))
        except pd.errors.EmptyDataError:
            frame = pd.DataFrame(columns=list(range(max(len(header_line), 1))), dtype=object)
            break
    header = _column_names(header_line, frame.shape[1])
    frame.columns = header
    row_numbers = np.arange(header_index + 2, header_index + 2 + len(frame))
    frame, row_numbers = _drop_empty(frame, row_numbers)
    return RawSheet(path, None, header_index + 1, header, frame, row_numbers, encoding=encoding, delimiter=delimiter,
                    notes=notes, title=_title(head_rows[:header_index]))


READ_CHUNK_ROWS = 100_000


def _joined(chunks: list[pd.DataFrame]) -> pd.DataFrame:
    """The chunks of one read_csv as one frame, each column its own block. Read at once, pandas stacks a file's text
    columns into one 2-D block in a single call that holds the GIL (120 ms on the 541,909-line UCI file: the window
    paused); column by column, each step is a few milliseconds."""
    if len(chunks) == 1:
        return chunks[0]
    frame = pd.DataFrame(index=pd.RangeIndex(sum(len(chunk) for chunk in chunks)))
    for name in chunks[0].columns:
        frame[name] = np.concatenate([chunk[name].to_numpy() for chunk in chunks])
    return frame


def _without_stray_quote(raw: bytes, encoding: str, header_index: int, *, last: bool) -> tuple[bytes, int] | None:
    """The text with the quotes of a row whose quote is never closed taken out, and that row's number; None where
    no row has an odd number of quotes. A quote still open at the end of the file (`last`) was opened on the last
    such row (a later one would have closed it); one that swallowed a line break and made a row too long, on the
    first."""
    text = raw.decode(encoding, errors="replace")
    lines = text.splitlines(keepends=True)
    odd = [i for i, line in enumerate(lines) if i > header_index and line.count('"') % 2 == 1]
    if not odd:
        return None
    culprit = odd[-1] if last else odd[0]
    lines[culprit] = lines[culprit].replace('"', "")
    return "".join(lines).encode(encoding, errors="replace"), culprit + 1


def _explain_parser_error(err: Exception, header_index: int) -> str:
    import re

    text = str(err)
    match = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", text)
    if match:
        expected, line, saw = match.groups()
        return _("row {row} has {saw} columns where the header has {expected}.").format(
            row=int(line), saw=saw, expected=expected)
    return text.strip().splitlines()[-1] if text.strip() else _("the text is not laid out in columns.")


def sniff_encoding(raw: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else the legacy code page that fits the file's own
    non-ASCII text, looked at wherever it is in the file (an accent on line 9,000 counts too).

    Single-byte pages (cp1252 and its neighbours) write a '£' or an 'é' as one high byte between ASCII ones;
    Chinese and Japanese pages write two or more high bytes in a row. That tells the families apart far more
    reliably than statistics on a few bytes; within a family, the candidate that decodes cleanly and reads as
    text in that script wins.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    lines = [line for line in raw.splitlines() if _HIGH.search(line)][:4000]
    sample = b"\n".join(lines)
    runs = [len(m.group()) for m in _HIGH_RUN.finditer(sample)]
    if sum(r == 1 for r in runs) >= 0.5 * len(runs):
        return "cp1252"  # lone high bytes among ASCII: '£', 'é' in Western text, by far the most common case
    best, best_share = None, 0.0
    for candidate in ("gb18030", "big5", "shift_jis", "euc_kr"):
        try:
            text = sample.decode(candidate)
        except UnicodeDecodeError:
            continue
        wide = [ch for ch in text if ord(ch) > 127]
        share = sum(_is_cjk(ch) for ch in wide) / max(len(wide), 1)
        if share > best_share:
            best, best_share = candidate, share
    if best and best_share >= 0.8:
        return best
    from charset_normalizer import from_bytes

    guess = from_bytes(sample, cp_isolation=["cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257"]).best()
    return guess.encoding if guess is not None else "cp1252"


_HIGH = re.compile(rb"[\x80-\xff]")
_HIGH_RUN = re.compile(rb"[\x80-\xff]+")


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x3040 <= code <= 0x30FF
            or 0xAC00 <= code <= 0xD7AF or 0xFF00 <= code <= 0xFFEF or 0x3000 <= code <= 0x303F)


def sniff_delimiter(lines: list[str], suffix: str) -> str:
    sample = [line for line in lines if line.strip()][:40]
    if suffix in (".tsv", ".tab"):
        return "\t"
    best, best_score = ",", -1.0
    for candidate in (",", ";", "\t", "|"):
        counts = [len(next(csv.reader([line], delimiter=candidate))) for line in sample]
        if not counts or max(counts) < 2:
            continue
        common = max(set(counts), key=counts.count)
        score = counts.count(common) / len(counts) * min(common, 50) ** 0.5
        if score > best_score:
            best, best_score = candidate, score
    return best


# ---------------------------------------------------------------- the header row


def _filled(cell: object) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip()) and not (
        isinstance(cell, float) and np.isnan(cell))


def _is_number_text(cell: object) -> bool:
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return True
    try:
        float(str(cell).replace(",", ".").strip())
        return True
    except ValueError:
        return False


def find_header_row(rows: list[list]) -> int:
    """The index of the header: the first well-filled row of names, skipping title rows above a table.

    A row scores by how many of its cells are column names we know, then by how many are text (not numbers);
    it must be about as wide as the rows under it.
    """
    rows = rows[:HEADER_SCAN_ROWS + 20]
    widths = [sum(_filled(c) for c in r) for r in rows]
    if not any(widths):
        return 0
    data_width = np.percentile([w for w in widths if w], 75)
    best, best_score = 0, -1.0
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        filled = [c for c in row if _filled(c)]
        if len(filled) < max(1, 0.6 * data_width):
            continue
        known = sum(normalise_name(c) in _ALL_ALIASES for c in filled if isinstance(c, str))
        texty = sum((isinstance(c, (str, dt.date)) and not _is_number_text(c)) for c in filled)
        score = known * 10 + texty / len(filled) * 5 + len(filled) * 0.01
        if texty / len(filled) < 0.5 and not known:
            continue
        if score > best_score + 1e-9:
            best, best_score = index, score
    return best


_QUALIFIER = re.compile(r"^\(.*\)$|^per\b|^(?:week|wk)\s*\d{1,2}$|^w\d{1,2}$|^(?:19|20)\d{2}$|^"
                        r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*$|^q[1-4]$", re.IGNORECASE)


def _qualifier(cell: object) -> bool:
    """A cell that qualifies the header above it rather than holding data: a unit '(Euro)', 'per unit', a week
    'week 5', a month name, a year."""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return bool(_QUALIFIER.match(str(cell).strip()))


def _header_block(rows: list[list], header_index: int) -> int:
    """How many rows under the header belong to it (a header of several rows, as businesses write them: the names,
    then units such as '(Euro)' or '(weeks)', then 'week 1' .. 'week 52' under a row of years): rows whose every
    filled cell is such a qualifier. 0 for a plain header."""
    count = 0
    for row in rows[header_index + 1:header_index + 5]:
        filled = [c for c in row if _filled(c)]
        if not filled or not all(_qualifier(c) for c in filled):
            break
        count += 1
    return count


def _periods_above(rows: list[list], header_index: int, width: int) -> list | None:
    """The row just above the header where it names periods over the header's measures ('Jan 2024' over 'Qty' and
    'Amount', the month written once, or merged, over its pair): that row with each period carried right across the
    empty cells after it, so every column under it is named by its period. None where the row above is not that."""
    if header_index < 1:
        return None
    from core.importing.mapping import period_of_header   # (mapping reads sheets: imported here)

    from core.importing.mapping import named_period

    row = list(rows[header_index - 1]) + [""] * max(width - len(rows[header_index - 1]), 0)
    filled = [(k, c) for k, c in enumerate(row[:width]) if _filled(c)]
    header = rows[header_index]
    years = [k for k, c in filled if re.fullmatch(r"(?:19|20|21)\d{2}", _year_text(c))]
    named = [k for k in range(width) if k < len(header) and named_period(header[k]) is not None]
    if years and len(years) >= len(filled) - 2 and len(named) >= 3 and min(named) >= years[0] - 1:
        periods = years         # years over month names or week numbers ('2023' over Jan .. Dec, '2024' over ...)
    else:
        periods = [k for k, c in filled if period_of_header(c if isinstance(c, str) else str(c)) is not None
                   or isinstance(c, dt.date)]
        if len(periods) < 3 or len(periods) < len(filled) - 2:      # a 'Total' (or two) may stand beside them
            return None
        under = [k for k in range(periods[0], width) if k < len(header) and _filled(header[k])]
        starts = [k for k in periods if k == 0 or row[k] != row[k - 1]]   # a merged period fills each cell under it
        if len(under) < 2 * len(starts) - 1:    # each period has at least two measures under it, else it is a title
            return None
    carried, current = [], ""
    for k in range(width):
        cell = _year_text(row[k]) if periods is years and _filled(row[k]) else row[k]
        if isinstance(cell, dt.datetime) and cell.time() == dt.time(0):
            cell = cell.date()
        if _filled(cell):
            current = cell.isoformat() if isinstance(cell, dt.date) else str(cell).strip()
        if periods is years:    # a year names only the months (or weeks) under it, never 'SKU' or 'Total'
            carried.append(current if k in named else "")
        else:
            carried.append(current if k >= periods[0] else "")
    return carried


def _year_text(cell: object) -> str:
    """A year cell as text: 2024 (a number cell reads 2024.0) -> '2024'."""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return str(cell).strip()


def _merged_header(rows: list[list], header_index: int, block: int, width: int) -> list:
    """One name per column from a header of several rows: the cells of each column joined top to bottom."""
    if not block:
        return rows[header_index]
    merged = []
    for column in range(width):
        parts = []
        for row in rows[header_index:header_index + block + 1]:
            cell = row[column] if column < len(row) else ""
            if isinstance(cell, float) and cell.is_integer():
                cell = int(cell)
            if _filled(cell):
                parts.append(str(cell).strip())
        merged.append(" ".join(parts))
    return merged


def _column_names(header_cells: list, width: int) -> list[str]:
    """Header cells as unique text; an empty header cell becomes 'Column C' (its spreadsheet letter)."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for index in range(width):
        cell = header_cells[index] if index < len(header_cells) else ""
        if isinstance(cell, float) and cell.is_integer():
            cell = int(cell)
        if isinstance(cell, dt.datetime) and cell.time() == dt.time(0):
            cell = cell.date()
        name = str(cell).strip() if _filled(cell) else f"Column {column_letter(index)}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        names.append(name)
    return names


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _drop_empty(frame: pd.DataFrame, row_numbers: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """Drop fully empty rows (blank lines between blocks) and trailing fully empty columns."""
    if frame.empty:
        return frame, row_numbers
    blank = np.ones(len(frame), dtype=bool)
    for name in frame.columns:
        blank &= frame[name].to_numpy() == ""
        if not blank.any():
            break
    if blank.any():
        keep = ~blank
        frame = frame.loc[keep].reset_index(drop=True)
        row_numbers = row_numbers[keep]
    return frame, row_numbers


def _object_array(values) -> np.ndarray:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array
