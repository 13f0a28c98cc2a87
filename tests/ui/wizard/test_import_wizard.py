"""ui/wizard/import_wizard.py: a shop owner's import from file to stored sales, with Cancel leaving no trace."""
from __future__ import annotations

import threading

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QWizard

from core.store.db import open_shop
from core.services import imports as imports_service
from ui.wizard.import_wizard import ImportWizard

NEXT = QWizard.WizardButton.NextButton
COMMIT = QWizard.WizardButton.CommitButton
BACK = QWizard.WizardButton.BackButton


def plain(html_text: str) -> str:
    document = QTextDocument()
    document.setHtml(html_text)
    return " ".join(document.toPlainText().split())


def shop_counts(path) -> dict[str, int]:
    with open_shop(path, create=False) as shop:
        return {table: shop.scalar(f"SELECT count(*) FROM {table}")
                for table in ("sales", "products", "import_runs", "import_problems")}


@pytest.fixture
def shop_window(window, open_in_window, empty_shop):
    return open_in_window(empty_shop)


def start_wizard(qtbot, window, file_path, kind="sales") -> ImportWizard:
    """File page filled in, Next pressed, the sheet read: the wizard waits on the mapping page."""
    wizard = window.open_import_wizard()
    qtbot.addWidget(wizard)
    wizard.file_page.path_edit.setText(str(file_path))
    wizard.file_page.kind_combo.setCurrentIndex(wizard.file_page.kind_combo.findData(kind))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.MAPPING, timeout=10_000)
    qtbot.waitUntil(lambda: wizard.mapping_page.raw is not None, timeout=20_000)
    return wizard


def map_when_as_date(wizard: ImportWizard) -> None:
    combo = wizard.mapping_page.combos["When"]
    combo.setCurrentIndex(combo.findData("date"))


def check(qtbot, wizard) -> None:
    wizard.next()
    qtbot.waitUntil(lambda: wizard.report_page.validated is not None, timeout=30_000)


def test_a_till_export_goes_from_file_to_the_products_page(qtbot, shop_window, empty_shop, sales_csv):
    wizard = start_wizard(qtbot, shop_window, sales_csv)
    mapping = wizard.mapping_page
    # The guess from the column names; 'When' is not a name ShelfWise knows, so Date is still needed.
    assert mapping.choices == {"Invoice": "invoice", "Item": "sku", "Description": "name", "Qty": "qty",
                               "When": "", "Price": "price", "Country": ""}
    assert "Date" in plain(mapping.missing_label.text())
    assert not wizard.button(NEXT).isEnabled()
    assert mapping.preview.rowCount() == 7
    assert mapping.preview.headerData(1, Qt.Orientation.Horizontal) == "Item\n→ Product code"
    assert mapping.preview.headerData(3, Qt.Orientation.Horizontal) == "Qty\n→ Quantity"
    assert mapping.preview.headerData(1, Qt.Orientation.Vertical) == "3"   # the row number in the file

    map_when_as_date(wizard)
    assert mapping.isComplete() and wizard.button(NEXT).isEnabled()
    assert mapping.preview.headerData(4, Qt.Orientation.Horizontal) == "When\n→ Date"
    assert "Every needed field" in plain(mapping.missing_label.text())

    check(qtbot, wizard)
    report = wizard.report_page
    counts = plain(report.counts.text())
    assert "Rows read 7" in counts
    assert "Will be imported 5" in counts
    assert "… of them kept with a warning 1" in counts
    assert "Set aside (not demand, or already known) 1" in counts
    assert "Rejected (could not be read) 1" in counts
    assert report.problems.model.rowCount() == 3
    report.problems.set_severity("rejected")
    assert report.problems.proxy.rowCount() == 1
    assert report.problems.proxy.index(0, 3).data() == "not a number"
    assert report.problems.proxy.index(0, 4).data() == "two"
    assert shop_counts(empty_shop)["sales"] == 0          # nothing stored before Import
    assert wizard.button(COMMIT).text() == "Import"

    wizard.next()                                          # Import
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.DONE, timeout=30_000)
    assert "stored 5 rows" in wizard.currentPage().summary.text()
    assert "Imported 5" in plain(wizard.currentPage().counts.text())
    assert shop_counts(empty_shop)["sales"] == 5
    assert shop_counts(empty_shop)["import_runs"] == 1

    products = shop_window.products_page
    qtbot.waitUntil(lambda: products.model.rowCount() == 3, timeout=20_000)
    assert {row.sku for row in products.model.rows()} == {"85123A", "71053", "84406B"}
    qtbot.waitUntil(lambda: "5 sales lines" in shop_window.shop_label.text(), timeout=10_000)
    qtbot.waitUntil(lambda: shop_window.imports_page.model.rowCount() == 1, timeout=10_000)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert not wizard.isVisible()


