"""The built-in demo shop: two years of invented but realistic trading, written as a new shop file.

A new owner (and every test and benchmark) can try forecasting, reorder alerts and purchase orders before
importing their own spreadsheets. Demand has weekly and yearly seasons, trends, promotions, holidays, slow and
intermittent lines and new lines; stock is simulated day by day with a reorder-point policy, so a product that
runs out sells nothing until the next delivery, and the stock counts show the empty shelf.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd

from core.demo_data import CATEGORIES, HOLIDAY_TRADE, STREETS, SUPPLIERS, holidays
from core.errors import ShopFileProblem
from core.i18n import _
from core.jobs import JobContext, null_context
from core.store.db import ShopDb, atomic, audit, now_iso, open_shop

HISTORY_DAYS = 730
LOOKAHEAD_DAYS = 120       # expected demand is also worked out past today, for reorder levels and open orders
WEEKDAY_TRADE = np.array([0.85, 0.80, 0.85, 0.95, 1.15, 1.50, 1.10])   # Mon..Sun: Saturday is busiest
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
PROMOTIONS = 12
SHOP_NAME = "Demo Gift & Grocery"
SHOP_DETAILS = {"name": SHOP_NAME, "address": "14 Market Street\nHebden Bridge HX7 6AA",
                "email": "orders@demo-gift-grocery.example", "phone": "01422 840 000", "terms": "",
                "logo_base64": "", "logo_type": ""}


def build_demo_shop(path: str | os.PathLike, *, seed: int = 7, today: dt.date | None = None,
                    ctx: JobContext | None = None) -> Path:
    """Write the demo shop into a new shop file at `path`; its history ends the day before `today`.

    The same seed and the same `today` give the same data. Refuses to overwrite a non-empty file. The shop is
    built in `path + '.tmp'` and moved into place at the end, so a crash or a Cancel leaves nothing half-made.
    """
    ctx = ctx or null_context()
    target = Path(path)
    if target.exists() and target.stat().st_size > 0:
        raise ShopFileProblem(f"{target.name} already exists, so the demo shop was not written there.",
                              hint="Choose a new file name for the demo shop.")
    today = today or dt.date.today()
    first_day = today - dt.timedelta(days=HISTORY_DAYS)
    rng = np.random.default_rng(seed)

    ctx.progress(0.0, _("Inventing suppliers and products"))
    products = _invent_products(rng)
    promotions = _plan_promotions(rng, products)
    price_rises = _plan_price_rises(rng, products, promotions)
    ctx.check_cancelled()
    ctx.progress(0.05, "Working out two years of demand")
    days = pd.date_range(first_day, periods=HISTORY_DAYS + LOOKAHEAD_DAYS, freq="D")
    demand_mean = _expected_demand(rng, products, promotions, days)
    ctx.check_cancelled()
    sold, closing, received = _simulate_trading(rng, products, demand_mean, days, ctx.sub(0.1, 0.55))
    orders = _open_orders(rng, products, demand_mean, closing[-1], today)
    orders[0]["expected_date"] = today - dt.timedelta(days=2)     # one supplier is late: an overdue order

    tmp = Path(f"{target}.tmp")
    _remove_shop_file(tmp)
    shop = open_shop(tmp)
    try:
        with atomic(shop):
            _write_shop(shop, products, promotions, price_rises, received, orders, sold, closing, days,
                        seed, ctx.sub(0.55, 0.98))
        shop.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shop.close()
        os.replace(tmp, target)
    except BaseException:
        shop.close()
        _remove_shop_file(tmp)
        raise
    _remove_shop_file(tmp)   # the -wal / -shm companions, should SQLite have left any
    ctx.progress(1.0, _("Demo shop ready"))
    return target


def _remove_shop_file(file: Path) -> None:
    for part in (file, Path(f"{file}-wal"), Path(f"{file}-shm")):
        part.unlink(missing_ok=True)


def _per_product(values: list, category: np.ndarray) -> np.ndarray:
    return np.array(values)[category]


def _invent_products(rng: np.random.Generator) -> pd.DataFrame:
    """About 300 products: name, SKU, supplier, cost and price, packs, and how each one sells."""
    category = np.repeat(np.arange(len(CATEGORIES)), [c.products for c in CATEGORIES])
    n = len(category)
    names = []
    for c in CATEGORIES:
        picks = rng.choice(len(c.adjectives) * len(c.items), size=c.products, replace=False)
        names += [f"{c.adjectives[p // len(c.items)]} {c.items[p % len(c.items)]}" for p in picks]
    codes = rng.choice(np.arange(10000, 100000), size=n, replace=False)
    skus = [str(code) for code in codes]
    odd = rng.permutation(n)
    for i, small in zip(odd[:8], rng.choice(np.arange(1, 1000), size=8, replace=False)):
        skus[i] = f"{small:05d}"                            # '00123': the zeros a spreadsheet likes to eat
    for i in odd[8:20]:
        skus[i] = f"{codes[i]}{'ABCDEF'[codes[i] % 6]}"     # '85123A': a colour or size of one design
    supplier = _per_product([c.supplier for c in CATEGORIES], category)
    item_codes = rng.choice(np.arange(1000, 10000), size=n, replace=False)
    low, high = (_per_product([c.cost_range[k] for c in CATEGORIES], category) for k in (0, 1))
    unit_cost = np.round(np.exp(rng.uniform(np.log(low), np.log(high))), 2)
    sell_price = np.round(np.ceil(unit_cost * rng.uniform(1.4, 2.3, n) * 10) / 10 - 0.01, 2)   # £x.x9
    pack_size = np.array([rng.choice(CATEGORIES[k].pack_sizes) for k in category])
    min_order_qty = np.where(rng.random(n) < 0.3, pack_size * rng.integers(1, 4, n), 0)
    supplier_lead = _per_product([s.lead_time_days for s in SUPPLIERS], supplier)
    own_lead = np.where(rng.random(n) < 0.08, supplier_lead + rng.integers(2, 8, n), np.nan)
    perishable = _per_product([c.shelf_life_days is not None for c in CATEGORIES], category)
    shelf_low, shelf_high = (_per_product([(c.shelf_life_days or (0, 0))[k] for c in CATEGORIES], category)
                             for k in (0, 1))
    shelf_life = np.where(perishable, rng.integers(shelf_low, shelf_high + 1), np.nan)
    rate = _per_product([c.daily_rate for c in CATEGORIES], category) * rng.lognormal(0.0, 0.7, n)
    slow = rng.random(n) < 0.2                               # a few sales a month at most
    rate = np.where(slow, rng.uniform(0.05, 0.5, n), rate)
    lumpy = ~slow & ~perishable & (rng.random(n) < 0.12)     # the odd customer buying a dozen at once
    careless = rng.random(n) < 0.15                          # reordered too late, so they run out
    return pd.DataFrame({
        "sku": skus, "name": names, "category": category, "supplier": supplier,
        "supplier_sku": [f"{SUPPLIERS[s].code}-{c}" for s, c in zip(supplier, item_codes)],
        "unit_cost": unit_cost, "sell_price": sell_price, "pack_size": pack_size, "min_order_qty": min_order_qty,
        "own_lead_time": own_lead, "lead_time": np.where(np.isnan(own_lead), supplier_lead, own_lead).astype(int),
        "shelf_life": shelf_life, "daily_rate": rate, "lumpy": lumpy,
        "launch_day": np.where(rng.random(n) < 0.05, rng.integers(180, HISTORY_DAYS - 60, n), 0),
        "growth": np.clip(rng.normal(0.0, 0.3, n), -0.7, 0.7),                  # log change a year
        "safety_z": np.where(careless, rng.uniform(-0.8, 0.2, n), rng.uniform(1.0, 2.2, n)),
        "cover_days": np.where(perishable, np.clip(np.nan_to_num(shelf_life) - 1, 1, 6),
                               rng.integers(14, 43, n)).astype(int),
    })


def _plan_promotions(rng: np.random.Generator, products: pd.DataFrame) -> pd.DataFrame:
    """A dozen one-or-two-week promotions on established, steady sellers: cheaper (never below cost), and they
    sell more."""
    steady = np.flatnonzero((products.launch_day == 0) & (products.daily_rate >= 1.0)
                            & (products.sell_price >= 1.6 * products.unit_cost))
    product = np.sort(rng.choice(steady, PROMOTIONS, replace=False))
    discount = rng.choice([0.2, 0.25, 1 / 3], PROMOTIONS)
    price, cost = products.sell_price.to_numpy()[product], products.unit_cost.to_numpy()[product]
    step = np.where(price < 2, 0.05, 0.10)                  # promotion prices end in 4 or 9 pence
    return pd.DataFrame({
        "product": product, "start": rng.integers(30, HISTORY_DAYS - 30, PROMOTIONS),
        "length": rng.integers(7, 15, PROMOTIONS), "uplift": rng.uniform(1.6, 2.6, PROMOTIONS),
        "price": np.maximum(np.round(price * (1 - discount) / step) * step - 0.01, cost + 0.01).round(2),
    })


def _plan_price_rises(rng: np.random.Generator, products: pd.DataFrame, promotions: pd.DataFrame) -> pd.DataFrame:
    """A quarter of the other products went up in price once; `products` holds today's (risen) prices."""
    others = np.setdiff1d(np.arange(len(products)), promotions["product"])
    product = np.sort(rng.choice(others, len(products) // 4, replace=False))
    rise = rng.uniform(0.04, 0.12, len(product))
    return pd.DataFrame({
        "product": product, "day": rng.integers(60, HISTORY_DAYS - 30, len(product)),
        "old_price": (np.floor(products.sell_price.to_numpy()[product] / (1 + rise) * 10) / 10 - 0.01).round(2),
        "old_cost": (products.unit_cost.to_numpy()[product] / (1 + rise * 0.8)).round(2),
    })


def _season(category_season: str, strength: float, days: pd.DatetimeIndex) -> np.ndarray:
    """How busy each day is for a category, relative to its ordinary level."""
    day_of_year = days.dayofyear.to_numpy()
    if category_season == "christmas":              # builds from November to Christmas Eve, then a lull
        to_christmas_eve = 358 + days.is_leap_year.astype(int) - day_of_year
        build_up = np.clip(1 - to_christmas_eve / 56, 0, 1) ** 2
        return np.where(to_christmas_eve < 0, 0.6, np.where(days.month == 1, 0.75, 1 + strength * build_up))
    if category_season == "summer":                 # peaks in mid-July
        bump = ((1 + np.cos(2 * np.pi * (day_of_year - 196) / 365.25)) / 2) ** 2
        return 0.7 + strength * bump
    return np.ones(len(days))


def _expected_demand(rng: np.random.Generator, products: pd.DataFrame, promotions: pd.DataFrame,
                     days: pd.DatetimeIndex) -> np.ndarray:
    """Mean units a day for every day x product: weekday x holiday x season x trend x launch x promotion."""
    day_trade = WEEKDAY_TRADE[days.weekday.to_numpy()] * rng.lognormal(0.0, 0.08, len(days))   # weather, luck
    for date, name in holidays(days[0].date(), days[-1].date()):
        day_trade[(date - days[0].date()).days] *= HOLIDAY_TRADE[name]
    season = np.stack([_season(c.season, c.season_strength, days) for c in CATEGORIES], axis=1)
    t = np.arange(len(days))[:, None]
    launch = products.launch_day.to_numpy()[None, :]
    trend = np.exp(products.growth.to_numpy()[None, :] * (t - (HISTORY_DAYS - 1)) / 365.0)
    ramp = np.where(launch == 0, 1.0,                               # a new line: word gets round in weeks
                    np.where(t >= launch, 1 - np.exp(-(t - launch + 1) / 21.0), 0.0))
    mean = (products.daily_rate.to_numpy()[None, :] * day_trade[:, None] * season[:, products.category]
            * trend * ramp)
    for promo in promotions.itertuples():
        mean[promo.start:promo.start + promo.length, promo.product] *= promo.uplift
    return mean


def _simulate_trading(rng: np.random.Generator, products: pd.DataFrame, demand_mean: np.ndarray,
                      days: pd.DatetimeIndex, ctx: JobContext) -> tuple[np.ndarray, np.ndarray]:
    """Day by day: deliveries arrive, customers buy what is on the shelf, and on the supplier's order days
    the shop reorders up to a level when stock plus what is on order falls to the reorder point.

    Returns units sold and closing stock, each days x products, and the orders that arrived (day ordered,
    supplier, products, quantities, day the last line arrived): the shop's received purchase orders, from which
    the app learns each supplier's real lead times. Orders still on their way at the end are dropped (they have
    not touched the history); `_open_orders` decides what is on order today.
    """
    n = len(products)
    col = np.arange(n)
    history = demand_mean[:HISTORY_DAYS]
    wanted = rng.poisson(history).astype(float)
    lumpy = products.lumpy.to_numpy()
    dispersion = 0.4
    wanted[:, lumpy] = rng.negative_binomial(dispersion, dispersion / (dispersion + history[:, lumpy]))
    supplier = products.supplier.to_numpy()
    # delivery delays, one per supplier and day: a late van brings the whole order late
    late = rng.choice([0, 1, 2, 7], size=(HISTORY_DAYS, len(SUPPLIERS)), p=[0.82, 0.11, 0.05, 0.02])[:, supplier]

    order_weekdays = [_order_weekdays(j) for j in range(len(SUPPLIERS))]
    may_order = np.array([[w in order_weekdays[s] for s in supplier] for w in range(7)])   # weekday x product
    days_to_next_order = np.array([7 / len(order_weekdays[s]) for s in supplier]).round().astype(int)
    lead, cover = products.lead_time.to_numpy(), products.cover_days.to_numpy()
    protect = lead + days_to_next_order          # an order placed now must last until the next one arrives
    variance_factor = np.where(lumpy, 1 + products.daily_rate.to_numpy() / dispersion, 1.0)
    safety_z, pack = products.safety_z.to_numpy(), products.pack_size.to_numpy().astype(float)
    min_qty, launch = products.min_order_qty.to_numpy(), products.launch_day.to_numpy()
    cumulative = np.vstack([np.zeros(n), np.cumsum(demand_mean, axis=0)])

    def expected(start: np.ndarray | int, length: np.ndarray) -> np.ndarray:
        return cumulative[start + length, col] - cumulative[start, col]

    def order_up_to(t: int) -> tuple[np.ndarray, np.ndarray]:
        during_lead = expected(t + 1, protect)
        reorder_point = np.maximum(during_lead + safety_z * np.sqrt(during_lead * variance_factor), 0.0)
        return reorder_point, reorder_point + expected(t + 1 + protect, cover)

    def in_packs(qty: np.ndarray) -> np.ndarray:
        return np.ceil(np.maximum(qty, min_qty) / pack) * pack

    weekday = days.weekday.to_numpy()
    arrivals = np.zeros((HISTORY_DAYS + int(protect.max()) + 10, n))
    reorder_point, up_to = order_up_to(0)
    on_hand = np.where(launch == 0, np.round(rng.uniform(reorder_point, up_to)), 0.0)
    for i in np.flatnonzero(launch > 0):                       # a new line starts with a first delivery
        arrivals[launch[i], i] = in_packs(order_up_to(launch[i])[1])[i]
    on_order = arrivals.sum(axis=0)
    sold = np.zeros((HISTORY_DAYS, n))
    closing = np.zeros((HISTORY_DAYS, n))
    received = []
    for t in range(HISTORY_DAYS):
        on_hand += arrivals[t]
        on_order -= arrivals[t]
        sold[t] = np.minimum(wanted[t], on_hand)
        on_hand -= sold[t]
        closing[t] = on_hand
        reorder_point, up_to = order_up_to(t)
        position = on_hand + on_order
        due = may_order[weekday[t]] & (t >= launch) & (position <= reorder_point)
        if due.any():
            qty = in_packs(up_to - position)[due]
            arrive = t + lead[due] + late[t, due]
            arrivals[arrive, col[due]] += qty
            on_order[due] += qty
            for j in np.unique(supplier[due]):
                mine = supplier[due] == j
                if arrive[mine].max() < HISTORY_DAYS:    # the supplier's van; lines with their own lead time follow
                    van = t + SUPPLIERS[j].lead_time_days + int(late[t, col[due][mine][0]])
                    received.append((t, int(j), col[due][mine], qty[mine], van))
        if t % 73 == 0:
            ctx.progress(t / HISTORY_DAYS, _("Simulating two years of trading"))
            ctx.check_cancelled()
    return sold, closing, received


def _order_weekdays(supplier_index: int) -> set[int]:
    order_days = SUPPLIERS[supplier_index].order_days
    return {WEEKDAYS.index(d) for d in order_days.split(",")} if order_days else set(range(7))


def _open_orders(rng: np.random.Generator, products: pd.DataFrame, demand_mean: np.ndarray,
                 stock_today: np.ndarray, today: dt.date) -> list[dict]:
    """Three purchase orders sent in the last week and not delivered yet: the only stock on order today.

    Each goes to a far-away supplier (lead time 10 days or more, so it is still on its way) on its last order
    day, for the 3-8 of its products that will run out soonest, up to about four weeks' stock past delivery.
    """
    far = [j for j, s in enumerate(SUPPLIERS) if s.lead_time_days >= 10]
    orders = []
    for j in sorted(int(x) for x in rng.choice(far, 3, replace=False)):
        supplier = SUPPLIERS[j]
        order_date = next(today - dt.timedelta(days=k) for k in range(1, 8)
                          if (today - dt.timedelta(days=k)).weekday() in _order_weekdays(j))
        mine = np.flatnonzero(products.supplier.to_numpy() == j)
        selling_now = demand_mean[HISTORY_DAYS - 28:HISTORY_DAYS, mine].mean(axis=0)
        days_left = stock_today[mine] / np.maximum(selling_now, 0.01)
        lines = np.sort(mine[np.argsort(days_left, kind="stable")[:rng.integers(3, 9)]])
        horizon = supplier.lead_time_days + 28
        short = demand_mean[HISTORY_DAYS:HISTORY_DAYS + horizon, lines].sum(axis=0) - stock_today[lines]
        pack = products.pack_size.to_numpy()[lines].astype(float)
        smallest = np.maximum(products.min_order_qty.to_numpy()[lines], pack)
        orders.append({"supplier": j, "order_date": order_date,
                       "expected_date": order_date + dt.timedelta(days=supplier.lead_time_days),
                       "lines": lines, "qty": np.ceil(np.maximum(short, smallest) / pack) * pack})
    return orders


def _selling_prices(products: pd.DataFrame, promotions: pd.DataFrame, price_rises: pd.DataFrame) -> np.ndarray:
    """The shelf price of every product on every day of the history (before rises, during promotions)."""
    price = np.tile(products.sell_price.to_numpy(), (HISTORY_DAYS, 1))
    for rise in price_rises.itertuples():
        price[:rise.day, rise.product] = rise.old_price
    for promo in promotions.itertuples():
        price[promo.start:promo.start + promo.length, promo.product] = promo.price
    return price


def _line_key(sku: str, date: str) -> int:
    """A stable signed 64-bit key per product-day, so re-importing the same demo line is recognised."""
    digest = hashlib.blake2b(f"demo:{sku}:{date}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _none_if_nan(values: list) -> list:
    return [None if v != v else v for v in values]


def _write_shop(shop: ShopDb, products: pd.DataFrame, promotions: pd.DataFrame, price_rises: pd.DataFrame,
                received: list[tuple], orders: list[dict], sold: np.ndarray, closing: np.ndarray, days: pd.DatetimeIndex, seed: int,
                ctx: JobContext) -> None:
    """Every row in one transaction, each tagged with the demo's import run so that it can be undone whole."""
    conn = shop.conn
    dates = [d.date().isoformat() for d in days]
    import_id = conn.execute(
        "INSERT INTO import_runs(started_at, file_name, kind, layout, period) VALUES (?, ?, 'demo', 'long', 'day')",
        (now_iso(), _("Demo shop (generated)"))).lastrowid
    counts: dict[str, int] = {}

    def insert(table: str, columns: str, rows: list[tuple]) -> None:
        marks = ",".join("?" * (columns.count(",") + 2))
        conn.executemany(f"INSERT INTO {table}({columns}, import_id) VALUES ({marks})",
                         [(*row, import_id) for row in rows])
        counts[table] = counts.get(table, 0) + len(rows)

    ctx.progress(0.0, _("Writing suppliers and products"))
    insert("suppliers", "id, name, email, phone, address, lead_time_days, order_days, min_order_value, currency",
           [(j + 1, s.name, f"orders@{''.join(ch for ch in s.name.lower() if ch.isalnum())}.example.com",
             f"01632 960{100 + 37 * j:03d}", f"{3 + 11 * j} {STREETS[j % len(STREETS)]}, {s.town}",
             s.lead_time_days, s.order_days, s.min_order_value, "GBP") for j, s in enumerate(SUPPLIERS)])
    column = {name: products[name].tolist() for name in products.columns}
    product_id = list(range(1, len(products) + 1))
    insert("products", "id, sku, name, category, supplier_id, supplier_sku, unit_cost, sell_price, pack_size, "
                       "min_order_qty, lead_time_days, shelf_life_days, active",
           list(zip(product_id, column["sku"], column["name"], [CATEGORIES[k].name for k in column["category"]],
                    [s + 1 for s in column["supplier"]], column["supplier_sku"], column["unit_cost"],
                    column["sell_price"], column["pack_size"], column["min_order_qty"],
                    _none_if_nan(column["own_lead_time"]), _none_if_nan(column["shelf_life"]),
                    [1] * len(products))))
    ctx.check_cancelled()

    ctx.progress(0.1, _("Writing two years of sales"))
    day, item = np.nonzero(sold)
    qty = sold[day, item]
    revenue = np.round(qty * _selling_prices(products, promotions, price_rises)[day, item], 2)
    skus = column["sku"]
    day_list, item_list = day.tolist(), item.tolist()
    insert("sales", "product_id, date, qty, revenue, line_key",
           list(zip((item + 1).tolist(), [dates[t] for t in day_list], qty.tolist(), revenue.tolist(),
                    [_line_key(skus[i], dates[t]) for t, i in zip(day_list, item_list)])))
    ctx.check_cancelled()

    ctx.progress(0.6, _("Writing stock counts"))
    weekly_count = (np.asarray(days.weekday[:HISTORY_DAYS]) == 0)[:, None]       # every Monday
    counted = weekly_count | (closing == 0)                                      # and every empty shelf
    counted[-1] = True                                                           # and today's stock
    counted &= np.arange(HISTORY_DAYS)[:, None] >= products.launch_day.to_numpy()[None, :]
    day, item = np.nonzero(counted)
    insert("stock_snapshots", "product_id, date, qty",
           list(zip((item + 1).tolist(), [dates[t] for t in day.tolist()], closing[day, item].tolist())))
    ctx.check_cancelled()

    ctx.progress(0.8, _("Writing prices, holidays and promotions"))
    rise_at = dict(zip(price_rises["product"].tolist(), price_rises.itertuples()))
    price_rows = []
    for i in range(len(products)):
        first = dates[column["launch_day"][i]]
        if i in rise_at:
            rise = rise_at[i]
            price_rows += [(i + 1, first, rise.old_price, rise.old_cost),
                           (i + 1, dates[rise.day], column["sell_price"][i], column["unit_cost"][i])]
        else:
            price_rows.append((i + 1, first, column["sell_price"][i], column["unit_cost"][i]))
    event_rows = [(d.isoformat(), None, name, "holiday", None)
                  for d, name in holidays(days[0].date(), days[HISTORY_DAYS].date() + dt.timedelta(days=365))]
    for promo in promotions.itertuples():
        i, cost = int(promo.product), column["unit_cost"][promo.product]
        price_rows += [(i + 1, dates[promo.start], promo.price, cost),
                       (i + 1, dates[promo.start + promo.length], column["sell_price"][i], cost)]
        event_rows.append((dates[promo.start], dates[promo.start + promo.length - 1],
                           f"{round(100 - 100 * promo.price / column['sell_price'][i])}% off {column['name'][i]}", "promotion", i + 1))
    insert("prices", "product_id, date, sell_price, unit_cost", price_rows)
    insert("events", "date, end_date, name, kind, product_id", event_rows)

    ctx.progress(0.9, _("Writing purchase orders"))
    po_lines = []
    for number, (t, j, items, qty, arrived) in enumerate(received, start=1):
        order_id = conn.execute(
            "INSERT INTO purchase_orders(number, supplier_id, status, order_date, expected_date, received_date, "
            "import_id) VALUES (?, ?, 'received', ?, ?, ?, ?)",
            (f"PO-{number:04d}", j + 1, dates[t], dates[t + SUPPLIERS[j].lead_time_days], dates[arrived],
             import_id)).lastrowid
        po_lines += [(order_id, i + 1, q, q, column["unit_cost"][i]) for i, q in zip(items.tolist(), qty.tolist())]
    insert("purchase_order_lines", "order_id, product_id, qty, received_qty, unit_cost", po_lines)
    for number, order in enumerate(orders, start=len(received) + 1):
        order_id = conn.execute(
            "INSERT INTO purchase_orders(number, supplier_id, status, order_date, expected_date, notes, import_id) "
            "VALUES (?, ?, 'sent', ?, ?, ?, ?)",
            (f"PO-{number:04d}", order["supplier"] + 1, order["order_date"].isoformat(),
             order["expected_date"].isoformat(), "Sent by e-mail; awaiting delivery.", import_id)).lastrowid
        insert("purchase_order_lines", "order_id, product_id, qty, unit_cost",
               [(order_id, i + 1, q, column["unit_cost"][i])
                for i, q in zip(order["lines"].tolist(), order["qty"].tolist())])
    counts["purchase_orders"] = len(received) + len(orders)

    conn.execute("INSERT INTO settings(key, value) VALUES ('shop_name', ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (json.dumps(SHOP_NAME),))
    conn.execute("INSERT INTO settings(key, value) VALUES ('shop_details', ?) "   # what its purchase orders carry
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (json.dumps(SHOP_DETAILS),))
    conn.execute("UPDATE import_runs SET rows_read = ?, imported = ?, warnings = 0, rejected = 0, counts = ? "
                 "WHERE id = ?", (counts["sales"], counts["sales"], json.dumps(counts), import_id))
    audit(shop, "demo shop built", import_id=import_id, detail=f"seed {seed}")
