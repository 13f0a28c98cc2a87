"""Reading the owner's files (core/importing/readers.py, values.py): where the header is, how the text is
encoded and separated, how numbers, codes and dates are written, and what ends up in the shop."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pandas as pd
import pytest

from core.exporting import export_frame
from core.importing import guess_mapping, read_sheet, run_import

TODAY = dt.date(2025, 1, 1)


def _sales(shop) -> dict[tuple[str, str], float]:
    """The shop's sales as (product code, day) -> quantity, as the sales export writes them."""
    frame = export_frame(shop, "sales")
    return {(r.sku, r.date): r.qty for r in frame.itertuples()}


def _revenue(shop) -> dict[str, float]:
    return {r["sku"]: r["revenue"] for r in shop.query(
        "SELECT p.sku, sum(s.revenue) AS revenue FROM sales s JOIN products p ON p.id = s.product_id GROUP BY p.sku")}


def _write(path, text: str, encoding: str = "utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


# ------------------------------------------------------------------ where the header is


def test_header_is_found_below_three_title_rows_of_a_workbook(tmp_path, shop):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "March"
    ws.append(["Corner Shop - sales by day"])
    ws.append(["Printed 2024-04-01 by the till"])
    ws.append(["All branches"])
    ws.append(["SKU", "Date", "Qty"])
    ws.append(["A1", dt.datetime(2024, 3, 1), 2])
    ws.append(["A2", dt.datetime(2024, 3, 2), 3])
    wb.save(tmp_path / "titled.xlsx")

    sheet = read_sheet(tmp_path / "titled.xlsx")
    assert sheet.header_row == 4
    assert sheet.columns == ["SKU", "Date", "Qty"]
    assert list(sheet.row_numbers) == [5, 6]  # the rows the owner sees in Excel
    run_import(shop, tmp_path / "titled.xlsx", "sales", today=TODAY)
    assert _sales(shop) == {("A1", "2024-03-01"): 2, ("A2", "2024-03-02"): 3}


@pytest.mark.parametrize("title", ["Sales export for March\n", "Sales export, Corner Shop\n\n"],
                         ids=["title line", "title line and a blank line"])
def test_header_is_found_below_title_lines_of_a_csv(tmp_path, shop, title):
    path = _write(tmp_path / "titled.csv", title + "SKU,Date,Qty\nA1,2024-03-01,2\nA2,2024-03-02,3\n")
    sheet = read_sheet(path)
    lines_above = title.count("\n")
    assert sheet.header_row == lines_above + 1
    assert list(sheet.row_numbers) == [lines_above + 2, lines_above + 3]
    run_import(shop, path, "sales", today=TODAY)
    assert _sales(shop) == {("A1", "2024-03-01"): 2, ("A2", "2024-03-02"): 3}


# ------------------------------------------------------------------ delimiters and encodings


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"], ids=["comma", "semicolon", "tab", "pipe"])
def test_delimiter_is_sniffed_from_the_text(tmp_path, shop, delimiter):
    rows = [["SKU", "Description", "Date", "Qty"], ["A1", "Green tea", "2024-03-01", "2"],
            ["A2", "Black tea", "2024-03-02", "3"]]
    path = _write(tmp_path / "sales.csv", "".join(delimiter.join(r) + "\n" for r in rows))
    assert read_sheet(path).delimiter == delimiter
    run_import(shop, path, "sales", today=TODAY)
    assert _sales(shop) == {("A1", "2024-03-01"): 2, ("A2", "2024-03-02"): 3}
    assert {r["sku"]: r["name"] for r in shop.query("SELECT sku, name FROM products")} == {
        "A1": "Green tea", "A2": "Black tea"}


def test_utf8_byte_order_mark_does_not_end_up_in_the_first_column_name(tmp_path, shop):
    path = _write(tmp_path / "bom.csv", "SKU,Date,Qty\n00123,2024-03-01,2\n", "utf-8-sig")
    sheet = read_sheet(path)
    assert sheet.columns[0] == "SKU"
    assert guess_mapping(sheet, "sales").as_dict() == {"SKU": "sku", "Date": "date", "Qty": "qty"}
    run_import(shop, path, "sales", today=TODAY)
    assert _sales(shop) == {("00123", "2024-03-01"): 2}


def test_cp1252_file_keeps_pound_prices_and_accented_names(tmp_path, shop):
    text = ("SKU,Description,Date,Qty,Price\n"
            "00123,Crème brûlée,2024-03-01,2,£2.50\n"
            "85123A,Café au lait,2024-03-02,3,£1.20\n")
    path = _write(tmp_path / "till.csv", text, "cp1252")
    run_import(shop, path, "sales", today=TODAY)
    names = {r["sku"]: r["name"] for r in shop.query("SELECT sku, name FROM products")}
    assert names == {"00123": "Crème brûlée", "85123A": "Café au lait"}
    assert _revenue(shop) == pytest.approx({"00123": 5.0, "85123A": 3.6})


def test_cp1252_file_whose_only_special_character_is_the_pound_sign_keeps_its_prices(tmp_path, shop):
    text = "SKU,Date,Qty,Price\n" + "".join(f"A{i},2024-03-0{i},2,£{i}.50\n" for i in range(1, 6))
    path = _write(tmp_path / "till.csv", text, "cp1252")
    report = run_import(shop, path, "sales", today=TODAY)
    assert report.warnings == 0
    assert _revenue(shop) == pytest.approx({f"A{i}": 2 * (i + 0.5) for i in range(1, 6)})


def test_cp1252_file_whose_first_accent_comes_late_keeps_its_names_and_prices(tmp_path, shop):
    rows = "".join(f"A{i % 50},Tea number {i % 50},2024-01-{i % 28 + 1:02d},1,2.50\n" for i in range(8000))
    text = "SKU,Description,Date,Qty,Price\n" + rows + "B1,Crème brûlée,2024-01-05,1,£3.00\n"
    path = _write(tmp_path / "till.csv", text, "cp1252")
    report = run_import(shop, path, "sales", today=TODAY)
    assert shop.scalar("SELECT name FROM products WHERE sku = 'B1'") == "Crème brûlée"
    assert report.warnings == 0
    assert _revenue(shop)["B1"] == pytest.approx(3.0)


@pytest.mark.parametrize("codes", [("A1", "B2"), ("00123", "红茶01")], ids=["ascii data", "chinese data"])
def test_gb18030_chinese_headers_are_mapped_to_code_date_and_quantity(tmp_path, shop, codes):
    text = (f"货号,商品名称,日期,数量\n"
            f"{codes[0]},红茶,2024-03-01,2\n"
            f"{codes[1]},绿茶,2024年3月2日,3\n")
    path = _write(tmp_path / "销售.csv", text, "gb18030")
    sheet = read_sheet(path)
    assert sheet.columns == ["货号", "商品名称", "日期", "数量"]
    assert guess_mapping(sheet, "sales").as_dict() == {"货号": "sku", "商品名称": "name", "日期": "date", "数量": "qty"}
    run_import(shop, path, "sales", today=TODAY)
    assert _sales(shop) == {(codes[0], "2024-03-01"): 2, (codes[1], "2024-03-02"): 3}
    assert {r["name"] for r in shop.query("SELECT name FROM products")} == {"红茶", "绿茶"}


def test_utf16_tab_separated_text_saved_by_excel_is_read(tmp_path, shop):
    text = "SKU\tDescription\tDate\tQty\n00123\tCrème\t2024-03-01\t2\n85123A\t茶\t2024-03-02\t3\n"
    path = _write(tmp_path / "unicode text.txt", text, "utf-16")
    run_import(shop, path, "sales", today=TODAY)
    assert _sales(shop) == {("00123", "2024-03-01"): 2, ("85123A", "2024-03-02"): 3}


# ------------------------------------------------------------------ numbers


def test_decimal_comma_numbers_in_a_semicolon_file(tmp_path, shop):
    text = ("SKU;Date;Qty;Price\n"
            "CHEESE;2024-03-01;1,5;1.234,56\n"
            "BREAD;2024-03-01;2;3,50\n")
    path = _write(tmp_path / "kasse.csv", text)
    report = run_import(shop, path, "sales", today=TODAY)
    assert any("decimal comma" in note for note in report.notes)
    assert _sales(shop) == {("BREAD", "2024-03-01"): 2, ("CHEESE", "2024-03-01"): 1.5}
    assert _revenue(shop) == pytest.approx({"CHEESE": 1.5 * 1234.56, "BREAD": 7.0})


def test_decimal_comma_prices_in_a_products_file(tmp_path, shop):
    text = "SKU;Name;Unit cost;Sell price\nA1;Tea;1.234,56;2.000,00\nA2;Milk;0,89;1,25\n"
    run_import(shop, _write(tmp_path / "products.csv", text), "products", today=TODAY)
    prices = {r["sku"]: (r["unit_cost"], r["sell_price"]) for r in shop.query("SELECT * FROM products")}
    assert prices == {"A1": (1234.56, 2000.0), "A2": (0.89, 1.25)}


@pytest.mark.parametrize("text, expected", [
    ('SKU,Date,Qty\nA1,2024-03-01,"1,234"\nA2,2024-03-01,"12,345,678"\nA3,2024-03-01,1 500\n',
     {"A1": 1234, "A2": 12345678, "A3": 1500}),
    ("SKU;Date;Qty\nA1;2024-03-01;1.234,5\nA2;2024-03-01;1.234.567,25\nA3;2024-03-01;2,5\n",
     {"A1": 1234.5, "A2": 1234567.25, "A3": 2.5}),
], ids=["comma thousands", "dot thousands with decimal comma"])
def test_thousands_separators_are_not_read_as_decimals(tmp_path, shop, text, expected):
    run_import(shop, _write(tmp_path / "sales.csv", text), "sales", today=TODAY)
    assert {sku: qty for (sku, _), qty in _sales(shop).items()} == expected


# ------------------------------------------------------------------ product codes


def test_codes_in_a_csv_are_kept_exactly_as_written(tmp_path, shop):
    text = "SKU,Date,Qty\n85123A,2024-03-01,1\n00123,2024-03-01,2\n71053,2024-03-01,3\n0000,2024-03-01,4\n"
    run_import(shop, _write(tmp_path / "sales.csv", text), "sales", today=TODAY)
    assert {r[0] for r in shop.query("SELECT sku FROM products")} == {"85123A", "00123", "71053", "0000"}


def test_codes_in_a_workbook_are_text_even_when_the_cell_is_a_number(tmp_path, shop):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["StockCode", "Date", "Qty"])
    ws.append(["85123A", dt.datetime(2024, 3, 1), 1])
    ws.append(["00123", dt.datetime(2024, 3, 1), 2])   # a text cell: the zeros are part of the code
    ws.append([71053, dt.datetime(2024, 3, 1), 3])      # a number cell
    ws.append([5012345678900, dt.datetime(2024, 3, 1), 4])  # a barcode typed as a number
    wb.save(tmp_path / "codes.xlsx")
    run_import(shop, tmp_path / "codes.xlsx", "sales", today=TODAY)
    assert {r[0] for r in shop.query("SELECT sku FROM products")} == {"85123A", "00123", "71053", "5012345678900"}