def test_importing_the_same_file_again_reports_it_already_in_the_shop(qtbot, window, open_in_window,
                                                                      shop_with_sales, sales_csv):
    open_in_window(shop_with_sales)
    wizard = start_wizard(qtbot, window, sales_csv)
    map_when_as_date(wizard)
    check(qtbot, wizard)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.DONE, timeout=30_000)
    done = wizard.currentPage()
    assert "stored nothing new" in done.summary.text()
    assert "already in the shop from an earlier import 5" in plain(done.counts.text())
    assert shop_counts(shop_with_sales)["sales"] == 5


def test_cancel_during_the_import_leaves_the_shop_unchanged(qtbot, shop_window, empty_shop, sales_csv,
                                                             monkeypatch):
    real_commit = imports_service.commit
    allowed_on = threading.Event()

    def commit_after_cancel(shop, validated, ctx):   # the real commit, held until Cancel has been pressed
        assert allowed_on.wait(10)
        return real_commit(shop, validated, ctx)

    monkeypatch.setattr(imports_service, "commit", commit_after_cancel)
    wizard = start_wizard(qtbot, shop_window, sales_csv)
    map_when_as_date(wizard)
    check(qtbot, wizard)
    before = shop_counts(empty_shop)

    wizard.next()                                     # Import: starts storing in the background
    report = wizard.report_page
    assert report.committing
    assert not wizard.button(COMMIT).isEnabled() and not wizard.button(BACK).isEnabled()
    assert report.progress.isVisible() and report.progress.cancel_button.isVisible()
    report.progress.cancel_button.click()
    allowed_on.set()
    qtbot.waitUntil(lambda: not wizard.runner.is_running("commit"), timeout=30_000)

    assert wizard.currentId() == ImportWizard.REPORT
    assert report.progress.label.text() == "Cancelled — nothing was changed"
    assert shop_counts(empty_shop) == before == {"sales": 0, "products": 0, "import_runs": 0, "import_problems": 0}
    assert wizard.button(COMMIT).isEnabled()

    wizard.next()                                     # and the same checked file can still be imported
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.DONE, timeout=30_000)
    assert "products new to the shop (created) 3" in plain(wizard.currentPage().counts.text())
    assert shop_counts(empty_shop)["sales"] == 5


def test_the_wizards_own_cancel_button_stops_an_import_without_closing(qtbot, shop_window, empty_shop,
                                                                       sales_csv, monkeypatch):
    real_commit = imports_service.commit
    allowed_on = threading.Event()
    monkeypatch.setattr(imports_service, "commit",
                        lambda shop, validated, ctx: allowed_on.wait(10) and real_commit(shop, validated, ctx))
    wizard = start_wizard(qtbot, shop_window, sales_csv)
    map_when_as_date(wizard)
    check(qtbot, wizard)
    wizard.next()
    wizard.reject()                  # what the Cancel button and Escape do
    allowed_on.set()
    qtbot.waitUntil(lambda: not wizard.runner.is_running("commit"), timeout=30_000)
    assert wizard.isVisible()
    assert shop_counts(empty_shop)["sales"] == 0


