"""A purchase order as an e-mail draft: an RFC 5322 .eml file addressed to the supplier, with a short message
and the PDF attached, marked `X-Unsent: 1` so that mail programs (Outlook, Thunderbird, Apple Mail) open it as
a draft to check and send. Where no program takes .eml files, a `mailto:` link opens a new message with the
order written out in its text (a link cannot carry an attachment).
"""
from __future__ import annotations

import email.policy
import os
import re
import tempfile
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import quote

from core.documents.purchase_order import PurchaseOrderDocument, format_date, format_qty
from core.errors import UserError
from core.i18n import _

MAILTO_LIMIT = 1800         # characters: Windows hands longer links to the mail program cut short


def supplier_addresses(doc: PurchaseOrderDocument) -> list[Address]:
    """The supplier's e-mail address(es) (several may be written with commas or semicolons)."""
    text = (doc.supplier.email or "").strip()
    if not text:
        raise UserError(_("{supplier} has no e-mail address, so the order cannot be e-mailed.").format(
                            supplier=doc.supplier.name),
                        hint=_("Add the supplier's e-mail address (import the suppliers sheet with an "
                               "E-mail column), or print the order or save it as a PDF instead."))
    return [_address(part, doc.supplier.name, f"{doc.supplier.name}'s e-mail address")
            for part in re.split(r"[;,]", text) if part.strip()]


def _address(text: str, name: str, what: str) -> Address:
    text = text.strip().strip("<>").strip()
    try:
        if text.count("@") != 1 or any(ch.isspace() for ch in text):
            raise ValueError(text)
        return Address(display_name=name, addr_spec=text)
    except (ValueError, IndexError, HeaderParseError):
        raise UserError(_("{what} '{text}' is not an e-mail address like orders@supplier.com.").format(
                            what=what, text=text),
                        hint=_("Correct it, or print the order or save it as a PDF instead.")) from None


def subject(doc: PurchaseOrderDocument) -> str:
    shop = f" from {doc.shop.name}" if doc.shop.name else ""
    return f"Purchase order {doc.number}{shop}" if doc.number else f"Purchase order{shop}"


def attachment_name(doc: PurchaseOrderDocument) -> str:
    return f"{doc.number or 'Purchase order'}.pdf"


def _what(doc: PurchaseOrderDocument) -> str:
    name = f"our purchase order {doc.number}" if doc.number else "our order"
    dated = f" of {format_date(doc.order_date)}" if doc.order_date else ""
    return f"{name}{dated}: {len(doc.lines)} line{'s' if len(doc.lines) != 1 else ''}, {doc.money(doc.total)} in all"


def _closing(doc: PurchaseOrderDocument) -> list[str]:
    lines = []
    if doc.expected_date:
        lines.append(f"Please deliver by {format_date(doc.expected_date)}"
                     + (f" and quote {doc.number} on your delivery note and invoice." if doc.number else "."))
    elif doc.number:
        lines.append(f"Please quote {doc.number} on your delivery note and invoice.")
    if doc.notes.strip():
        lines += ["", doc.notes.strip()]
    sign = [x for x in (doc.shop.name, doc.shop.phone, doc.shop.email) if x]
    return lines + ["", "Kind regards,", *sign]


def body(doc: PurchaseOrderDocument) -> str:
    """The short message of the e-mail that carries the PDF."""
    return "\n".join([f"Dear {doc.supplier.name},", "", f"Please find attached {_what(doc)}.", *_closing(doc)]) + "\n"


def purchase_order_email(doc: PurchaseOrderDocument, pdf: bytes) -> EmailMessage:
    """The draft message: To the supplier, From the shop (where its e-mail is set), the PDF attached."""
    to = supplier_addresses(doc)
    message = EmailMessage(policy=email.policy.default)
    message["To"] = to
    if doc.shop.email.strip():
        message["From"] = _address(doc.shop.email, doc.shop.name, "The shop's e-mail address")
    message["Subject"] = subject(doc)
    message["X-Unsent"] = "1"
    message.set_content(body(doc), charset="utf-8")
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=attachment_name(doc))
    return message


def write_eml(doc: PurchaseOrderDocument, pdf: bytes, path: str | Path) -> Path:
    """Write the draft as an .eml file (whole or not at all) for the mail program to open."""
    path = Path(path)
    data = purchase_order_email(doc, pdf).as_bytes(policy=email.policy.default.clone(linesep="\r\n"))
    try:
        handle, temp_name = tempfile.mkstemp(prefix=".shelfwise-", suffix=".eml", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp_name, path)
    except PermissionError:
        raise UserError(_("Cannot write {path}: it is open in another program or the folder is read-only.").format(
                            path=path)) from None
    except OSError as err:
        raise UserError(_("Cannot write {path}: {reason}.").format(path=path, reason=err.strerror or err)) from None
    finally:
        if "temp_name" in locals():
            Path(temp_name).unlink(missing_ok=True)
    return path


def mailto_url(doc: PurchaseOrderDocument) -> str:
    """A mailto: link (RFC 6068) to the supplier with the subject and the order's lines written in the text, as
    many as a link can carry; the rest is counted (the full order is in the PDF)."""
    to = ",".join(quote(a.addr_spec, safe="@") for a in supplier_addresses(doc))
    head = [f"Dear {doc.supplier.name},", "", f"Here is {_what(doc)}:", ""]
    tail = ["", *_closing(doc)]
    items = [f"{line.code}  {line.description}  x {format_qty(line.qty)}" for line in doc.lines]

    def url(shown: list[str], left: int) -> str:
        more = [f"... and {left} more line{'s' if left != 1 else ''} (the full order is in the PDF)."] if left else []
        text = "\r\n".join(head + shown + more + tail)
        return f"mailto:{to}?subject={quote(subject(doc), safe='')}&body={quote(text, safe='')}"

    for count in range(len(items), -1, -1):
        link = url(items[:count], len(items) - count)
        if len(link) <= MAILTO_LIMIT or count == 0:
            return link
    return url([], len(items))