def test_codes_and_dates_in_an_ods_workbook(tmp_path, shop):
    frame = pd.DataFrame({"SKU": ["00123", "85123A", 71053],
                          "Date": [dt.datetime(2024, 3, 1), dt.datetime(2024, 3, 2), dt.datetime(2024, 3, 3)],
                          "Qty": [1, 2.5, 3]})
    frame.to_excel(tmp_path / "libre.ods", engine="odf", index=False, sheet_name="Sales")
    run_import(shop, tmp_path / "libre.ods", "sales", today=TODAY)
    assert _sales(shop) == {("00123", "2024-03-01"): 1, ("85123A", "2024-03-02"): 2.5, ("71053", "2024-03-03"): 3}


def test_a_real_xls_workbook_is_read(tmp_path, shop):
    xlwt = pytest.importorskip("xlwt", reason="no .xls writer installed")
    book = xlwt.Workbook()
    sheet = book.add_sheet("Sales")
    for r, row in enumerate([["SKU", "Date", "Qty"], ["00123", "2024-03-01", 2], [71053, "2024-03-02", 3]]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(tmp_path / "old.xls"))
    run_import(shop, tmp_path / "old.xls", "sales", today=TODAY)
    assert _sales(shop) == {("00123", "2024-03-01"): 2, ("71053", "2024-03-02"): 3}


