"""The shop's own details on its documents: name, address, e-mail, phone, logo and terms, set once in Settings
and kept under the setting 'shop_details' (the logo as base64 bytes of a PNG or JPEG file)."""
from __future__ import annotations

import base64
import dataclasses
import re
import struct
from dataclasses import dataclass
from pathlib import Path

from core.errors import UserError
from core.i18n import _
from core.store.db import ShopDb

SETTING = "shop_details"
MAX_LOGO_BYTES = 1_000_000        # a logo is a small picture; a bigger file bloats every PDF and the shop file
EMAIL = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")


@dataclass
class ShopDetails:
    name: str = ""
    address: str = ""                 # several lines
    email: str = ""
    phone: str = ""
    terms: str = ""                   # printed at the foot of every purchase order
    logo_base64: str = ""
    logo_type: str = ""               # image/png or image/jpeg

    @property
    def logo(self) -> bytes:
        return base64.b64decode(self.logo_base64) if self.logo_base64 else b""

    def logo_data_uri(self) -> str:
        return f"data:{self.logo_type};base64,{self.logo_base64}" if self.logo_base64 else ""

    def logo_size(self) -> tuple[int, int] | None:
        """(width, height) in pixels, read from the image's own header."""
        return image_size(self.logo) if self.logo_base64 else None

    def with_logo(self, path: str | Path | None) -> "ShopDetails":
        """A copy with the logo read from a file (None: without a logo); refused where it is not a PNG or JPEG."""
        if path is None:
            return dataclasses.replace(self, logo_base64="", logo_type="")
        data, kind = read_logo(path)
        return dataclasses.replace(self, logo_base64=base64.b64encode(data).decode("ascii"), logo_type=kind)


def load_shop_details(shop: ShopDb) -> ShopDetails:
    """The shop's details; the shop's name (setting 'shop_name', as the demo writes it) where none was set here."""
    stored = shop.get_setting(SETTING, {}) or {}
    known = {f.name for f in dataclasses.fields(ShopDetails)}
    details = ShopDetails(**{k: str(v or "") for k, v in stored.items() if k in known})
    if not details.name:
        details.name = str(shop.get_setting("shop_name", "") or "")
    return details


def save_shop_details(shop: ShopDb, details: ShopDetails) -> None:
    """Store the shop's details (audited as a setting change); refused where the e-mail address cannot be one."""
    email = details.email.strip()
    if email and not EMAIL.match(email):
        raise UserError(_("'{email}' is not an e-mail address like orders@myshop.co.uk.").format(email=email))
    values = {f.name: str(getattr(details, f.name) or "").strip() for f in dataclasses.fields(ShopDetails)}
    shop.set_setting(SETTING, values)


def read_logo(path: str | Path) -> tuple[bytes, str]:
    """The bytes and the type of a logo file: a PNG or a JPEG of at most 1 MB."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(_("There is no file at {path}.").format(path=path)) from None
    except OSError as err:
        raise UserError(_("Cannot read {file}: {reason}.").format(file=path.name, reason=err.strerror or err)) from None
    kind = image_type(data)
    if kind is None:
        raise UserError(_("{file} is not a picture ShelfWise can use as a logo.").format(file=path.name),
                        hint=_("Choose a PNG or JPEG file."))
    if len(data) > MAX_LOGO_BYTES:
        raise UserError(_("{file} is {megabytes:.1f} MB: a logo must be 1 MB or less.").format(
                            file=path.name, megabytes=len(data) / 1e6),
                        hint=_("Save a smaller copy of it (a few hundred pixels wide is plenty) and choose "
                               "that."))
    if image_size(data) is None:
        raise UserError(_("{file} looks like a picture but cannot be read (the file may be damaged).").format(
                            file=path.name))
    return data, kind


def image_type(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    return None


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG's IHDR or a JPEG's frame header; None where it cannot be found."""
    kind = image_type(data)
    if kind == "image/png":
        if len(data) >= 24 and data[12:16] == b"IHDR":
            width, height = struct.unpack(">II", data[16:24])
            return (width, height) if width and height else None
        return None
    if kind == "image/jpeg":
        at = 2
        while at + 4 <= len(data):
            if data[at] != 0xFF:
                return None
            marker = data[at + 1]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:   # markers without a length
                at += 2
                continue
            length = struct.unpack(">H", data[at + 2:at + 4])[0]
            if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
                if at + 9 > len(data):
                    return None
                height, width = struct.unpack(">HH", data[at + 5:at + 9])
                return (width, height) if width and height else None
            at += 2 + length
    return None