def test_a_workbook_with_several_sheets_asks_which_one(qtbot, shop_window, tmp_path):
    path = tmp_path / "shop figures.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Read me"
    book.active["A1"] = "Figures for May"
    sheet = book.create_sheet("May sales")
    sheet.append(["SKU", "Date", "Quantity"])
    sheet.append(["00123", "2025-05-02", 3])
    sheet.append(["00124", "2025-05-03", 1])
    book.save(path)

    wizard = shop_window.open_import_wizard(path)
    qtbot.addWidget(wizard)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.SHEET, timeout=10_000)
    sheets = wizard.currentPage().sheets
    assert [sheets.item(i).text() for i in range(sheets.count())] == ["Read me", "May sales"]
    assert sheets.currentRow() == 1            # offered first: the sheet whose columns a sales import needs
    wizard.next()
    qtbot.waitUntil(lambda: wizard.mapping_page.raw is not None, timeout=20_000)
    assert wizard.mapping_page.raw.sheet == "May sales"
    assert wizard.mapping_page.isComplete()
    assert wizard.mapping_page.preview.index(0, 0).data() == "00123"   # the leading zeros stay


def test_a_missing_file_is_said_on_the_first_page(qtbot, shop_window, tmp_path):
    wizard = shop_window.open_import_wizard(tmp_path / "not-there.csv")
    qtbot.addWidget(wizard)
    wizard.next()
    assert wizard.currentId() == ImportWizard.FILE
    assert "There is no file" in wizard.file_page.error_label.text()


def test_a_file_with_nothing_usable_says_why_and_cannot_be_imported(qtbot, shop_window, tmp_path,
                                                                   make_sales_csv):
    path = make_sales_csv(tmp_path / "bad.csv", rows=[("1", "A1", "Thing", "lots", "2025-05-02", "1", "UK")])
    wizard = start_wizard(qtbot, shop_window, path)
    map_when_as_date(wizard)
    wizard.next()
    qtbot.waitUntil(lambda: "no row can be used" in wizard.report_page.counts.text(), timeout=20_000)
    assert not wizard.button(COMMIT).isEnabled()


def test_a_grid_of_months_is_shown_as_one_quantity_per_month(qtbot, shop_window, tmp_path):
    path = tmp_path / "monthly sales.csv"
    path.write_text("SKU,Description,Jan 2025,Feb 2025,Mar 2025\n"
                    "00123,Tea towel,4,6,5\n"
                    "00124,Oven glove,1,0,2\n", encoding="utf-8")
    wizard = start_wizard(qtbot, shop_window, path)
    mapping = wizard.mapping_page
    assert "Layout: a grid" in plain(mapping.layout_label.text())
    assert "3 columns of monthly figures" in plain(mapping.layout_label.text())
    assert list(mapping.combos) == ["SKU", "Description"]          # the month columns need no choosing
    assert mapping.isComplete()
    assert mapping.preview.headerData(2, Qt.Orientation.Horizontal) == "Jan 2025\n→ quantity in Jan 2025"
    check(qtbot, wizard)
    counts = plain(wizard.report_page.counts.text())
    assert "Rows read 6" in counts and "Will be imported 5" in counts   # 2 products x 3 months, one 0


def test_a_shopify_export_is_recognised_in_the_wizard_and_its_rules_said_before_anything_is_imported(
        qtbot, shop_window, tmp_path):
    from tests.core.test_sources import _shopify

    path = tmp_path / "orders_export_1.csv"
    expected, taken, _lines = _shopify(path, orders=40)
    wizard = start_wizard(qtbot, shop_window, path)
    mapping = wizard.mapping_page
    said = plain(mapping.layout_label.text())
    assert "Recognised: Shopify orders export" in said
    assert "a cancelled order: not a sale" in said and "a line without a SKU is named by its product name" in said
    assert mapping.combos["Lineitem sku"].currentData() == "sku"
    assert mapping.combos["Created at"].currentData() == "date" and mapping.isComplete()
    check(qtbot, wizard)
    counts = plain(wizard.report_page.counts.text())
    not_sales = taken["cancelled"] + taken["voided"] + taken["refunded"] + taken["test"]
    assert f"Rows read {_lines}" in counts and f"Set aside (not demand, or already known) {not_sales}" in counts
    assert "a voided order: not a sale" in counts and "Recognised as a Shopify orders export" in counts