# ------------------------------------------------------------------ dates


def test_excel_date_cells_and_serial_numbers_give_the_same_days(tmp_path, shop):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["SKU", "Date", "Qty"])
    ws.append(["A1", dt.datetime(2024, 1, 1), 1])       # a date cell
    ws.append(["A2", dt.date(2024, 1, 2), 2])           # a date cell written from a date
    ws.append(["A3", 45294, 3])                         # 2024-01-03 as Excel's serial number, a plain number
    ws.append(["A4", 45295.0, 4])
    wb.save(tmp_path / "dates.xlsx")
    run_import(shop, tmp_path / "dates.xlsx", "sales", today=TODAY)
    assert _sales(shop) == {("A1", "2024-01-01"): 1, ("A2", "2024-01-02"): 2, ("A3", "2024-01-03"): 3,
                            ("A4", "2024-01-04"): 4}


def test_excel_serial_numbers_as_text_in_a_csv_are_read_as_days(tmp_path, shop):
    path = _write(tmp_path / "serials.csv", "SKU,Date,Qty\nA1,45292,1\nA2,45293,2\n")
    run_import(shop, path, "sales", today=TODAY)
    assert _sales(shop) == {("A1", "2024-01-01"): 1, ("A2", "2024-01-02"): 2}


def test_day_first_dates_are_detected_from_a_day_after_the_twelfth(tmp_path, shop):
    path = _write(tmp_path / "uk.csv", "SKU,Date,Qty\nA1,05/01/2024,1\nA1,13/01/2024,2\nA1,02/03/2024,3\n")
    report = run_import(shop, path, "sales", today=TODAY)
    assert any("day first" in note for note in report.notes)
    assert _sales(shop) == {("A1", "2024-01-05"): 1, ("A1", "2024-01-13"): 2, ("A1", "2024-03-02"): 3}


