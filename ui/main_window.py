"""The main window: one shop at a time, its pages on the left, File menu, drag-and-drop import."""
from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QListWidget, QMainWindow,
                               QStackedWidget, QVBoxLayout, QWidget)

from core.edits import EditSteps
from core.errors import UserError
from core.compute.executors import shutdown_pools
from core.services import backups as backups_service
from core.services import forecast as forecast_service
from core.services.changes import ALL, PRODUCTS, SALES, SETTINGS, SUPPLIERS
from core.services import shop as shop_service
from ui.pages.dashboard_page import DashboardPage
from ui.pages.forecast_page import ForecastPage, device_words
from ui.wizard.import_wizard import ImportWizard, is_importable
from ui.pages.imports_page import ImportsPage
from ui.jobs import JobRunner, ProgressPanel, shop_events, shutdown_all
from ui.pages.orders_page import OrdersPage
from ui.pages.suppliers_page import SuppliersPage
from ui.pages.products_page import ProductsPage
from ui.pages.purchase_orders_page import PurchaseOrdersPage
from ui.dialogs.restore_dialog import RestoreDialog
from ui import messages
from ui.dialogs.replay_dialog import ReplayDialog
from ui.widgets import set_shop_read_only
from ui.dialogs.settings_dialog import SettingsDialog
from ui.edit_steps import EditStepActions
from ui.shop_files import MAX_RECENT, ShopFileActions, file_from_mime, recent_shops, remember_shop  # noqa: F401

SHOP_SUFFIXES = {".db", ".shelfwise", ".sqlite"}
# what opening a shop runs
LOADING_KINDS = ("open", "demo", "products", "forecast-load", "imports", "summary", "dashboard")
SUMMARY_WATCHES = frozenset({SALES, PRODUCTS, SUPPLIERS, SETTINGS})   # what the status bar's summary shows
QUIT_WAIT_MS = 5000


