"""The shop file itself: open, create, the demo, what it holds, the products list, the shop's settings."""
from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from pathlib import Path

from core.compute.settings import ComputeSettings, load_compute_settings, save_compute_settings
from core.documents.shop_details import ShopDetails, load_shop_details, save_shop_details
from core.errors import UserError
from core.importing import non_product_codes
from core.policy.settings import PolicySettings, load_policy_settings, save_policy_settings
from core.i18n import _
from core.jobs import JobContext, null_context
from core.services.changes import PRODUCTS, SETTINGS, Changed, changed
from core.services.closures import Closure, ClosureChanges, list_closures, store_closures
from core.store.backups import Retention, backups_folder, load_retention, save_retention
from core.store.db import atomic, check_integrity, open_shop
from core.store.queries import ProductsOverview, category_names, products_overview, shop_summary, supplier_names


def require_shop(shop_path: str | Path) -> Path:
    """The path of an existing shop file, or a clear refusal (the command line's --db)."""
    path = Path(shop_path)
    if not path.exists():
        raise UserError(_("There is no shop file at {path}.").format(path=path))
    return path


def open_and_summarise(shop_path: Path, *, ctx: JobContext | None = None, create: bool = True) -> dict:
    """Open (creating or migrating as needed) and say what the shop holds."""
    with open_shop(shop_path, create=create) as shop:
        return {**shop_summary(shop), "read_only": shop.read_only}


def open_in_window(shop_path: Path, *, ctx: JobContext | None = None, create: bool = True,
                   read_only: bool = False) -> dict:
    """The window opens a shop: its lock taken for this process (refused where another ShelfWise window has it open),
    then the shop opened (created or migrated as needed), quick-checked and summarised. `read_only`: the owner
    chose to look at a shop another window holds; this process then opens it read-only until it lets it go."""
    from core.store import lock
    from core.store.db import stop_viewing_read_only, view_read_only

    if read_only:
        view_read_only(shop_path, "held")
        try:
            with open_shop(shop_path, create=False) as shop:
                return {**shop_summary(shop), "read_only": shop.read_only}
        except BaseException:
            stop_viewing_read_only(shop_path)
            raise
    stop_viewing_read_only(shop_path)
    lock.acquire(shop_path)
    try:
        with open_shop(shop_path, create=create) as shop:
            check_integrity(shop)            # a damaged file is refused here, with the offer of the last backup
            return {**shop_summary(shop), "read_only": shop.read_only}
    except BaseException:
        lock.release(shop_path)
        raise


def check_shop_fully(shop_path: Path, *, ctx: JobContext | None = None) -> None:
    """SQLite's full integrity check of the shop shown (in the background after it opens); ShopFileDamaged where it
    finds anything."""
    from core.store.db import check_integrity_fully

    with open_shop(shop_path, create=False) as shop:
        check_integrity_fully(shop, ctx)


def take_shop(shop_path: Path, *, ctx: JobContext | None = None) -> None:
    """The window shows a shop it made itself (a new shop, the demo): its lock, for this process."""
    from core.store import lock

    lock.acquire(shop_path)


def release_shop(shop_path: Path, *, ctx: JobContext | None = None) -> None:
    """The window no longer shows the shop (closed, or another shop opened)."""
    from core.store import lock
    from core.store.db import stop_viewing_read_only

    stop_viewing_read_only(shop_path)
    lock.release(shop_path)


def create_shop(shop_path: Path, *, ctx: JobContext | None = None, name: str | None = None) -> dict:
    """A new, empty shop file."""
    with open_shop(shop_path, create=True) as shop:
        if name:
            shop.set_setting("shop_name", name)
        return shop_summary(shop)


@dataclass(frozen=True)
class DemoBuilt:
    path: Path
    seconds: float