def test_month_first_dates_are_detected_from_a_day_after_the_twelfth(tmp_path, shop):
    path = _write(tmp_path / "us.csv", "SKU,Date,Qty\nA1,01/05/2024,1\nA1,01/13/2024,2\nA1,03/02/2024,3\n")
    report = run_import(shop, path, "sales", today=TODAY)
    assert any("month first" in note for note in report.notes)
    assert _sales(shop) == {("A1", "2024-01-05"): 1, ("A1", "2024-01-13"): 2, ("A1", "2024-03-02"): 3}


def test_day_first_is_detected_even_when_the_telling_date_is_far_down_the_file(tmp_path, shop):
    rows = [f"P{p},{d:02d}/01/2024,1" for d in range(1, 13) for p in range(600)]  # 7,200 ambiguous rows first
    rows.append("P0,13/01/2024,5")
    path = _write(tmp_path / "uk.csv", "SKU,Date,Qty\n" + "\n".join(rows) + "\n")
    run_import(shop, path, "sales", today=TODAY)
    sales = _sales(shop)
    assert sales[("P0", "2024-01-02")] == 1 and ("P0", "2024-02-01") not in sales
    assert sales[("P0", "2024-01-13")] == 5


def test_chinese_date_text_is_read(tmp_path, shop):
    path = _write(tmp_path / "cn.csv", "货号,日期,数量\nA1,2024年1月5日,1\nA2,2024年12月25日,2\n")
    run_import(shop, path, "sales", today=TODAY)
    assert _sales(shop) == {("A1", "2024-01-05"): 1, ("A2", "2024-12-25"): 2}


# ------------------------------------------------------------------ what a file really is (never its name)

SALES_ROWS = [("2024-03-01", "A1", 2), ("2024-03-02", "B&2", 3), ("2024-03-02", "A1", 1)]
EXPECTED = {("A1", "2024-03-01"): 2.0, ("B&2", "2024-03-02"): 3.0, ("A1", "2024-03-02"): 1.0}


def _import(shop, path):
    report = run_import(shop, path, "sales", today=dt.date(2025, 1, 1))
    return report, _sales(shop)


def test_an_xls_that_is_a_web_page_holding_a_table_is_read_as_that_table(tmp_path, shop):
    cells = "".join(f"<tr><td>{d}</td><td>{s.replace('&', '&amp;')}</td><td>{q}</td></tr>" for d, s, q in SALES_ROWS)
    path = _write(tmp_path / "report.xls", "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Sales</title>"
                  "</head><body><table><tr><td>Shop report</td></tr></table><table border='1'><tr><th>Date</th>"
                  f"<th>SKU</th><th>Qty</th></tr>{cells}</table></body></html>")
    report, sales = _import(shop, path)
    assert sales == EXPECTED
    assert any("is a web page holding a table" in note for note in report.notes)


