"""ui/pages/imports_page.py: the list of imports, what each found, and Undo (asked first, run in the background)."""
from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QMessageBox

from core.store.db import open_shop


def plain(html_text: str) -> str:
    document = QTextDocument()
    document.setHtml(html_text)
    return " ".join(document.toPlainText().split())


def sales_in(path) -> int:
    with open_shop(path, create=False) as shop:
        return shop.scalar("SELECT count(*) FROM sales")


def test_the_page_lists_the_import_with_its_counts_and_problems(qtbot, window, open_in_window, shop_with_sales):
    page = open_in_window(shop_with_sales).imports_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    row = [page.model.index(0, column).data() for column in range(page.model.columnCount())]
    assert row[1:] == ["till-export.csv", "Sales", "7", "5", "1", "1", "in force"]
    assert page.selected_run().file_name == "till-export.csv"
    assert "Imported 5" in plain(page.counts.text())
    qtbot.waitUntil(lambda: page.problems.model.rowCount() == 3)
    assert page.undo_button.isEnabled()


def test_undo_removes_the_import_after_asking(qtbot, window, open_in_window, shop_with_sales, monkeypatch):
    page = open_in_window(shop_with_sales).imports_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    asked = []

    def answer_yes(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    page.undo_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.row_at(0).undone_at is not None,
                    timeout=20_000)
    assert "Undo import 1 of till-export.csv?" in asked[0]
    assert sales_in(shop_with_sales) == 0
    assert page.model.index(0, 7).data().startswith("undone ")
    qtbot.waitUntil(lambda: page.selected_run() is not None and page.selected_run().undone_at is not None)
    assert not page.undo_button.isEnabled()
    assert "Undid import 1" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.products_page.model.rowCount() == 0, timeout=20_000)
    qtbot.waitUntil(lambda: "0 sales lines" in window.shop_label.text(), timeout=20_000)


def test_answering_no_keeps_the_import(qtbot, window, open_in_window, shop_with_sales, monkeypatch):
    page = open_in_window(shop_with_sales).imports_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.No)
    page.undo_button.click()
    assert not window.runner.is_running("undo")
    assert sales_in(shop_with_sales) == 5
    assert page.model.row_at(0).undone_at is None


def test_the_imports_model_passes_qts_model_checks(qtbot, qtmodeltester, window, open_in_window, shop_with_sales):
    page = open_in_window(shop_with_sales).imports_page
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.problems.proxy)
    page.refresh()
    qtbot.waitUntil(lambda: not window.runner.is_running("imports"))
    page.problems.set_severity("warning")
    page.problems.set_severity("")