def build_demo(shop_path: Path, *, ctx: JobContext | None = None, seed: int = 7, forecast: bool = False) -> DemoBuilt:
    """The demo shop, written on first run (refuses to overwrite a file). With `forecast` (the window's first run) it
    also gets a quick forecast (no neural model, no ETS/ARIMA: seconds), so that its dashboard opens with its alerts
    and its Orders page with a plan, instead of "no forecast yet"."""
    from core.demo import build_demo_shop

    ctx = ctx or null_context()
    started = time.perf_counter()
    path = build_demo_shop(shop_path, seed=seed, ctx=ctx.sub(0.0, 0.5) if forecast else ctx)
    if forecast:
        from core.forecasting import ForecastSettings, forecast_shop

        with open_shop(path, create=False) as shop:
            forecast_shop(shop, settings=ForecastSettings(neural=False, statistical_max_products=0, seed=seed),
                          ctx=ctx.sub(0.5, 1.0))
    return DemoBuilt(Path(path), time.perf_counter() - started)


@dataclass(frozen=True)
class ProductsData:
    overview: ProductsOverview
    suppliers: list[str]
    categories: list[str]


def load_products(shop_path: Path, *, ctx: JobContext) -> ProductsData:
    with open_shop(shop_path, create=False) as shop:
        ctx.progress(0.1, _("Reading products and sales"))
        from core.forecasting.periods import shop_period

        overview = products_overview(shop, period=shop_period(shop))
        ctx.check_cancelled()
        return ProductsData(overview, supplier_names(shop), category_names(shop))


def export_table(shop_path: Path, *, kind: str, out: Path, ctx: JobContext | None = None) -> int:
    """What the shop holds (sales, stock, products, suppliers) as a .csv or .xlsx; the rows written."""
    from core.exporting import export

    with open_shop(require_shop(shop_path), create=False) as shop:
        return export(shop, kind, str(out))


# ---- the shop's settings


def load_non_product_codes(shop_path: Path, *, ctx: JobContext | None = None) -> list[str]:
    with open_shop(shop_path, create=False) as shop:
        return list(non_product_codes(shop))


def save_non_product_codes(shop_path: Path, *, codes: list[str], ctx: JobContext | None = None) -> Changed[list[str]]:
    """Store the shop's list of codes that are not products (blank lines and repeats dropped, order kept)."""
    with open_shop(shop_path, create=False) as shop:
        return changed(_store_non_product_codes(shop, codes), SETTINGS, PRODUCTS)


