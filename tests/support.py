"""Small helpers that several tests and screenshot scripts share."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def translations_script():
    """scripts/translations.py as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("translations", REPO / "scripts" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("translations", module)
    spec.loader.exec_module(module)
    return module


def draw_logo(path: Path) -> None:
    """A made-up shop's logo: its initials on a rounded square, as a PNG."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    image = QImage(240, 240, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#2f4858"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRectF(0, 0, 240, 240), 40, 40)
    painter.setPen(QColor("#f2c14e"))
    painter.setFont(QFont("DejaVu Sans", 80, QFont.Weight.Bold))
    painter.drawText(QRectF(0, 0, 240, 240), Qt.AlignmentFlag.AlignCenter, "DG")
    painter.end()
    image.save(str(path), "PNG")


def wait_until(condition, timeout: float = 120.0) -> None:
    """For the screenshot scripts (no qtbot there): run the event loop until `condition()`, then let layouts and paints
    settle."""
    import time

    from PySide6.QtCore import QCoreApplication

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        QCoreApplication.processEvents()
        time.sleep(0.01)
    for _ in range(5):
        QCoreApplication.processEvents()