def test_an_ebay_orders_report_is_recognised_in_the_wizard_and_imports_each_item_once(
        qtbot, shop_window, empty_shop, tmp_path):
    """Before, the guess took Sales Record Number for the quantity: the mapping page showed it so, and the shop got
    sales of a thousand a line. Now the wizard says what it recognised and which rows are no sales, and the shop holds
    each item's own quantity."""
    from tests.core.test_sources_tills import ebay_report

    path = tmp_path / "eBay-OrdersReport.csv"
    expected, order_rows = ebay_report(path, orders=60)
    wizard = start_wizard(qtbot, shop_window, path)
    mapping = wizard.mapping_page
    said = plain(mapping.layout_label.text())
    assert "Recognised: eBay orders report" in said and "its items are on the rows below it" in said
    assert mapping.combos["Quantity"].currentData() == "qty"
    assert mapping.combos["Custom Label"].currentData() == "sku"
    assert mapping.combos["Sales Record Number"].currentData() != "qty"
    check(qtbot, wizard)
    counts = plain(wizard.report_page.counts.text())
    assert f"Set aside (not demand, or already known) {order_rows + 2}" in counts
    wizard.next()                                                    # commit
    qtbot.waitUntil(lambda: shop_counts(empty_shop)["import_runs"] == 1, timeout=30_000)
    with open_shop(empty_shop, create=False) as shop:
        stored = {(r[0], r[1]): r[2] for r in shop.query(
            "SELECT p.sku, s.date, sum(s.qty) FROM sales s JOIN products p ON p.id = s.product_id GROUP BY 1, 2")}
    assert stored == expected


def test_a_monthly_summary_named_by_its_month_shows_the_month_it_takes_from_the_name(
        qtbot, shop_window, empty_shop, tmp_path):
    """A till's item sales summary has no date column; its file name says the month. The wizard shows the Month
    column it made (the preview, mapped to the date) and says where it came from, before anything is stored."""
    path = tmp_path / "items-2024-03-01-2024-04-01.csv"
    path.write_text("Item,Category,SKU,Items Sold,Gross Sales\nBlue Mug,Kitchen,MUG-BLU,14,63.00\n"
                    "Tea Towel,Linen,TOWEL-1,6,24.00\n", encoding="utf-8")
    wizard = start_wizard(qtbot, shop_window, path)
    mapping = wizard.mapping_page
    assert mapping.preview.headerData(0, Qt.Orientation.Horizontal) == "Month\n→ Date"
    assert mapping.preview.index(0, 0).data() == "2024-03" and mapping.isComplete()
    check(qtbot, wizard)
    said = plain(wizard.report_page.counts.text()) + " " + " ".join(
        plain(label.text()) for label in wizard.report_page.findChildren(type(mapping.layout_label)))
    assert "its name says it covers the month 2024-03" in said
    assert shop_counts(empty_shop)["sales"] == 0
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.DONE, timeout=30_000)
    with open_shop(empty_shop, create=False) as shop:
        assert sorted(tuple(r) for r in shop.query("SELECT date, qty FROM sales")) == [("2024-03-01", 6.0),
                                                                                     ("2024-03-01", 14.0)]


def test_a_grid_of_undated_months_asks_which_month_the_newest_is(qtbot, shop_window, tmp_path):
    path = tmp_path / "parts.csv"
    path.write_text("Part,latest,last -1,last -2\nP-1,3,0,1\nP-2,0,2,5\n", encoding="utf-8")
    wizard = start_wizard(qtbot, shop_window, path)
    mapping = wizard.mapping_page
    assert mapping.latest_row.isVisible() and "Which period is 'latest'?" in mapping.latest_label.text()
    assert "have no dates" in plain(mapping.layout_label.text())
    assert not mapping.isComplete() and "the newest period" in plain(mapping.missing_label.text())
    mapping.latest_edit.setText("2024-13")                               # not a month: still asked
    assert not mapping.isComplete()
    mapping.latest_edit.setText("2024-06")
    assert mapping.isComplete()
    assert "3 columns of monthly figures (2024-04-01 to 2024-06-01)" in plain(mapping.layout_label.text())
    check(qtbot, wizard)
    counts = plain(wizard.report_page.counts.text())
    assert "Will be imported 4" in counts, counts                       # six values, two of them 0