def test_an_excel_2003_xml_workbook_is_read_from_its_data_sheet(tmp_path, shop):
    def cell(value, kind="String"):
        return f'<Cell><Data ss:Type="{kind}">{value}</Data></Cell>'
    rows = "".join(f"<Row>{cell(d + 'T00:00:00.000', 'DateTime')}{cell(s.replace('&', '&amp;'))}"
                   f"{cell(q, 'Number')}</Row>" for d, s, q in SALES_ROWS)
    path = _write(tmp_path / "export.xml", '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:'
                  'office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
                  f'<Worksheet ss:Name="Cover"><Table><Row>{cell("Printed by the till")}</Row></Table></Worksheet>'
                  f'<Worksheet ss:Name="Sales"><Table><Row>{cell("Date")}{cell("SKU")}{cell("Qty")}</Row>{rows}'
                  '</Table></Worksheet></Workbook>')
    report, sales = _import(shop, path)
    assert sales == EXPECTED and report.sheet == "Sales"
    assert any("Excel 2003 XML workbook" in note for note in report.notes)


def test_a_zip_holding_one_sheet_is_read_and_one_holding_two_is_refused_with_their_names(tmp_path, shop):
    import zipfile

    from core.errors import FileProblem

    csv_path = _write(tmp_path / "sales.csv", "Date,SKU,Qty\n" + "".join(f"{d},{s},{q}\n" for d, s, q in SALES_ROWS))
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(csv_path, "march/sales.csv")
    report, sales = _import(shop, archive)
    assert sales == EXPECTED and any("zip archive: its sales.csv was read" in n for n in report.notes)
    two = tmp_path / "two.zip"
    with zipfile.ZipFile(two, "w") as z:
        z.write(csv_path, "a.csv")
        z.write(csv_path, "b.csv")
    with pytest.raises(FileProblem, match="holding a.csv, b.csv"):
        read_sheet(two)


def test_a_csv_with_nul_bytes_or_in_utf16_without_a_byte_order_mark_is_read(tmp_path, shop):
    text = "Date,SKU,Qty\n" + "".join(f"{d},{s},{q}\n" for d, s, q in SALES_ROWS)
    nul = tmp_path / "nul.csv"
    nul.write_bytes(text.replace("\n2024-03-02,B&2", "\x00\n2024-03-02,B&2").encode())
    report, sales = _import(shop, nul)
    assert sales == EXPECTED and any("NUL characters (1;" in n for n in report.notes)
    raw = read_sheet(_write(tmp_path / "utf16.csv", text, "utf-16-le"))
    assert raw.frame.values.tolist() == [[d, s, str(q)] for d, s, q in SALES_ROWS]
    assert any("UTF-16 text without a byte-order mark" in n for n in raw.notes)


def test_a_stray_unclosed_quote_is_reported_with_its_row_and_does_not_swallow_the_rows_after_it(tmp_path, shop):
    path = _write(tmp_path / "quote.csv", 'Date,SKU,Qty,Name\n2024-03-01,A1,2,Mug\n2024-03-02,B&2,3,"Tea towel\n'
                  '2024-03-02,A1,1,"Mug, blue"\n')
    report, sales = _import(shop, path)
    assert sales == EXPECTED
    assert any("Row 3 has a quote that is never closed" in n for n in report.notes)


def test_an_xlsx_named_csv_is_read_as_the_workbook_it_is(tmp_path, shop):
    book = openpyxl.Workbook()
    book.active.append(["Date", "SKU", "Qty"])
    for row in SALES_ROWS:
        book.active.append(list(row))
    book.save(tmp_path / "real.xlsx")
    disguised = tmp_path / "sales.csv"
    disguised.write_bytes((tmp_path / "real.xlsx").read_bytes())
    _report, sales = _import(shop, disguised)
    assert sales == EXPECTED


@pytest.mark.parametrize("text, expected", [("−5", -5.0), ("–2.5", -2.5), ("(5)", -5.0), ("5-", -5.0), ("１２", 12.0),
                                            ("1 234", 1234.0), ("GBP 5.00", 5.0)])
def test_numbers_as_people_type_them(text, expected):
    from core.importing.values import parse_number

    parsed = parse_number(pd.Series([text]), decimal_comma=False)
    assert not parsed.bad[0] and parsed.values[0] == expected


