"""The Chinese translation: complete in the files (every text ui/ passes to tr() is translated, with its placeholders
and & keys, and the .qm is the one built from the .ts), and complete on screen (with Chinese installed, no page,
menu, table header or dialog of the window shows an English word; the failure lists every one left)."""
from __future__ import annotations

import html
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QDoubleSpinBox,
                               QGroupBox, QHeaderView, QLabel, QLineEdit, QListWidget, QMainWindow, QMenu,
                               QPlainTextEdit, QSpinBox, QTabBar, QTextEdit, QWidget, QWizard)

from core import i18n as core_i18n
from ui.i18n import CHINESE, install_translators, set_language, uninstall_translators
from tests.support import translations_script

REPO = Path(__file__).resolve().parents[2]
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
E_MAIL = re.compile(r"\S+@\S+")
# Words that stay as they are in Chinese: names, file types, units and model names.
KEPT = {"ShelfWise", "GPU", "CPU", "CUDA", "Apple", "ABC", "XYZ", "ARIMA", "ETS", "SBA", "TSB", "Croston", "PDF", "CSV",
        "Excel", "LibreOffice", "xlsx", "xlsm", "xls", "ods", "csv", "tsv", "txt", "pdf", "png", "jpg", "jpeg",
        "PNG", "JPEG", "Ctrl", "GBP", "EUR", "USD", "English", "POST", "DISCOUNT", "VOUCHER", "ADJUST", "ADJUSTMENT",
        "FEE", "AMAZONFEE", "POSTFEE", "shelfwise",
        "Dask", "tcp", "host"}        # a product name, and the form of a scheduler address (tcp://host:8786)
ROWS_READ = 40           # table cells read per table (the first rows: enough to meet every kind of text)


# ---- the files

def test_every_text_of_the_window_is_translated_with_its_placeholders_and_the_qm_is_built():
    problems = translations_script().check(CHINESE)
    assert not problems, ("the Chinese translation is not complete; run .venv/bin/python scripts/translations.py, "
                          "translate what it lists (in resources/translations/shelfwise_zh_CN.ts, with "
                          ".venv/bin/pyside6-linguist or by hand), run it again:\n" + "\n".join(problems))


def test_lupdate_finds_no_text_that_the_extraction_misses(tmp_path):
    """pyside6-lupdate reads self.tr() and QCoreApplication.translate() itself: the script finds all of those too."""
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    assert lupdate.exists(), "pyside6-lupdate (part of PySide6-Essentials) is missing"
    script = translations_script()
    target = tmp_path / "lupdate.ts"
    subprocess.run([str(lupdate), "-silent", *sorted(str(p) for p in (REPO / "ui").rglob("*.py")), "-ts",
                    str(target)], check=True, cwd=REPO)
    ours = {message.key for message in script.ui_messages()[0]}
    missed = [key for key in script.read_ts(target) if key[0] not in ("", "QCoreApplication") and key not in ours]
    assert not missed, f"texts lupdate finds that scripts/translations.py does not: {missed}"


# ---- on screen