def _store_non_product_codes(shop, codes: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for code in codes:
        code = code.strip()
        if code and code.casefold() not in seen:
            seen[code.casefold()] = code
    cleaned = list(seen.values())
    shop.set_setting("non_product_codes", cleaned)
    return cleaned


@dataclass(frozen=True)
class SettingsData:
    """What the Settings dialog shows."""
    codes: list[str]              # the codes that are not products
    policy: PolicySettings
    shop_details: ShopDetails
    retention: Retention = field(default_factory=Retention)     # how many backups the backups folder keeps
    backups_folder: Path | None = None
    compute: ComputeSettings = field(default_factory=ComputeSettings)   # where the forecast's heavy work runs
    closures: list[Closure] = field(default_factory=list)     # the days the owner says the shop is closed


def load_settings(shop_path: Path, *, ctx: JobContext | None = None) -> SettingsData:
    """What the Settings dialog shows: the codes that are not products, the ordering settings and the shop's
    details printed on its purchase orders."""
    with open_shop(shop_path, create=False) as shop:
        return SettingsData(list(non_product_codes(shop)), load_policy_settings(shop), load_shop_details(shop),
                            load_retention(shop), backups_folder(shop_path), load_compute_settings(shop),
                            list_closures(shop))


def save_settings(shop_path: Path, *, codes: list[str], policy_changes: dict, shop_details=None,
                  retention: Retention | None = None, compute: ComputeSettings | None = None,
                  closures: ClosureChanges | None = None, ctx: JobContext | None = None) -> Changed[list[str]]:
    """The Settings dialog's Save, all or nothing: the ordering settings are checked first and the shop's details
    by core as they are stored (a bad value stores nothing). Only the fields the dialog shows are changed (the
    budget set on the Orders page is kept)."""
    with open_shop(shop_path, create=False) as shop:
        policy = dataclasses.replace(load_policy_settings(shop), **policy_changes).check()
        if retention is not None:
            retention.check()
        if compute is not None:
            compute.check()
        with atomic(shop):
            if compute is not None:
                save_compute_settings(shop, compute)
            if shop_details is not None:
                save_shop_details(shop, shop_details)
            if retention is not None:        # applied at the next backup: lowering it never deletes one at once
                save_retention(shop, retention)
            cleaned = _store_non_product_codes(shop, codes)
            save_policy_settings(shop, policy)
            if closures is not None:         # the days the shop is closed (Settings ▸ Closed days)
                store_closures(shop, closures)
    return changed(cleaned, SETTINGS, PRODUCTS)


def read_logo_file(path: Path, *, ctx: JobContext | None = None) -> tuple[str, str]:
    """A logo file checked by core: (base64 of its bytes, its type); refused where it is not a PNG or JPEG."""
    details = ShopDetails().with_logo(path)
    return details.logo_base64, details.logo_type




ASKED_FOR_DETAILS = "shop_details_asked"     # the first purchase orders asked for the shop's details once


def shop_details_to_ask(shop_path: Path, *, ctx: JobContext | None = None) -> ShopDetails | None:
    """The shop's details where its purchase orders would go out without a name, an address or an e-mail to reply
    to and the owner has not been asked yet; None where nothing needs asking."""
    with open_shop(shop_path, create=False) as shop:
        details = load_shop_details(shop)
        if shop.get_setting(ASKED_FOR_DETAILS, False):
            return None
        return details if not (details.name and details.address and details.email) else None


def complete_shop_details(shop_path: Path, *, details: ShopDetails | None,
                          ctx: JobContext | None = None) -> Changed[ShopDetails]:
    """Store the details typed when first asked (None: the owner chose not to now); either way not asked again
    (Settings ▸ Shop details changes them any time). A wrong e-mail address stores nothing."""
    with open_shop(shop_path, create=False) as shop:
        with atomic(shop):
            if details is not None:
                current = load_shop_details(shop)
                details = dataclasses.replace(current, name=details.name, address=details.address,
                                              email=details.email, phone=details.phone)
                save_shop_details(shop, details)
            shop.set_setting(ASKED_FOR_DETAILS, True)
        return changed(load_shop_details(shop), SETTINGS)


@dataclass(frozen=True)
class GettingStarted:
    """What a new shop still lacks for the plan to order well (active products only)."""
    products: int
    without_supplier: int
    without_cost: int             # neither a unit cost nor a price to estimate one from
    never_counted: int
    suppliers: int

    @property
    def needed(self) -> bool:
        return self.products > 0 and bool(self.without_supplier or self.without_cost or self.never_counted)


def getting_started(shop_path: Path, *, ctx: JobContext | None = None) -> GettingStarted:
    with open_shop(shop_path, create=False) as shop:
        row = shop.conn.execute(
            """SELECT count(*) AS products,
                      sum(p.supplier_id IS NULL) AS without_supplier,
                      sum(p.unit_cost IS NULL AND NOT EXISTS (SELECT 1 FROM prices pr WHERE pr.product_id = p.id
                                                              AND pr.unit_cost IS NOT NULL)) AS without_cost,
                      sum(NOT EXISTS (SELECT 1 FROM stock_snapshots s WHERE s.product_id = p.id)) AS never_counted
               FROM products p WHERE p.active = 1""").fetchone()
        suppliers = shop.scalar("SELECT count(*) FROM suppliers WHERE active = 1")
    return GettingStarted(int(row["products"] or 0), int(row["without_supplier"] or 0), int(row["without_cost"] or 0),
                          int(row["never_counted"] or 0), int(suppliers or 0))