def test_a_monthly_report_in_rows_is_read_month_by_month_in_the_wizard(qtbot, shop_window, empty_shop, tmp_path):
    """Month | Item | Qty sold, as an accounts package exports it: 'Month' is the date, 'Jan-25' is January 2025
    (a day parser reads 25 January of this year), and the report says how the months were read."""
    path = tmp_path / "monthly report.csv"
    path.write_text("Month,Item,Qty sold\n"
                    "Jan-25,00123,4\nJan-25,00124,1\nFeb-25,00123,6\nMar-25,00123,5\nMar-25,00124,2\n",
                    encoding="utf-8")
    wizard = start_wizard(qtbot, shop_window, path)
    mapping = wizard.mapping_page
    assert mapping.choices == {"Month": "date", "Item": "sku", "Qty sold": "qty"}
    assert mapping.isComplete()
    check(qtbot, wizard)
    counts = plain(wizard.report_page.counts.text())
    assert "Will be imported 5" in counts and "Rejected (could not be read) 0" in counts
    assert "'Month' is read as each row's month" in counts
    wizard.next()                                          # Import
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.DONE, timeout=30_000)
    with open_shop(empty_shop, create=False) as shop:
        assert [tuple(r) for r in shop.query("SELECT date, sum(qty) FROM sales GROUP BY date ORDER BY date")] == \
            [("2025-01-01", 5.0), ("2025-02-01", 6.0), ("2025-03-01", 7.0)]
    wizard.button(QWizard.WizardButton.FinishButton).click()


def test_a_period_end_export_is_read_as_monthly_totals_in_the_wizard(qtbot, shop_window, empty_shop, tmp_path):
    """Period end | Stock code | Qty, each month's total dated on its last day: 'Period end' is the date, and the
    wizard says, before anything is stored, that the dates show monthly totals (they were one day's sale each)."""
    path = tmp_path / "period end.csv"
    path.write_text("Period end,Stock code,Qty\n"
                    "2025-01-31,00123,4\n2025-01-31,00124,1\n2025-02-28,00123,6\n2025-03-31,00123,5\n",
                    encoding="utf-8")
    wizard = start_wizard(qtbot, shop_window, path)
    assert wizard.mapping_page.choices == {"Period end": "date", "Stock code": "sku", "Qty": "qty"}
    check(qtbot, wizard)
    counts = plain(wizard.report_page.counts.text())
    assert "Will be imported 4" in counts and "Rejected (could not be read) 0" in counts
    assert "Every date is the last day of its month: rows are monthly totals" in counts
    wizard.next()                                          # Import
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.DONE, timeout=30_000)
    with open_shop(empty_shop, create=False) as shop:
        assert shop.scalar("SELECT period FROM import_runs") == "month"
    wizard.button(QWizard.WizardButton.FinishButton).click()


def test_a_grid_of_month_names_asks_only_for_the_year(qtbot, shop_window, tmp_path):
    path = tmp_path / "this year.csv"
    path.write_text("SKU,Jan,Feb,Mar\n00123,4,6,5\n00124,1,0,2\n", encoding="utf-8")
    wizard = start_wizard(qtbot, shop_window, path)
    mapping = wizard.mapping_page
    assert mapping.latest_row.isVisible() and "Which year is 'Mar' in?" in mapping.latest_label.text()
    assert "3 columns of months or weeks that have no year" in plain(mapping.layout_label.text())
    assert not mapping.isComplete() and "the year" in plain(mapping.missing_label.text())
    mapping.latest_edit.setText("2025")
    assert mapping.isComplete()
    assert "3 columns of monthly figures (2025-01-01 to 2025-03-01)" in plain(mapping.layout_label.text())
    check(qtbot, wizard)
    assert "Will be imported 5" in plain(wizard.report_page.counts.text())


def to_the_sheet_step(qtbot, window, path):
    """The wizard opened on a workbook of several sheets, at its sheet step: (wizard, the page)."""
    wizard = window.open_import_wizard(path)
    qtbot.addWidget(wizard)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.SHEET, timeout=10_000)
    return wizard, wizard.currentPage()


