"""File ▸ Settings…: the shop's own settings. How ShelfWise orders (service levels, costs, alert thresholds, the
policy), the shop's details printed on its purchase orders, the codes in sales files that are not products and the
days the shop is closed. Also the window's language, which belongs to this computer rather than to the shop. The
Ordering tab is ui/dialogs/ordering_settings.py, the Advanced tab (where the forecast runs)
ui/dialogs/advanced_settings.py, the Closed days tab ui/dialogs/closures_settings.py."""
from __future__ import annotations

import base64
import dataclasses
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFontDatabase, QPixmap
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QFrame, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QSizePolicy, QSpinBox, QTabWidget, QVBoxLayout, QWidget)

from core.errors import UserError
from core.importing.rules import DEFAULT_NON_PRODUCT_CODES
from core.services import shop as shop_service
from core.store.backups import Retention
from ui.dialogs.advanced_settings import AdvancedSettings
from ui.dialogs.closures_settings import ClosuresSettings
from ui.dialogs.ordering_settings import OrderingSettings, compact_form
from ui.i18n import available_languages, current_language, set_language
from ui.jobs import JobRunner, ProgressPanel
from ui import messages, style



def _tr(text: str) -> str:
    return QCoreApplication.translate("SettingsDialog", text)


def codes_from_text(text: str) -> list[str]:
    """One code a line; blank lines dropped (the save also drops repeats)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


LOGO_PREVIEW = (240, 80)          # pixels: about as the logo stands on the purchase order


class ShopDetailsSettings(QWidget):
    """The shop's name, address, e-mail, phone, logo and terms, as printed on every purchase order. The logo file is
    read and checked by core in the background; a file it refuses is explained here and changes nothing."""

    LOGO_JOB = "settings-logo"

    def __init__(self, runner: JobRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self._details = None                 # core's ShopDetails as loaded (fields this tab does not show are kept)
        self._logo: tuple[str, str] = ("", "")   # (base64, type) of the logo chosen
        intro = QLabel(self.tr("Printed at the top of every purchase order, in its e-mail and at the foot of its "
                               "pages."), self)
        intro.setWordWrap(True)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("The shop's name"))
        self.address = QPlainTextEdit(self)
        self.address.setPlaceholderText(self.tr("Street\nTown and postcode"))
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.email = QLineEdit(self)
        self.email.setPlaceholderText(self.tr("orders@myshop.co.uk"))
        self.email.setToolTip(self.tr("Suppliers' replies come here; the e-mail to a supplier is sent from it"))
        self.phone = QLineEdit(self)

        self.logo_preview = QLabel(self)
        self.logo_preview.setFixedSize(*LOGO_PREVIEW)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.logo_preview.setStyleSheet("QLabel { background: palette(base); color: #888888; }")
        self.choose_logo_button = QPushButton(self.tr("Choose logo…"), self)
        self.choose_logo_button.setToolTip(self.tr("A PNG or JPEG picture of at most 1 MB"))
        self.choose_logo_button.clicked.connect(lambda: self.choose_logo())
        self.remove_logo_button = QPushButton(self.tr("No logo"), self)
        self.remove_logo_button.clicked.connect(lambda: self._set_logo("", ""))
        self.logo_problem = QLabel(self)
        self.logo_problem.setWordWrap(True)
        self.logo_problem.setStyleSheet(style.text_css(style.ERROR))
        self.logo_problem.setVisible(False)
        logo_area = QWidget(self)              # as tall as it needs: the terms below take the space left
        logo_area.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.choose_logo_button)
        logo_buttons.addWidget(self.remove_logo_button)
        logo_buttons.addStretch(1)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview, 0, Qt.AlignmentFlag.AlignTop)
        logo_row.addLayout(logo_buttons)
        logo_row.addStretch(1)
        logo_box = QVBoxLayout(logo_area)
        logo_box.setContentsMargins(0, 0, 0, 0)
        logo_box.addLayout(logo_row)
        logo_box.addWidget(self.logo_problem)

        self.terms = QPlainTextEdit(self)
        self.terms.setPlaceholderText(self.tr("For example: Payment 30 days from the invoice. Please tell us at once "
                                              "if anything cannot be delivered by the date asked."))
        self.terms.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("E-mail"), self.email)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Logo"), logo_area)
        form.addRow(self.tr("Terms"), self.terms)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form, 1)
        self._set_logo("", "")

    def show_details(self, details) -> None:
        """Fill in core's ShopDetails."""
        self._details = details
        self.name.setText(details.name)
        self.address.setPlainText(details.address)
        self.email.setText(details.email)
        self.phone.setText(details.phone)
        self.terms.setPlainText(details.terms)
        self._set_logo(details.logo_base64, details.logo_type)

    def details(self):
        """Core's ShopDetails as typed here (core checks the e-mail address when it stores them)."""
        logo_base64, logo_type = self._logo
        return dataclasses.replace(self._details, name=self.name.text().strip(),
                                   address=self.address.toPlainText().strip(), email=self.email.text().strip(),
                                   phone=self.phone.text().strip(), terms=self.terms.toPlainText().strip(),
                                   logo_base64=logo_base64, logo_type=logo_type)

    def choose_logo(self, path: str | Path | None = None) -> None:
        """Read a logo file (asked for where not given) through core, in the background."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the shop's logo"), "",
                                                  self.tr("Pictures (*.png *.jpg *.jpeg);;All files (*)"))
            if not path:
                return
        self.logo_problem.setVisible(False)
        self.runner.start(self.LOGO_JOB, partial(shop_service.read_logo_file, Path(path)),
                          success=lambda logo: self._set_logo(*logo), failure=self._logo_refused)

    def _logo_refused(self, error: UserError) -> None:
        self.logo_problem.setText(messages.error_text(error))
        self.logo_problem.setVisible(True)

    def _set_logo(self, logo_base64: str, logo_type: str) -> None:
        self._logo = (logo_base64, logo_type)
        self.logo_problem.setVisible(False)
        pixmap = QPixmap()
        if logo_base64 and pixmap.loadFromData(base64.b64decode(logo_base64)):
            self.logo_preview.setPixmap(pixmap.scaled(self.logo_preview.width() - 8, self.logo_preview.height() - 8,
                                                      Qt.AspectRatioMode.KeepAspectRatio,
                                                      Qt.TransformationMode.SmoothTransformation))
        else:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(self.tr("No logo"))
        self.remove_logo_button.setEnabled(bool(logo_base64))


class SettingsDialog(QDialog):
    """Reads the shop's settings in the background, and saves them the same way."""

    saved = Signal(list)     # the codes as stored (the ordering settings were stored too)

    def __init__(self, shop_path: Path, parent: QWidget | None = None, *, settings: QSettings | None = None):
        super().__init__(parent)
        self.shop_path = Path(shop_path)
        self.app_settings = settings if settings is not None else QSettings()
        self.runner = JobRunner(self)
        self.setWindowTitle(self.tr("Settings — {shop}").format(shop=self.shop_path.name))
        self.tabs = QTabWidget(self)
        self.ordering = OrderingSettings(self)
        self.ordering.setEnabled(False)
        self.tabs.addTab(self.ordering, self.tr("Ordering"))
        self.shop = ShopDetailsSettings(self.runner, self)
        self.shop.setEnabled(False)
        self.tabs.addTab(self.shop, self.tr("Shop details"))

        codes_tab = QWidget(self)
        title = QLabel(self.tr("Codes that are not products"), codes_tab)
        title.setStyleSheet("font-weight: bold;")
        explanation = QLabel(self.tr(
            "Sales files often have lines that are not things on a shelf: postage, fees, discounts, vouchers. "
            "Lines with these product codes are set aside when sales are imported, so they are never counted "
            "or forecast as products.\n\n"
            "One code a line; capitals or not makes no difference. A * stands for any characters: ADJUST* "
            "matches ADJUST, ADJUST-1 and ADJUSTMENT; *FEE matches AMAZONFEE and POSTFEE.\n\n"
            "The list is used by the next import; sales already imported stay as they are."), codes_tab)
        explanation.setWordWrap(True)
        self.codes = QPlainTextEdit(codes_tab)
        self.codes.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.codes.setPlaceholderText(self.tr("POST\nDISCOUNT\nVOUCHER*"))
        self.codes.setEnabled(False)
        self.defaults_button = QPushButton(self.tr("Use the standard list"), codes_tab)
        self.defaults_button.setToolTip(self.tr("Put back the list ShelfWise starts with (saved only when you press "
                                                "Save)"))
        self.defaults_button.clicked.connect(lambda: self.codes.setPlainText("\n".join(DEFAULT_NON_PRODUCT_CODES)))
        self.defaults_button.setEnabled(False)
        codes_layout = QVBoxLayout(codes_tab)
        codes_layout.addWidget(title)
        codes_layout.addWidget(explanation)
        codes_layout.addWidget(self.codes, 1)
        codes_layout.addWidget(self.defaults_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.tabs.addTab(codes_tab, self.tr("Not products"))
        self.closures = ClosuresSettings(self)
        self.closures.setEnabled(False)
        self.tabs.addTab(self.closures, self.tr("Closed days"))

        backups_tab = QWidget(self)
        backups_form = compact_form()
        self.keep_last = QSpinBox(backups_tab)
        self.keep_last.setRange(1, 1000)
        self.keep_last.setSuffix(self.tr(" backups"))
        self.keep_months = QSpinBox(backups_tab)
        self.keep_months.setRange(0, 120)
        self.keep_months.setSuffix(self.tr(" months"))
        self.keep_months.setSpecialValueText(self.tr("none by month"))
        backups_form.addRow(self.tr("Keep the latest"), self.keep_last)
        backups_form.addRow(self.tr("and one a month for"), self.keep_months)
        self.backups_note = QLabel(backups_tab)
        self.backups_note.setWordWrap(True)
        self.backups_note.setStyleSheet(style.text_css(style.NOTE))
        backups_layout = QVBoxLayout(backups_tab)
        backups_intro = QLabel(self.tr(
            "ShelfWise copies the shop file before every import and before an upgrade, and once a day while the "
            "shop is open. These settings say how many of those copies to keep; older ones are removed at the "
            "next backup, never at once. File ▸ Back up now… puts a copy anywhere else (a USB stick, a cloud "
            "folder)."), backups_tab)
        backups_intro.setWordWrap(True)
        backups_layout.addWidget(backups_intro)
        backups_layout.addLayout(backups_form)
        backups_layout.addWidget(self.backups_note)
        backups_layout.addStretch(1)
        backups_tab.setEnabled(False)
        self.backups_tab = backups_tab
        self.tabs.addTab(backups_tab, self.tr("Backups"))
        self.advanced = AdvancedSettings(self)
        self.advanced.setEnabled(False)
        self.tabs.addTab(self.advanced, self.tr("Advanced"))

        self.language = QComboBox(self)
        self.language.addItem(self.tr("System language"), None)
        for code, name in available_languages():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(current_language(self.app_settings)), 0)
                                      if current_language(self.app_settings) else 0)
        self.language.setToolTip(self.tr("The language of ShelfWise on this computer (for every shop)"))
        language_note = QLabel(self.tr("Takes effect when ShelfWise starts again."), self)
        language_note.setStyleSheet(style.text_css(style.NOTE))
        language_row = QHBoxLayout()
        language_row.addWidget(QLabel(self.tr("Language"), self))
        language_row.addWidget(self.language)
        language_row.addWidget(language_note, 1)

        self.progress = ProgressPanel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(language_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(580, 680)
        self.runner.start("settings-load", partial(shop_service.load_settings, self.shop_path), success=self._loaded)

    def _loaded(self, loaded: shop_service.SettingsData) -> None:
        self.codes.setPlainText("\n".join(loaded.codes))
        self.ordering.show_settings(loaded.policy)
        self.shop.show_details(loaded.shop_details)
        self.keep_last.setValue(loaded.retention.keep_last)
        self.keep_months.setValue(loaded.retention.keep_months)
        if loaded.backups_folder is not None:
            self.backups_note.setText(self.tr("Backups folder: {folder}").format(folder=loaded.backups_folder))
        self.advanced.show_settings(loaded.compute)
        self.closures.show_closures(loaded.closures)
        for widget in (self.codes, self.defaults_button, self.save_button, self.ordering, self.shop,
                       self.backups_tab, self.advanced, self.closures):
            widget.setEnabled(True)

    def save(self) -> None:
        """Every tab at once; a value core refuses (a service level of 100%, an e-mail address that cannot be one)
        stores nothing and says why. The language is this computer's setting, kept once the shop's are saved."""
        if self.runner.is_running("settings-save"):
            return
        self.save_button.setEnabled(False)
        self.runner.start("settings-save", partial(shop_service.save_settings, self.shop_path,
                                                   codes=codes_from_text(self.codes.toPlainText()),
                                                   policy_changes=self.ordering.changes(), shop_details=self.shop.details(),
                                                   retention=Retention(self.keep_last.value(), self.keep_months.value()),
                                                   compute=self.advanced.settings(),
                                                   closures=self.closures.changes()),
                          success=self._saved, finished=lambda: self.save_button.setEnabled(True),
                          progress=self.progress)

    def _saved(self, codes: list[str]) -> None:
        set_language(self.language.currentData(), self.app_settings)
        self.saved.emit(codes)
        self.accept()

    def reject(self) -> None:
        if self.runner.is_running("settings-save"):
            return            # a save in progress finishes (it is one quick transaction) and closes the dialog
        self.runner.cancel_all()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.runner.is_running("settings-save"):
            event.ignore()
            return
        super().closeEvent(event)