def test_an_apple_numbers_document_is_named_as_such_with_what_to_do(tmp_path):
    import zipfile

    from core.errors import FileProblem

    path = tmp_path / "Sales.numbers"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("Index/Document.iwa", b"\x00\x01")
        z.writestr("Metadata/Properties.plist", b"<plist/>")
    with pytest.raises(FileProblem, match="is an Apple Numbers document") as refused:
        read_sheet(path)
    assert "Export To" in refused.value.full_message()


# ------------------------------------------------------------------ workbooks as people keep them

def test_the_data_sheet_is_found_past_a_cover_page_and_a_hidden_sheet_and_the_choice_said(tmp_path, shop):
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Cover"
    for line in ("Monthly sales report", "Printed 2024-04-01", "Shop: The Corner"):
        cover.append([line])
    notes = book.create_sheet("Notes")
    notes.append(["Remember to count the cellar"])
    old = book.create_sheet("Old data")
    old.sheet_state = "hidden"
    old.append(["Date", "SKU", "Qty"])
    for k in range(50):
        old.append(["2023-01-01", "ZZ", 9])
    data = book.create_sheet("Sales")
    data.append(["Date", "SKU", "Qty"])
    for row in SALES_ROWS:
        data.append(list(row))
    book.save(tmp_path / "report.xlsx")
    report, sales = _import(shop, tmp_path / "report.xlsx")
    assert sales == EXPECTED and report.sheet == "Sales"
    said = next(n for n in report.notes if n.startswith("Sheet 'Sales' was read"))
    assert "Cover, Notes, Old data (hidden)" in said


def test_a_date_merged_down_a_block_of_rows_is_read_for_every_row_of_the_block(tmp_path, shop):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Date", "SKU", "Qty"])
    sheet.append(["2024-03-01", "A1", 2])
    sheet.append(["2024-03-02", "B&2", 3])
    sheet.append([None, "A1", 1])                      # under the merged date of the 2nd
    sheet.merge_cells("A3:A4")
    book.save(tmp_path / "merged.xlsx")
    report, sales = _import(shop, tmp_path / "merged.xlsx")
    assert sales == EXPECTED and report.rejected == 0
    assert any(n.startswith("Merged cells (1) were filled") for n in report.notes)


def test_of_two_columns_with_one_name_the_one_with_data_is_read_and_the_choice_said(tmp_path, shop):
    path = _write(tmp_path / "twins.csv", "Date,SKU,Qty,Qty\n" + "".join(f"{d},{s},,{q}\n" for d, s, q in SALES_ROWS))
    report, sales = _import(shop, path)
    assert sales == EXPECTED
    assert "Columns 'Qty', 'Qty (2)' share the name 'Qty': the one with data in it, 'Qty (2)', was read." in report.notes


def test_excel_error_cells_and_formulas_without_values_are_named_not_called_blank(tmp_path, shop):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sales & returns"
    sheet.append(["Date", "SKU", "Qty"])
    sheet.append(["2024-03-01", "A1", 2])
    sheet.append(["2024-03-02", "B&2", "#N/A"])
    sheet["C3"].data_type = "e"
    sheet.append(["2024-03-02", "A1", "=1+0"])          # openpyxl saves no value for a formula
    book.save(tmp_path / "errors.xlsx")
    report, sales = _import(shop, tmp_path / "errors.xlsx")
    assert sales == {("A1", "2024-03-01"): 2.0}
    found = {(p.row, p.value) for p in report.problems if p.severity == "rejected"}
    assert found == {(3, "#N/A"), (4, "=1+0 (no value saved)")}
    assert any("2 Excel error cells" in n for n in report.notes)


def test_a_file_read_in_chunks_is_the_same_table_as_read_at_once(tmp_path, monkeypatch):
    """Big text files are parsed in chunks and joined column by column (the window keeps ticking); the table, its
    row numbers and a quote left open mid-file come out as with one chunk."""
    from core.importing import readers

    lines = ["Code,Date,Qty,Note"] + [f"{k:05d},2024-01-{k % 28 + 1:02d},{k % 7},n{k}" for k in range(23)]
    lines[12] = '00011,2024-01-12,4,"open quote'
    path = tmp_path / "sales.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole = read_sheet(path)
    monkeypatch.setattr(readers, "READ_CHUNK_ROWS", 5)
    chunked = read_sheet(path)
    pd.testing.assert_frame_equal(chunked.frame, whole.frame)
    assert list(chunked.row_numbers) == list(whole.row_numbers) and len(whole.frame) == 23
    assert chunked.notes == whole.notes and any("quote" in note for note in whole.notes)