def test_a_workbook_of_monthly_sheets_imports_every_sheet_in_one_pass(qtbot, shop_window, empty_shop, tmp_path):
    """A workbook with a sheet per month: the wizard offers every sheet at once (ticked, as the sheets are named by
    their months), shows what each sheet holds before anything is stored (a notes sheet: why it cannot be used,
    unticked), and stores each ticked sheet as an import of its own (one pass, not twelve)."""
    path = tmp_path / "shop book.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Jan 2024"
    for row in (["Item", "SKU", "Qty sold"], ["Blue Mug", "MUG-BLU", 14], ["Tea Towel", "TOWEL-1", 3]):
        book.active.append(row)
    for title, rows in (("Feb 2024", [["Item", "SKU", "Qty sold"], ["Blue Mug", "MUG-BLU", 9]]),
                        ("Mar 2024", [["Product", "Code", "Sold"], ["Blue Mug", "MUG-BLU", 11],
                                      ["Tea Towel", "TOWEL-1", 2]]),
                        ("Notes", [["These are our monthly sales"]])):
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)

    wizard, page = to_the_sheet_step(qtbot, shop_window, path)
    assert page.every_sheet.isChecked() and "Import every sheet (4)" in page.every_sheet.text()
    assert not page.sheets.isEnabled()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.SHEETS, timeout=10_000)
    sheets = wizard.sheets_page
    qtbot.waitUntil(lambda: sheets.checks is not None, timeout=30_000)
    table = sheets.table
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == ["Jan 2024", "Feb 2024", "Mar 2024", "Notes"]
    assert [table.item(r, 2).text() for r in range(3)] == ["2", "1", "2"]
    assert [table.item(r, 0).checkState() == Qt.CheckState.Checked for r in range(4)] == [True, True, True, False]
    assert table.item(0, 4).text() == "Monthly totals, 2024-01"
    assert "its sheet's name says it covers the month 2024-01" in table.item(0, 4).toolTip()
    assert table.item(3, 4).text()                     # why the notes sheet cannot be imported
    table.setCurrentCell(3, 0)
    assert "Nothing of this sheet can be imported" in sheets.problems.count_label.text()
    assert "command line" not in table.item(3, 4).text()      # the table says what is wrong; below, how to go on
    assert "untick 'Import every sheet' and pick it" in plain(sheets.counts.text())
    table.setCurrentCell(2, 0)                         # a sheet's own counts and notes below the table
    assert "Mar 2024" in plain(sheets.counts.text()) and "2024-03" in plain(sheets.counts.text())
    assert shop_counts(empty_shop)["sales"] == 0       # nothing stored yet
    table.item(1, 0).setCheckState(Qt.CheckState.Unchecked)    # the owner leaves February out
    assert wizard.button(COMMIT).isEnabled()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.DONE, timeout=30_000)
    done = wizard.currentPage()
    assert "2 sheets stored 4 rows as imports 1 to 2" in done.summary.text()
    assert "Sheet 'Mar 2024': import 2, 2 rows stored, 0 rejected" in plain(done.counts.text())
    with open_shop(empty_shop, create=False) as shop:
        assert sorted(tuple(r) for r in shop.query(
            "SELECT p.sku, s.date, s.qty FROM sales s JOIN products p ON p.id = s.product_id")) == [
            ("MUG-BLU", "2024-01-01", 14.0), ("MUG-BLU", "2024-03-01", 11.0), ("TOWEL-1", "2024-01-01", 3.0),
            ("TOWEL-1", "2024-03-01", 2.0)]
        assert [tuple(r) for r in shop.query("SELECT id, sheet, period FROM import_runs ORDER BY id")] == [
            (1, "Jan 2024", "month"), (2, "Mar 2024", "month")]


def test_one_sheet_of_several_is_still_the_default_for_a_workbook_not_named_by_months(qtbot, shop_window,
                                                                                     tmp_path):
    path = tmp_path / "book.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Sales"
    book.active.append(["SKU", "Date", "Quantity"])
    book.active.append(["A1", "2025-05-02", 3])
    book.create_sheet("Stock").append(["SKU", "On hand"])
    book.save(path)
    wizard, page = to_the_sheet_step(qtbot, shop_window, path)
    assert not page.every_sheet.isChecked() and page.sheets.isEnabled()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.MAPPING, timeout=10_000)


def test_rows_of_quantity_0_are_counted_not_listed_so_the_problems_list_is_whole():
    from ui.wizard.import_report import listed_total

    assert listed_total(warnings=0, rejected=1, counts={"zero_qty": 2, "already_in_shop": 5}) == 1
    assert listed_total(warnings=2, rejected=1, counts={"totals": 1, "zero_qty": 2}) == 4
