"""A purchase-order document made by hand (no forecast needed): a shop and a supplier with names beyond ASCII,
a logo, terms, codes with leading zeros, packs and a weighed quantity."""
from __future__ import annotations

import datetime as dt
import os
import struct
import zlib

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from core.documents.purchase_order import DocumentLine, PurchaseOrderDocument, SupplierDetails  # noqa: E402
from core.documents.shop_details import ShopDetails  # noqa: E402


def png_bytes(width: int = 120, height: int = 60) -> bytes:
    """A small striped PNG, written by hand."""
    rows = b"".join(b"\x00" + (bytes((47, 72, 88)) if (y // 6) % 2 else bytes((214, 140, 60))) * width
                    for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@pytest.fixture
def logo_file(tmp_path):
    path = tmp_path / "logo.png"
    path.write_bytes(png_bytes())
    return path


@pytest.fixture
def document(logo_file) -> PurchaseOrderDocument:
    shop = ShopDetails(name="Café Zoë Delikatessen", address="12 Market Place\nLudlow SY8 1AA",
                       email="hello@cafezoe.example", phone="01584 000000",
                       terms="Payment 30 days from invoice.\nDeliveries Mon–Fri 8:00–16:00.").with_logo(logo_file)
    supplier = SupplierDetails("Müller & Söhne Großhandel", "Hafenstraße 3\n20457 Hamburg",
                               "bestellung@mueller-soehne.example", "+49 40 000000")
    lines = [DocumentLine(1, "MS-00216", "00216", "Bergkäse 250g", 24, 12, 2.35, 56.40),
             DocumentLine(2, "MS-4711", "04711", "Räucherlachs <Scheiben> & Dill", 6, 1, 7.99, 47.94),
             DocumentLine(3, "MS-0815", "10815", "Walnüsse lose (kg)", 2.5, 1, 11.20, 28.00)]
    return PurchaseOrderDocument(shop, supplier, "PO-000042", "draft", dt.date(2026, 3, 2), dt.date(2026, 3, 9),
                                 "EUR", lines, "Bitte an den Hintereingang.")
