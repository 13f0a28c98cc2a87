"""ui/main_window.py and ui/app.py: which shop opens, the File menu's shops, drag-and-drop, the crash hook."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from core.store.db import open_shop
from ui import app as app_module
from ui.errors import CrashDialog, excepthook
from ui.wizard.import_wizard import ImportWizard
from ui.main_window import MAX_RECENT, file_from_mime, recent_shops, remember_shop


def drop(window, path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def test_the_title_and_status_bar_name_the_shop_and_what_it_holds(qtbot, window, open_in_window, demo_shop):
    open_in_window(demo_shop)
    assert window.windowTitle() == "Demo Gift & Grocery — ShelfWise"
    status = window.shop_label.text()
    assert status.startswith("Demo Gift & Grocery: 300 products, 8 suppliers, ")
    assert "sales lines (2023-06-02 to 2025-05-31)" in status
    assert window.products_page.model.rowCount() == 300


def test_dropping_a_spreadsheet_opens_the_import_wizard_with_it(qtbot, window, open_in_window, empty_shop,
                                                                sales_csv):
    open_in_window(empty_shop)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(sales_csv))])
    assert file_from_mime(mime) == sales_csv
    drop(window, sales_csv)
    wizard = window.wizard
    qtbot.addWidget(wizard)
    assert isinstance(wizard, ImportWizard) and wizard.isVisible()
    assert wizard.file_page.path_edit.text() == str(sales_csv)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.mapping_page.raw is not None, timeout=10_000)


def test_dropping_a_shop_file_opens_that_shop(qtbot, window, open_in_window, empty_shop, shop_with_sales):
    open_in_window(empty_shop)
    drop(window, shop_with_sales)
    qtbot.waitUntil(lambda: window.shop_path == shop_with_sales, timeout=10_000)


def test_open_recent_keeps_eight_existing_shops_newest_first(qtbot, settings, tmp_path):
    shops = []
    for number in range(10):
        path = tmp_path / f"shop-{number}.db"
        open_shop(path).close()
        shops.append(path)
        remember_shop(settings, path)
    assert recent_shops(settings) == [str(p) for p in reversed(shops)][:MAX_RECENT]
    shops[9].unlink()
    assert recent_shops(settings)[0] == str(shops[8])            # a missing file is forgotten
    assert str(shops[9]) not in settings.value("recentShops", [], type=list)


def test_the_recent_menu_reopens_a_shop(qtbot, window, open_in_window, demo_shop, shop_with_sales):
    open_in_window(shop_with_sales)
    open_in_window(demo_shop)
    window._fill_recent_menu()
    actions = window.recent_menu.actions()
    assert [a.text() for a in actions] == ["demo.db", "shop.db"]
    assert actions[1].toolTip() == str(shop_with_sales)
    actions[1].trigger()
    qtbot.waitUntil(lambda: window.shop_path == shop_with_sales, timeout=10_000)


def test_new_shop_creates_an_empty_shop_file_and_never_overwrites_one(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "corner-shop"
    window.create_shop(target)
    qtbot.waitUntil(lambda: window.shop_path == target.with_suffix(".db"), timeout=10_000)
    assert window.windowTitle() == "corner-shop — ShelfWise"
    with open_shop(target.with_suffix(".db"), create=False) as shop:
        assert shop.scalar("SELECT count(*) FROM products") == 0
    warned = []
    monkeypatch.setattr("ui.messages.QMessageBox.warning", lambda *args: warned.append(args[2]))
    window.create_shop(target.with_suffix(".db"))
    assert warned and "already exists" in warned[0]


def test_first_shop_is_the_db_argument_then_the_last_shop_then_the_demo(settings, tmp_path, monkeypatch,
                                                                         shop_with_sales):
    demo = tmp_path / "data" / "demo-shop.db"
    monkeypatch.setattr(app_module, "demo_shop_path", lambda: demo)
    assert app_module.first_shop(tmp_path / "new.db", settings) == (tmp_path / "new.db", "create")
    assert app_module.first_shop(None, settings) == (demo, "build-demo")
    remember_shop(settings, shop_with_sales)
    assert app_module.first_shop(None, settings) == (shop_with_sales, "open")
    assert app_module.first_shop(shop_with_sales, settings) == (shop_with_sales, "open")


@pytest.mark.slow
def test_first_run_builds_the_demo_shop_in_the_background_and_opens_it(qtbot, settings, tmp_path, monkeypatch):
    demo = tmp_path / "data" / "demo-shop.db"
    monkeypatch.setattr(app_module, "demo_shop_path", lambda: demo)
    window = app_module.start_window(None, settings)
    qtbot.addWidget(window)
    assert window.runner.is_running("demo")
    assert window.progress.isVisible()                  # progress in the status bar while it is built
    qtbot.waitUntil(lambda: window.shop_path == demo, timeout=60_000)
    assert window.windowTitle() == "Demo Gift & Grocery — ShelfWise"
    qtbot.waitUntil(lambda: window.products_page.model.rowCount() == 300, timeout=20_000)
    assert recent_shops(settings) == [str(demo)]
    dashboard = window.dashboard_page          # with a forecast made with it: its alerts are there at once
    qtbot.waitUntil(lambda: dashboard.data is not None and dashboard.data.plan is not None, timeout=60_000)
    assert dashboard.model.rowCount() > 0 and dashboard.stack.currentWidget() is not dashboard.empty
    window.close()


def test_run_gui_opens_the_db_given_and_returns_when_the_window_closes(qtbot, shop_with_sales, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)     # run_gui installs its own; put it back after
    monkeypatch.setattr(app_module, "start_window",
                        lambda db: keep.append(app_module.MainWindow(None)) or _open(keep[-1], db))
    keep = []

    def _open(window, db):
        window.show()
        window.open_shop(db)
        return window

    def close_when_open():
        if keep and keep[-1].shop_path == shop_with_sales and not keep[-1].runner.is_running("products"):
            keep[-1].close()
        else:
            QTimer.singleShot(50, close_when_open)

    QTimer.singleShot(50, close_when_open)
    assert app_module.run_gui(db=shop_with_sales) == 0
    assert sys.excepthook is excepthook
    assert QApplication.organizationName() == "ShelfWise"


def test_an_uncaught_exception_shows_the_crash_dialog(qtbot, caplog):
    try:
        raise RuntimeError("a bug in a slot")
    except RuntimeError as exc:
        excepthook(type(exc), exc, exc.__traceback__)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()]
    assert len(dialogs) == 1
    assert "RuntimeError: a bug in a slot" in dialogs[0].details.toPlainText()
    assert "a bug in a slot" in caplog.text
    report = dialogs[0].log_path                      # a crash log in the app's data folder, offered to open
    assert report is not None and report.exists() and dialogs[0].open_log_button.isVisible()
    text = report.read_text(encoding="utf-8")
    assert text.startswith("ShelfWise ") and "Python 3." in text and "PySide6 " in text
    assert "Last actions" in text and "RuntimeError: a bug in a slot" in text
    dialogs[0].close()


def test_a_shop_open_in_another_shelfwise_window_is_not_opened_a_second_time(qtbot, window, open_in_window,
                                                                           shop_with_sales, tmp_path):
    import subprocess

    from PySide6.QtWidgets import QMessageBox

    from core.store import lock

    empty_shop = tmp_path / "first.db"
    open_shop(empty_shop).close()
    open_in_window(empty_shop)
    assert lock.holder(empty_shop).is_me()
    script = (f"import sys, time; sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r}); "
              f"from core.store import lock; lock.acquire({str(shop_with_sales)!r}); print('held', flush=True); "
              "time.sleep(60)")
    other = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline().strip() == "held"
        window.open_shop(shop_with_sales)
        qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible()
                                    for w in QApplication.topLevelWidgets()), timeout=10_000)
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        assert "is open in another ShelfWise window" in box.text()
        box.close()
        assert window.shop_path == empty_shop and lock.holder(empty_shop).is_me()
    finally:
        other.kill()
        other.wait()
    window.open_shop(shop_with_sales)                 # the other window closed (its process is gone): it opens
    qtbot.waitUntil(lambda: window.shop_path == shop_with_sales, timeout=10_000)
    assert lock.holder(shop_with_sales).is_me() and lock.holder(empty_shop) is None
    window.close()
    assert lock.holder(shop_with_sales) is None


def test_a_read_only_shop_opens_with_a_bar_that_says_why_and_its_changes_off(qtbot, window, open_in_window,
                                                                            shop_with_sales, monkeypatch):
    """A shop on a read-only disk (detected by core.store.db.why_read_only): the owner sees its data, a bar says why
    it cannot be changed, the window's changes are off, and a change asked for anyway is refused in words."""
    from PySide6.QtWidgets import QMessageBox

    from core.errors import ShopFileProblem
    from core.jobs import null_context
    from core.services import edits as edits_service

    monkeypatch.setattr("core.store.db.why_read_only", lambda path: "media")
    before = shop_with_sales.read_bytes()
    open_in_window(shop_with_sales)
    assert window.read_only == "media"
    qtbot.waitUntil(lambda: window.read_only_bar.isVisible(), timeout=5_000)
    assert "Read-only:" in window.read_only_bar.text() and "read-only disk or share" in window.read_only_bar.text()
    assert window.products_page.model.rowCount() > 0                  # its data is there to look at
    assert not window.import_action.isEnabled() and not window.restore_action.isEnabled()
    assert not window.undo_action.isEnabled() and not window.settings_action.isEnabled()
    for page, buttons in ((window.suppliers_page, ("add_button", "edit_button", "retire_button")),
                          (window.forecast_page, ("forecast_button", "override_button")),
                          (window.orders_page, ("create_button", "budget_button", "change_button")),
                          (window.products_page, ("edit_button",)), (window.imports_page, ("undo_button",)),
                          (window.purchase_orders_page, ("sent_button", "receive_button", "cancel_button"))):
        for name in buttons:
            assert not getattr(page, name).isEnabled(), f"{type(page).__name__}.{name}"
    window.products_page.table.selectRow(0)
    assert not window.products_page.edit_button.isEnabled()                # selecting does not turn it on
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    assert window.open_import_wizard() is None and "Read-only" in told[0]
    sku = window.products_page.model.rows()[0].sku if hasattr(window.products_page.model, "rows") else None
    with pytest.raises(ShopFileProblem, match="read-only disk or share"):
        edits_service.edit_products(shop_with_sales, skus=[sku or "A"], values={"pack_size": 6}, ctx=null_context())
    assert shop_with_sales.read_bytes() == before
    monkeypatch.undo()
    window.open_shop(shop_with_sales)                                  # writable again: the bar goes
    qtbot.waitUntil(lambda: not window.read_only_bar.isVisible(), timeout=10_000)
    assert window.import_action.isEnabled() and window.suppliers_page.add_button.isEnabled()
    assert window.forecast_page.forecast_button.isEnabled()


