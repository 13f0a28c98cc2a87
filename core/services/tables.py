"""Writing one of core's tables to the file the owner named (.csv or .xlsx), refused clearly otherwise."""
from __future__ import annotations

from pathlib import Path

from core.errors import UserError
from core.i18n import _

TABLE_SUFFIXES = (".csv", ".xlsx")


def check_table_path(out: str | Path) -> Path:
    """Refuse a file name that is neither .csv nor .xlsx before any work is done."""
    out = Path(out)
    if out.suffix.lower() not in TABLE_SUFFIXES:
        raise UserError(_("Cannot write {file}: the file name must end in .csv or .xlsx.").format(file=out))
    return out


def write_table(frame, out: str | Path) -> int:
    """The table at `out`; the rows written."""
    out = check_table_path(out)
    try:
        if out.suffix.lower() == ".csv":
            frame.to_csv(out, index=False)
        else:
            frame.to_excel(out, index=False)
    except PermissionError:
        raise UserError(_("Cannot write {file}: it is open in another program or the folder is read-only.").format(
            file=out)) from None
    except OSError as err:
        raise UserError(_("Cannot write {file}: {reason}.").format(file=out, reason=err.strerror or err)) from None
    return len(frame)