class MainWindow(ShopFileActions, EditStepActions, QMainWindow):
    """Shows one shop file; every read and write of it runs in the background."""

    shop_opened = Signal(object)   # the Path of the shop now shown

    def __init__(self, settings: QSettings | None = None):
        super().__init__()
        self.settings = settings or QSettings()
        self.shop_path: Path | None = None
        self.summary: dict = {}
        self.wizard: ImportWizard | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.restore_dialog: RestoreDialog | None = None
        self.neural_device: str | None = None
        self._closing = False           # set on close (and on a quit signal): no new background work starts
        self.runner = JobRunner(self)
        self.runner.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.setWindowTitle(self.tr("ShelfWise"))
        self.setAcceptDrops(True)
        self.resize(1280, 800)

        self.dashboard_page = DashboardPage(self.runner, self)
        self.products_page = ProductsPage(self.runner, self)
        self.suppliers_page = SuppliersPage(self.runner, self)
        self.forecast_page = ForecastPage(self.runner, self)
        self.forecast_page.device_seen.connect(self._show_neural_device)
        self.orders_page = OrdersPage(self.runner, self)
        self.purchase_orders_page = PurchaseOrdersPage(self.runner, self)
        self.orders_page.orders_created.connect(self._purchase_orders_created)
        self.imports_page = ImportsPage(self.runner, self)
        self.imports_page.undone.connect(self._after_undo)
        # One plan for both: the dashboard plans whenever the shop changes, the Orders page on request.
        self.dashboard_page.plan_made.connect(self.orders_page.show_plan)
        self.orders_page.planned.connect(self.dashboard_page.show_plan)
        self.dashboard_page.product_chosen.connect(self.show_order_of)
        self.dashboard_page.fix_chosen.connect(self.start_fix)
        self.suppliers_page.products_wanted.connect(self.show_products_of)
        # What a job changed in the shop reaches the pages that show it (each page's WATCHES), and no others.
        shop_events().changed.connect(self._shop_changed)
        self.nav = QListWidget(self)
        self.stack = QStackedWidget(self)
        for name, page in ((self.tr("Dashboard"), self.dashboard_page), (self.tr("Products"), self.products_page),
                           (self.tr("Suppliers"), self.suppliers_page),
                           (self.tr("Forecast"), self.forecast_page), (self.tr("Orders"), self.orders_page),
                           (self.tr("Purchase orders"), self.purchase_orders_page),
                           (self.tr("Imports"), self.imports_page)):
            self.nav.addItem(name)
            self.stack.addWidget(page)
        self.nav.setFixedWidth(150)
        self.nav.setStyleSheet("QListWidget { font-size: 14px; } QListWidget::item { padding: 8px 10px; }")
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        self.read_only = ""               # why the shop shown cannot be written ("file", "folder", "media"), or ""
        set_shop_read_only("")
        self.read_only_bar = QLabel(central)
        self.read_only_bar.setWordWrap(True)
        self.read_only_bar.setStyleSheet("QLabel { background: #fff3cd; color: #664d03; padding: 6px 10px; "
                                         "border-bottom: 1px solid #e0c97a; }")
        self.read_only_bar.setVisible(False)
        outer.addWidget(self.read_only_bar)
        layout = QHBoxLayout()
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        outer.addLayout(layout, 1)
        self.setCentralWidget(central)

        self.shop_label = QLabel(self.tr("No shop open"), self)
        self.neural_label = QLabel(self)
        self.neural_label.setToolTip(self.tr("Where the neural forecasting model runs: a graphics card (GPU) makes it "
                                             "much quicker than the processor (CPU)"))
        self.neural_label.setVisible(False)
        self.progress = ProgressPanel(self, keep_message=False)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.shop_label)
        self.statusBar().addPermanentWidget(self.neural_label)
        self._build_menus()

    def sizeHint(self) -> QSize:
        return QSize(1280, 800)

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        self._add_action(menu, self.tr("&New shop…"), self.new_shop, QKeySequence.StandardKey.New)
        self._add_action(menu, self.tr("&Open shop…"), self.choose_shop, QKeySequence.StandardKey.Open)
        self.recent_menu = menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        menu.addSeparator()
        self.import_action = self._add_action(menu, self.tr("&Import…"), lambda: self.open_import_wizard(),
                                              QKeySequence(self.tr("Ctrl+I")))
        menu.addSeparator()
        self.backup_action = self._add_action(menu, self.tr("&Back up now…"), self.back_up_now)
        self.restore_action = self._add_action(menu, self.tr("Restore from &backup…"), self.open_restore)
        menu.addSeparator()
        self.settings_action = self._add_action(menu, self.tr("&Settings…"), self.open_settings,
                                                QKeySequence.StandardKey.Preferences)
        menu.addSeparator()
        self._add_action(menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        edit = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = self._add_action(edit, self.tr("&Undo"), self.undo_edit, QKeySequence.StandardKey.Undo)
        self.redo_action = self._add_action(edit, self.tr("&Redo"), self.redo_edit, QKeySequence.StandardKey.Redo)
        self._show_edit_steps(EditSteps(None, None))
        plan = self.menuBar().addMenu(self.tr("&Plan"))
        self.replay_action = self._add_action(plan, self.tr("&Replay a policy on your past…"), self.open_replay)

    def _add_action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = recent_shops(self.settings)
        names = [Path(p).name for p in paths]
        for path in paths:
            name = Path(path).name
            action = self.recent_menu.addAction(name if names.count(name) == 1 else f"{name} — {Path(path).parent}")
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(partial(lambda p, _checked=False: self.open_shop(Path(p)), path))
        if not paths:
            self.recent_menu.addAction(self.tr("(none yet)")).setEnabled(False)

    # ---- opening shops
    def open_shop(self, path: Path, *, create: bool = False, read_only: bool = False) -> None:
        """Open a shop file (in the background: it may need its schema brought up to date); `read_only`: to look at
        a shop another ShelfWise window holds."""
        path = Path(path)
        self.statusBar().showMessage(self.tr("Opening {name}…").format(name=path.name))
        self.runner.start("open", partial(shop_service.open_in_window, path, create=create, read_only=read_only),
                          success=partial(self._shop_opened, path), failure=partial(self._open_failed, path),
                          progress=self.progress)

    def _shop_opened(self, path: Path, summary: dict) -> None:
        if self.shop_path is not None and self.shop_path != path:
            shop_service.release_shop(self.shop_path)      # one shop at a time: the one shown before is free again
        if summary.get("read_only") != "held":            # looked at read-only: another window holds it
            try:
                shop_service.take_shop(path)               # held already where opened; a new shop or the demo
            except UserError:
                pass
        self.shop_path = path
        remember_shop(self.settings, path)
        self._show_read_only(str(summary.get("read_only") or ""))
        self._show_summary(summary)
        self.statusBar().showMessage(self.tr("Opened {name}").format(name=path.name), 5000)
        self.dashboard_page.set_shop(path)
        self.products_page.set_shop(path)
        self.forecast_page.set_shop(path)
        self.orders_page.set_shop(path)
        self.purchase_orders_page.set_shop(path)
        self.imports_page.set_shop(path)
        self.suppliers_page.set_shop(path)
        self._update_edit_steps()
        self.runner.start("backup-daily", partial(backups_service.daily_backup, path))
        self.runner.start("integrity", partial(shop_service.check_shop_fully, path),
                          failure=partial(self._found_damaged, path))
        self.shop_opened.emit(path)

    def _show_summary(self, summary: dict) -> None:
        self.summary = summary
        name = str(summary.get("shop_name") or (self.shop_path.stem if self.shop_path else ""))
        # ends with the application's name, so that Qt does not add it a second time ("… — ShelfWise — ShelfWise")
        self.setWindowTitle(self.tr("{shop} — ShelfWise").format(shop=name))
        products, suppliers, lines = (int(summary.get(k) or 0) for k in ("products", "suppliers", "sales_lines"))
        text = self.tr("{shop}: {products}, {suppliers}, {lines}").format(
            shop=name,
            products=self.tr("1 product") if products == 1 else self.tr("{n} products").format(n=f"{products:,}"),
            suppliers=self.tr("1 supplier") if suppliers == 1 else self.tr("{n} suppliers").format(n=f"{suppliers:,}"),
            lines=self.tr("1 sales line") if lines == 1 else self.tr("{n} sales lines").format(n=f"{lines:,}"))
        if summary.get("first_sale"):
            text += self.tr(" ({first} to {last})").format(first=summary["first_sale"], last=summary["last_sale"])
        self.shop_label.setText(text)

    def pages(self) -> list[QWidget]:
        return [self.stack.widget(i) for i in range(self.stack.count())]

    def refresh(self, changes: frozenset[str] = ALL) -> None:
        """The pages that show what changed read the shop again, and the status bar its summary."""
        if self.shop_path is None:
            return
        for page in self.pages():
            if page.WATCHES & changes:
                page.refresh()
        if SUMMARY_WATCHES & changes:
            self.runner.start("summary", partial(shop_service.open_and_summarise, self.shop_path, create=False),
                              success=self._show_summary)

    @Slot(object)
    def _shop_changed(self, changed: frozenset[str]) -> None:
        self.refresh(changed)
        self._update_edit_steps()

    def show_page(self, page: QWidget) -> None:
        self.nav.setCurrentRow(self.stack.indexOf(page))

    def show_products_of(self, supplier: str) -> None:
        self.show_page(self.products_page)
        self.products_page.show_supplier(supplier)

    def start_fix(self, fix: str) -> None:
        """A getting-started fix chosen on the dashboard: where it is done."""
        state = self.dashboard_page.getting_started
        if fix == "suppliers" and state is not None and not state.suppliers:
            self.show_page(self.suppliers_page)
            self.suppliers_page.open_editor(None)
        elif fix == "counts":
            self.show_page(self.products_page)
            self.products_page.open_stocktake()
        else:       # products to give a supplier or a cost: selected on the Products page, then Change selected…
            self.show_page(self.products_page)
            self.statusBar().showMessage(self.tr("Select products (Ctrl+A for all shown), then Change selected…"),
                                         10000)

    def show_order_of(self, sku: str) -> None:
        """The Orders page on one product's line (a double-click on a dashboard alert)."""
        self.show_page(self.orders_page)
        if not self.orders_page.show_product(sku):
            self.statusBar().showMessage(self.tr("{sku} is not in the plan").format(sku=sku), 5000)

    def _purchase_orders_created(self, made) -> None:
        """Drafts made on the Orders page: shown on the Purchase orders page; the plan is made again around them."""
        self.show_page(self.purchase_orders_page)
        self.purchase_orders_page.show_created(made)

    # ---- importing
    def open_import_wizard(self, file_path: str | Path | None = None) -> ImportWizard | None:
        if self.shop_path is None:
            messages.inform(self, self.tr("Import"), self.tr("Open or create a shop first."))
            return None
        if self.read_only:
            messages.inform(self, self.tr("Import"), self.read_only_bar.text())
            return None
        if self.wizard is not None and self.wizard.isVisible():
            if file_path and self.wizard.currentId() == ImportWizard.FILE:
                self.wizard.file_page.path_edit.setText(str(file_path))
            self.wizard.raise_()
            self.wizard.activateWindow()
            return self.wizard
        if self.wizard is not None:
            self.wizard.deleteLater()
        self.wizard = ImportWizard(self.shop_path, self, file_path=file_path)
        self.wizard.imported.connect(self._after_import)
        self.wizard.show()
        return self.wizard

    def _after_import(self, report) -> None:
        self.statusBar().showMessage(self.tr("Imported {n} rows from {file}").format(
            n=f"{report.imported:,}", file=report.file), 8000)

    def _after_undo(self, summary: str) -> None:
        self.statusBar().showMessage(summary, 10000)

    # ---- replay
    def open_replay(self):
        """What the policies would have done over a window of this shop's past (ui/dialogs/replay_dialog.py)."""
        if self.shop_path is None:
            messages.inform(self, self.tr("Replay"), self.tr("Open or create a shop first."))
            return None
        dialog = ReplayDialog(self.shop_path, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # ---- settings
    def open_settings(self) -> SettingsDialog | None:
        if self.shop_path is None:
            messages.inform(self, self.tr("Settings"), self.tr("Open or create a shop first."))
            return None
        if self.settings_dialog is not None and self.settings_dialog.isVisible():
            self.settings_dialog.raise_()
            self.settings_dialog.activateWindow()
            return self.settings_dialog
        self.settings_dialog = SettingsDialog(self.shop_path, self, settings=self.settings)
        self.settings_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.settings_dialog.destroyed.connect(self._settings_closed)
        self.settings_dialog.saved.connect(self._settings_saved)
        self.settings_dialog.open()
        return self.settings_dialog

    def _settings_saved(self, codes: list[str]) -> None:
        self.statusBar().showMessage(self.tr("Settings saved: {n} codes are not products").format(n=len(codes)), 8000)

    def _settings_closed(self) -> None:
        self.settings_dialog = None

    # ---- the neural model's device
    def detect_neural_device(self) -> None:
        """Find out, in the background, where the neural model would run. This imports torch (a second or two of
        work), so it waits until the window is up and has read its shop."""
        if self.neural_device is not None or self.runner.is_running("device") or self.closing:
            return
        if any(self.runner.is_running(kind) for kind in LOADING_KINDS):
            QTimer.singleShot(500, self, self.detect_neural_device)
            return
        self.runner.start("device", forecast_service.neural_device, success=self._show_neural_device)

    def _show_neural_device(self, device: str) -> None:
        if not device:
            return
        self.neural_device = device
        self.neural_label.setText(self.tr("Neural model: {device}").format(device=device_words(device)))
        self.neural_label.setVisible(True)

    # ---- drag and drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        path = file_from_mime(event.mimeData())
        if path is not None and (is_importable(path) or path.suffix.lower() in SHOP_SUFFIXES):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = file_from_mime(event.mimeData())
        if path is None:
            return
        event.acceptProposedAction()
        self.open_dropped(path)

    def open_dropped(self, path: Path) -> None:
        """A shop file opens; anything else goes to the import wizard."""
        if path.suffix.lower() in SHOP_SUFFIXES:
            self.open_shop(path)
        else:
            self.open_import_wizard(path)

    @property
    def closing(self) -> bool:
        """The window is closing, or the app was asked to quit (ui.app's signal handler sets the application's
        `closing` property before the windows close): a background job started now (the device check imports torch,
        which cannot be cancelled) would only hold up the quit."""
        app = QApplication.instance()
        return self._closing or bool(app is not None and app.property("closing"))

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True
        # Cancels what runs (an import rolls back) and waits a little; a job that cannot stop (the import of torch)
        # is left to its daemon thread.
        shutdown_all(timeout_ms=QUIT_WAIT_MS)
        shutdown_pools(now=True)            # a worker process's chunk in flight is not waited for
        if self.shop_path is not None:
            shop_service.release_shop(self.shop_path)
        if self.wizard is not None:
            self.wizard.close()
        super().closeEvent(event)