def test_a_damaged_shop_is_refused_with_the_offer_of_its_last_backup_and_opens_once_restored(qtbot, window,
                                                                                           shop_with_sales):
    from PySide6.QtWidgets import QMessageBox

    from core.services import backups as backups_service
    from tests.core.test_file_problems import _damage

    backups_service.back_up_now(shop_with_sales)
    _damage(shop_with_sales)
    window.open_shop(shop_with_sales)
    qtbot.waitUntil(lambda: getattr(window, "damaged_box", None) is not None and window.damaged_box.isVisible(),
                    timeout=10_000)
    box = window.damaged_box
    assert "shop.db is damaged" in box.text() and window.shop_path is None
    restore = next(b for b in box.buttons() if b.text() == "Restore from backup…")
    restore.click()
    qtbot.waitUntil(lambda: window.restore_dialog is not None and window.restore_dialog.isVisible(), timeout=10_000)
    dialog = window.restore_dialog
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == "by hand"
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: dialog.question is not None and dialog.question.isVisible(), timeout=10_000)
    dialog.question.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: window.shop_path == shop_with_sales, timeout=20_000)     # restored, then opened
    qtbot.waitUntil(lambda: window.products_page.model.rowCount() > 0, timeout=20_000)


def test_a_shop_another_window_holds_can_be_looked_at_read_only(qtbot, window, shop_with_sales):
    import subprocess

    from core.errors import ShopFileProblem
    from core.jobs import null_context
    from core.services import stock as stock_service
    from core.store import lock

    script = (f"import sys, time; sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r}); "
              f"from core.store import lock; lock.acquire({str(shop_with_sales)!r}); print('held', flush=True); "
              "time.sleep(60)")
    other = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline().strip() == "held"
        window.open_shop(shop_with_sales)
        qtbot.waitUntil(lambda: getattr(window, "in_use_box", None) is not None and window.in_use_box.isVisible(),
                        timeout=10_000)
        box = window.in_use_box
        assert "is open in another ShelfWise window" in box.text()
        next(b for b in box.buttons() if b.text() == "Open read-only").click()
        qtbot.waitUntil(lambda: window.shop_path == shop_with_sales, timeout=10_000)
        assert window.read_only == "held" and window.read_only_bar.isVisible()
        assert "another ShelfWise window has this shop open" in window.read_only_bar.text()
        assert not window.import_action.isEnabled()
        qtbot.waitUntil(lambda: window.products_page.model.rowCount() > 0, timeout=10_000)
        assert not lock.holder(shop_with_sales).is_me()                 # the other window keeps it
        with pytest.raises(ShopFileProblem, match="open in another ShelfWise window"):
            stock_service.store_counts(shop_with_sales, counts={"85123A": 4}, day=__import__("datetime").date(
                2025, 6, 1), ctx=null_context())
    finally:
        other.kill()
        other.wait()
    window.open_shop(shop_with_sales)                                    # the other window gone: opened to change
    qtbot.waitUntil(lambda: window.read_only == "" and lock.holder(shop_with_sales) is not None
                    and lock.holder(shop_with_sales).is_me(), timeout=10_000)
    assert not window.read_only_bar.isVisible()