@pytest.fixture
def chinese(qapp, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    set_language(CHINESE, settings)
    assert install_translators(qapp, settings) == CHINESE
    assert core_i18n.language() == CHINESE
    yield settings
    uninstall_translators(qapp)          # the other tests stay English
    assert core_i18n.language() == "en"
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def _plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", text)) if "<" in text else text


def _model_texts(view: QAbstractItemView) -> list[tuple[str, str]]:
    model = view.model()
    if model is None:
        return []
    out = []
    header = getattr(view, "horizontalHeader", lambda: None)()
    for column in range(model.columnCount()):
        if header is not None and header.isSectionHidden(column):
            continue
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            out.append(("header", str(model.headerData(column, Qt.Orientation.Horizontal, role) or "")))
        for row in range(min(model.rowCount(), ROWS_READ)):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.index(row, column).data(role)
                if isinstance(value, str):
                    out.append((f"row {row + 1}", value))
    return out


def _menu_texts(menu: QMenu, where: str) -> list[tuple[str, str]]:
    out = [(where, menu.title())]
    for action in menu.actions():
        if action.menu() is not None:
            out += _menu_texts(action.menu(), f"{where} ▸ {action.menu().title()}")
        elif not action.isSeparator():
            out.append((where, action.text()))
    return out


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text a person can see in a shown window or dialog, tooltips included."""
    out: list[tuple[str, str]] = [("window title", root.windowTitle())]
    if isinstance(root, QMainWindow):
        for action in root.menuBar().actions():
            if action.menu() is not None:
                out += _menu_texts(action.menu(), "menu")
        out.append(("status bar", root.statusBar().currentMessage()))
    if isinstance(root, QWizard):
        page = root.currentPage()
        out += [("wizard title", page.title()), ("wizard subtitle", page.subTitle())]
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        where = type(widget).__name__ + (f" {widget.objectName()}" if widget.objectName() else "")
        texts = [widget.toolTip(), widget.statusTip(), widget.whatsThis()]
        if isinstance(widget, QLabel):
            texts.append(widget.text())
        elif isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())] + \
                [widget.tabToolTip(i) for i in range(widget.count())]
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, (QSpinBox, QDoubleSpinBox)):
            texts += [widget.prefix(), widget.suffix(), widget.specialValueText()]
        elif isinstance(widget, QAbstractSpinBox):
            texts.append(widget.specialValueText())
        if isinstance(widget, QListWidget):
            texts += [widget.item(i).text() for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            out += [(f"{where} {place}", text) for place, text in _model_texts(widget)]
        if isinstance(widget, pg.PlotWidget):
            item = widget.getPlotItem()
            if item.legend is not None:
                texts += [label.text for _sample, label in item.legend.items]
            texts += [item.getAxis(side).labelText for side in ("left", "bottom")]
        out += [(where, text) for text in texts if text]
    return [(where, _plain(text)) for where, text in out if text and text.strip()]


def shop_words(path: Path) -> list[str]:
    """The shop's own names (products, suppliers, categories, events, order numbers, ...): they stay as written."""
    with sqlite3.connect(path) as conn:
        names = [row[0] for query in (
            "SELECT sku FROM products", "SELECT name FROM products", "SELECT category FROM products",
            "SELECT name FROM suppliers", "SELECT name FROM events", "SELECT number FROM purchase_orders",
            "SELECT supplier_sku FROM products", "SELECT file_name FROM import_runs",
            "SELECT notes FROM purchase_orders", "SELECT currency FROM suppliers") for row in _rows(conn, query)]
        names += [str(value).strip('"') for (value,) in _rows(conn, "SELECT value FROM settings "
                                                                      "WHERE key IN ('shop_name', 'currency')")]
    names += [path.name, str(path), str(path.parent), str(path.parent / f"{path.stem} backups")]   # paths on disk
    return sorted({str(n) for n in names if n}, key=len, reverse=True)


def _rows(conn, query):
    try:
        return conn.execute(query).fetchall()
    except sqlite3.OperationalError:      # a column an older or newer schema does not have
        return []


def english_left(texts: list[tuple[str, str]], names: list[str]) -> list[str]:
    """Each text with English words left once the shop's own names are taken out (once per text: where first seen)."""
    left = []
    for text, where in {text: where for where, text in reversed(texts)}.items():
        rest = E_MAIL.sub(" ", text)
        for name in names:
            if name in rest:
                rest = rest.replace(name, " ")
        words = [w for w in ENGLISH_WORD.findall(rest) if w not in KEPT]
        if words:
            left.append(f"{where}: {text!r} ({', '.join(words)})")
    return left


def _idle(window) -> bool:
    from ui.main_window import LOADING_KINDS

    return not any(window.runner.is_running(kind) for kind in (*LOADING_KINDS, "orders-plan"))


def test_the_window_shows_no_english_in_chinese(qtbot, chinese, forecast_demo):
    from ui.main_window import MainWindow

    window = MainWindow(chinese)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.open_shop(forecast_demo)
    qtbot.waitUntil(lambda: window.shop_path == forecast_demo and _idle(window), timeout=60_000)
    qtbot.waitUntil(lambda: window.dashboard_page.data is not None and window.orders_page.data is not None
                    and window.forecast_page.data is not None and _idle(window), timeout=60_000)
    names = shop_words(forecast_demo)
    texts = []
    forecast = window.forecast_page
    for index in range(window.stack.count()):
        page = window.stack.widget(index)
        window.nav.setCurrentRow(index)
        if page is forecast:
            sku = forecast.model.row_at(0).sku
            forecast.select_sku(sku)
            qtbot.waitUntil(lambda: forecast.product is not None and forecast.product.view.sku == sku,
                            timeout=20_000)
        qtbot.waitUntil(lambda: _idle(window), timeout=20_000)
        QCoreApplication.processEvents()
        texts += [(f"{window.nav.item(index).text()} page, {where}", text) for where, text in visible_texts(window)]

    dialog = window.open_settings()
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=20_000)
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        QCoreApplication.processEvents()
        texts += [(f"Settings, {dialog.tabs.tabText(index)}: {where}", text) for where, text in visible_texts(dialog)]
    dialog.reject()

    if hasattr(window, "open_replay"):
        replay = window.open_replay()
        qtbot.waitUntil(lambda: not replay.runner.is_running("replay-span"), timeout=20_000)
        texts += [(f"Replay: {where}", text) for where, text in visible_texts(replay)]
        replay.reject()

    wizard = window.open_import_wizard()
    QCoreApplication.processEvents()
    texts += [(f"Import wizard: {where}", text) for where, text in visible_texts(wizard)]
    wizard.reject()

    assert len(texts) > 300                    # the walk saw the pages' contents, not only their frames
    assert any("再订货点" in text for _where, text in texts)   # an order's explanation, from core, is Chinese
    left = english_left(texts, names)
    assert not left, f"{len(left)} texts on screen are still (partly) English:\n" + "\n".join(left)
    window.close()