def test_the_status_bar_counts_in_words_one_supplier_not_one_suppliers(window):
    window._show_summary({"shop_name": "Valley Parts", "products": 1, "suppliers": 1, "sales_lines": 1})
    assert window.shop_label.text() == "Valley Parts: 1 product, 1 supplier, 1 sales line"
    window._show_summary({"shop_name": "Valley Parts", "products": 3451, "suppliers": 2, "sales_lines": 37200})
    assert window.shop_label.text() == "Valley Parts: 3,451 products, 2 suppliers, 37,200 sales lines"


def test_a_budget_change_replans_the_orders_without_reloading_the_products_page(qtbot, window, open_in_window,
                                                                                 forecast_demo, monkeypatch):
    """Changes are announced, not wired: the budget service says it changed the plan, and only the pages that show
    the plan read again; a change to the suppliers does reload the Products page (it shows each one's supplier)."""
    from core.services.changes import SUPPLIERS
    from core.store.db import open_shop
    from core.policy.settings import load_policy_settings
    from ui.jobs import running_jobs, shop_events
    from ui.pages.orders_page import PLAN_JOB

    open_in_window(forecast_demo)
    qtbot.waitUntil(lambda: not running_jobs(), timeout=60_000)
    reloads: list[str] = []
    for name in ("products_page", "suppliers_page", "purchase_orders_page"):
        monkeypatch.setattr(getattr(window, name), "refresh", lambda name=name: reloads.append(name))
    changes: list[frozenset] = []
    shop_events().changed.connect(changes.append)
    page = window.orders_page
    page.budget_check.setChecked(True)
    page.budget.setValue(500.0)
    page.apply_budget()
    qtbot.waitUntil(lambda: not page.runner.is_running(PLAN_JOB) and bool(changes), timeout=60_000)
    with open_shop(forecast_demo, create=False) as shop:
        assert load_policy_settings(shop).budget == 500.0
    assert changes == [frozenset({"plan"})] and page.data.budget == 500.0
    assert reloads == []
    shop_events().changed.emit(frozenset({SUPPLIERS}))
    assert "products_page" in reloads and "suppliers_page" in reloads
