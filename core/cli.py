"""The command line: the same core as the window, for schedulers, checks and benchmarks.

Exit codes: 0 done; 1 refused (a UserError: nothing was changed); 2 wrong arguments.
"""
from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path

import numpy as np

from core.errors import UserError
from core.importing.fields import KINDS

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own exit code is 2 already; keep its message short
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="shelfwise", description="ShelfWise: reorder planning for small shops.")
    parser.add_argument("--db", help="the shop file to open in the window")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    imp = commands.add_parser("import", help="import a spreadsheet into a shop file")
    imp.add_argument("file")
    imp.add_argument("--db", required=True)
    imp.add_argument("--kind", required=True, choices=KINDS)
    imp.add_argument("--sheet")
    imp.add_argument("--map", action="append", default=[], metavar="SOURCE_COLUMN=FIELD",
                     help="say which field a column carries (FIELD 'ignore' leaves it out); repeatable")
    imp.add_argument("--problems", type=int, default=10, help="how many problems to list (default 10)")

    exp = commands.add_parser("export", help="write what the shop holds as a sheet")
    exp.add_argument("--db", required=True)
    exp.add_argument("--kind", required=True, choices=("sales", "stock", "products", "suppliers"))
    exp.add_argument("--out", required=True)

    demo = commands.add_parser("demo", help="write the built-in demo shop")
    demo.add_argument("--db", required=True)
    demo.add_argument("--seed", type=int, default=7)

    forecast = commands.add_parser("forecast", help="forecast every product's demand")
    forecast.add_argument("--db", required=True)
    forecast.add_argument("--horizon", type=int, default=28, help="days ahead (default 28)")
    forecast.add_argument("--as-of", type=_date, help="use only what was known on this day (YYYY-MM-DD)")
    forecast.add_argument("--out", help="write sku,date,mean,p05,p50,p80,p90,p95,p99,model to a .csv or .xlsx")
    forecast.add_argument("--no-neural", action="store_true", help="leave out the neural model (faster)")
    forecast.add_argument("--seed", type=int, default=7)

    plan = commands.add_parser("plan", help="work out what to order from each supplier")
    plan.add_argument("--db", required=True)
    plan.add_argument("--as-of", type=_date, help="plan from what was known on this day (YYYY-MM-DD)")
    plan.add_argument("--service-level", type=_service_level,
                      help="one service target for every product, e.g. 0.95 (default: the per-class levels)")
    plan.add_argument("--policy", choices=("shelfwise", "optimal", "minmax"), help="default: the shop's setting")
    plan.add_argument("--budget", type=float, help="spend limit for these orders")
    plan.add_argument("--out", help="write the plan to a .csv or .xlsx")

    simulate = commands.add_parser("simulate", help="replay a reorder policy over the shop's own past sales")
    simulate.add_argument("--db", required=True)
    simulate.add_argument("--start", type=_date, required=True, help="first day replayed (YYYY-MM-DD)")
    simulate.add_argument("--end", type=_date, required=True, help="last day replayed (YYYY-MM-DD)")
    simulate.add_argument("--policy", default="shelfwise", choices=("shelfwise", "optimal", "minmax"))
    simulate.add_argument("--service-level", type=_service_level, default=0.95,
                          help="the chance of not running out before the next delivery (default 0.95)")
    simulate.add_argument("--out", help="write one row per product to a .csv or .xlsx")

    orders = commands.add_parser("orders", help="today's suggested purchase orders as PDF, xlsx or e-mail drafts")
    orders.add_argument("--db", required=True)
    orders.add_argument("--supplier", help="only this supplier's order (without it: one file per supplier, its "
                                           "name added to the file name)")
    orders.add_argument("--pdf", metavar="FILE", help="write the order as a PDF")
    orders.add_argument("--xlsx", metavar="FILE", help="write the order as an Excel workbook")
    orders.add_argument("--eml", metavar="FILE", help="write an e-mail draft to the supplier with the PDF attached")
    orders.add_argument("--save", action="store_true",
                        help="store the orders as numbered draft purchase orders (counted as on order from then on); "
                             "without it they are suggestions and the shop is not changed")

    undo = commands.add_parser("undo", help="undo one import")
    undo.add_argument("import_id", type=int)
    undo.add_argument("--db", required=True)

    imports = commands.add_parser("imports", help="list the imports of a shop file")
    imports.add_argument("--db", required=True)
    return parser


def _date(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2024-03-31") from None


def _service_level(text: str) -> float:
    try:
        value = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a service level like 0.95") from None
    if not 0.5 <= value < 1:
        raise argparse.ArgumentTypeError(f"a service level of {text} cannot be planned for: use 0.5 to 0.999")
    return value


def _mapping_overrides(pairs: list[str]) -> dict[str, str]:
    overrides = {}
    for pair in pairs:
        if "=" not in pair:
            raise UserError(f"--map {pair}: write it as SOURCE_COLUMN=FIELD, e.g. --map StockCode=sku.")
        column, field = pair.rsplit("=", 1)
        overrides[column.strip()] = field.strip()
    return overrides


def _interactive() -> bool:
    """Progress lines only for a person at a terminal (a windowed program on Windows has no stderr at all)."""
    return sys.stderr is not None and sys.stderr.isatty()


def _progress_printer(enabled: bool):
    last = [-1]

    def show(fraction: float, text: str) -> None:
        percent = int(fraction * 100)
        if enabled and percent // 10 != last[0] // 10:
            last[0] = percent
            print(f"  {percent:3d}%  {text}", file=sys.stderr, flush=True)

    return show


def cmd_import(args) -> int:
    from core.importing import run_import
    from core.jobs import JobContext
    from core.store import open_shop

    overrides = _mapping_overrides(args.map)
    started = time.perf_counter()
    new_shop = not Path(args.db).exists()
    try:
        with open_shop(args.db) as shop:
            report = run_import(shop, args.file, args.kind, sheet=args.sheet, overrides=overrides,
                                ctx=JobContext(_progress_printer(_interactive())))
    except BaseException:
        if new_shop:  # "nothing was changed" includes not leaving an empty shop file behind
            for suffix in ("", "-wal", "-shm"):
                Path(args.db + suffix).unlink(missing_ok=True)
        raise
    for line in report.summary_lines():
        print(line)
    problems = report.first_problems(args.problems)
    if problems:
        print(f"first problems ({len(report.problems):,} listed in the shop's import report):")
        for problem in problems:
            print(f"  [{problem.severity}] {problem.describe()}")
    print(f"import {report.import_id} committed in {time.perf_counter() - started:.1f} s")
    return EXIT_OK


def cmd_export(args) -> int:
    from core.exporting import export
    from core.store import open_shop

    _require_shop(args.db)
    with open_shop(args.db, create=False) as shop:
        rows = export(shop, args.kind, args.out)
    print(f"wrote {rows:,} rows to {args.out}")
    return EXIT_OK


def cmd_demo(args) -> int:
    from core.demo import build_demo_shop

    started = time.perf_counter()
    path = build_demo_shop(args.db, seed=args.seed)
    print(f"wrote the demo shop to {path} in {time.perf_counter() - started:.1f} s")
    return EXIT_OK


def cmd_forecast(args) -> int:
    from core.forecasting import ForecastSettings, forecast_shop
    from core.jobs import JobContext
    from core.store import open_shop

    if args.horizon < 1:
        raise UserError("--horizon must be 1 day or more.")
    _require_shop(args.db)
    settings = ForecastSettings(horizon=args.horizon, neural=not args.no_neural, seed=args.seed)
    with open_shop(args.db, create=False) as shop:
        result = forecast_shop(shop, horizon=args.horizon, as_of=args.as_of, settings=settings,
                               ctx=JobContext(_progress_printer(_interactive())))
    daily = result.daily()
    if args.out:
        _write_table(daily, args.out)
    choice = result.choice
    print(f"forecast {len(result.skus):,} products x {args.horizon} days from {result.days[0].date()} "
          f"in {result.seconds:.1f} s (neural model on {result.device if settings.neural else 'off'})")
    print(f"backtest: median RMSSE {np.nanmedian(choice.rmsse):.3f}; mean error {np.mean(choice.mae):.2f} units a day "
          f"vs {np.nanmean(choice.mae_baseline):.2f} repeating last week; 90% intervals held "
          f"{choice.coverage90:.1%} of days")
    if args.out:
        print(f"wrote {len(daily):,} rows to {args.out}")
    return EXIT_OK


def cmd_plan(args) -> int:
    from core.jobs import JobContext
    from core.policy.plan import plan_shop
    from core.policy.settings import load_policy_settings
    from core.store import open_shop

    _require_shop(args.db)
    with open_shop(args.db, create=False) as shop:
        settings = load_policy_settings(shop)
        settings.service_level = args.service_level
        settings.policy = args.policy or settings.policy
        settings.budget = args.budget if args.budget is not None else settings.budget
        started = time.perf_counter()
        plan = plan_shop(shop, as_of=args.as_of, settings=settings,
                         ctx=JobContext(_progress_printer(_interactive())))
    table = plan.table()
    if args.out:
        _write_table(table, args.out)
    solution = plan.solution
    ordering = plan.lines[plan.lines["order_qty"] > 0]
    print(f"plan for {plan.plan_date} from the forecast made on {plan.as_of}: {len(ordering):,} of "
          f"{len(table):,} products to order, {solution.total:,.2f} in all, in {time.perf_counter() - started:.1f} s")
    for supplier, value in solution.supplier_value.items():
        if value > 0 or solution.supplier_notes.get(supplier, "").startswith("Not ordered"):
            print(f"  {supplier}: {solution.supplier_notes[supplier]}")
    for note in solution.notes:
        print(f"  problem: {note}")
    if args.out:
        print(f"wrote {len(table):,} rows to {args.out}")
    return EXIT_OK


SIMULATE_COLUMNS = ["sku", "policy", "demand", "served", "lost", "fill_rate", "cycle_service_level", "stockout_days",
                    "avg_stock_value", "orders", "pattern"]


def cmd_simulate(args) -> int:
    from core.jobs import JobContext
    from core.simulation import replay_shop
    from core.store import open_shop

    if args.out and Path(args.out).suffix.lower() not in (".csv", ".xlsx"):
        raise UserError(f"Cannot write {args.out}: the file name must end in .csv or .xlsx.")
    _require_shop(args.db)
    started = time.perf_counter()
    with open_shop(args.db, create=False) as shop:
        results = replay_shop(shop, args.start, args.end, (args.policy,), service_level=args.service_level,
                              ctx=JobContext(_progress_printer(_interactive())))
    result = results[args.policy]
    total = result.totals()
    print(f"replayed {args.policy} over {args.start} .. {args.end} ({len(result.days)} days, {total['products']:,} "
          f"products) in {time.perf_counter() - started:.1f} s")
    print(f"demand {total['demand']:,.0f} units: served {total['served']:,.0f}, lost {total['lost']:,.0f}; fill rate "
          f"{total['fill_rate']:.1%}; cycle service {total['cycle_service_level']:.1%} of "
          f"{total['periods_with_demand']:,.0f} review periods with demand (target {args.service_level:.0%})")
    print(f"stock-out days {total['stockout_days']:,.0f}; average stock value {total['avg_stock_value']:,.2f}; "
          f"{total['orders']:,.0f} order lines, {total['units_ordered']:,.0f} units ordered")
    if "actual" in results:
        _print_actual(results["actual"], result)
    if args.out:
        _write_table(result.products[SIMULATE_COLUMNS], args.out)
        print(f"wrote {len(result.products):,} rows to {args.out}")
    return EXIT_OK


def _print_actual(actual, result) -> None:
    """What the shop really did, beside the replayed policy on the same products."""
    from core.simulation import summarise

    mine, shop_did = summarise(result.products.iloc[actual.rows]), actual.totals()
    print(f"what the shop really did, from its stock counts ({len(actual.products):,} products counted before and "
          f"during the window; its lost sales were never recorded):")
    for name, total in (("the shop", shop_did), (result.policy, mine)):
        print(f"  {name:>10}: cycle service {total['cycle_service_level']:.1%}, stock-out days "
              f"{total['stockout_days']:,.0f}, average stock value {total['avg_stock_value']:,.2f}, "
              f"{total['orders']:,.0f} order lines")


def cmd_orders(args) -> int:
    """Today's suggested order per supplier, written as files; stored as drafts only with --save."""
    from core.documents import build_document, to_html, write_eml, write_xlsx
    from core.documents.email import supplier_addresses
    from core.documents.purchase_order import safe_file_name
    from core.jobs import JobContext
    from core.ordering.purchase_orders import create_order, draft_for, find_supplier, suggested_orders
    from core.policy.plan import plan_shop
    from core.store import open_shop
    from core.store.db import atomic

    outputs = {kind: getattr(args, kind) for kind in ("pdf", "xlsx", "eml") if getattr(args, kind)}
    for kind, out in outputs.items():
        if Path(out).suffix.lower() != f".{kind}":
            raise UserError(f"Cannot write {out}: the --{kind} file name must end in .{kind}.")
    _require_shop(args.db)
    with open_shop(args.db, create=False) as shop:
        supplier = find_supplier(shop, args.supplier)["name"] if args.supplier else None   # refuse before planning
        plan = plan_shop(shop, ctx=JobContext(_progress_printer(_interactive())))
        orders = suggested_orders(shop, plan, supplier=supplier)
        if not orders:
            raise UserError(f"There is nothing to order{f' from {supplier}' if supplier else ''} in the plan for "
                            f"{plan.plan_date}.")
        if "eml" in outputs:                  # every supplier must take e-mail before anything is written
            for order in orders:
                supplier_addresses(build_document(shop, order))
        # --save: the drafts are kept only if every file was written (no write lock without it)
        with atomic(shop) if args.save else contextlib.nullcontext():
            saved = []
            for order in orders:
                existing = draft_for(shop, order.supplier_id, order.order_date) if args.save else None
                saved.append((existing or (create_order(shop, order) if args.save else order), existing is not None))
            documents = [build_document(shop, order) for order, _ in saved]
            if "pdf" in outputs or "eml" in outputs:
                from ui.documents import ensure_app, html_to_pdf, pdf_bytes   # Qt only when a PDF is asked for

                ensure_app()
            total = sum(order.total for order, _ in saved)
            print(f"plan for {plan.plan_date}: {len(saved)} supplier order{'s' if len(saved) != 1 else ''}, "
                  f"{total:,.2f} in all{' (stored as drafts)' if args.save else ' (suggestions, not stored)'}")
            for (order, existing), doc in zip(saved, documents):
                label = f"{order.number}{' (its draft of today, already stored)' if existing else ''}: " \
                    if order.number else ""
                print(f"  {label}{order.supplier}: {len(order.lines)} lines, {doc.money(order.total)}, order on "
                      f"{order.order_date}, expected {order.expected_date}")
                paths = {kind: out if supplier else str(Path(out).with_name(
                    f"{Path(out).stem}-{safe_file_name(order.supplier).replace(' ', '-')}{Path(out).suffix}"))
                    for kind, out in outputs.items()}
                html = to_html(doc)
                if "pdf" in paths:
                    html_to_pdf(html, paths["pdf"], footer=doc.footer, title=doc.title)
                if "xlsx" in paths:
                    write_xlsx(doc, paths["xlsx"])
                if "eml" in paths:
                    pdf = Path(paths["pdf"]).read_bytes() if "pdf" in paths else \
                        pdf_bytes(html, footer=doc.footer, title=doc.title)
                    write_eml(doc, pdf, paths["eml"])
                for path in paths.values():
                    print(f"    wrote {path}")
    unplaced = int(((plan.lines["order_qty"] > 0) & plan.lines["supplier_id"].isna()).sum())
    if unplaced and not supplier:
        print(f"  {unplaced} product(s) to order have no supplier, so they are on no order.")
    return EXIT_OK


def _write_table(frame, out: str) -> None:
    suffix = Path(out).suffix.lower()
    try:
        if suffix == ".csv":
            frame.to_csv(out, index=False)
        elif suffix == ".xlsx":
            frame.to_excel(out, index=False)
        else:
            raise UserError(f"Cannot write {out}: the file name must end in .csv or .xlsx.")
    except PermissionError:
        raise UserError(f"Cannot write {out}: it is open in another program or the folder is read-only.") from None


def cmd_undo(args) -> int:
    from core.importing import undo_import
    from core.store import open_shop

    _require_shop(args.db)
    with open_shop(args.db, create=False) as shop:
        print(undo_import(shop, args.import_id))
    return EXIT_OK


def cmd_imports(args) -> int:
    from core.store import open_shop
    from core.store.queries import list_imports

    _require_shop(args.db)
    with open_shop(args.db, create=False) as shop:
        for run in list_imports(shop):
            state = f"undone {run.undone_at}" if run.undone_at else "in force"
            print(f"{run.id:>4}  {run.started_at}  {run.kind:<9} {run.file_name}  read {run.rows_read:,}, "
                  f"imported {run.imported:,}, rejected {run.rejected:,}  ({state})")
    return EXIT_OK


def _require_shop(path: str) -> None:
    if not Path(path).exists():
        raise UserError(f"There is no shop file at {path}.")


COMMANDS = {"import": cmd_import, "export": cmd_export, "demo": cmd_demo, "undo": cmd_undo, "imports": cmd_imports,
            "forecast": cmd_forecast, "plan": cmd_plan, "simulate": cmd_simulate,
            "orders": cmd_orders}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from ui.app import run_gui  # the window only when asked for: the command line never loads Qt

        return run_gui(db=args.db)
    try:
        return COMMANDS[args.command](args)
    except UserError as err:
        print(f"refused: {err.full_message()}", file=sys.stderr)
        print("nothing was changed.", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("stopped: nothing was changed.", file=sys.stderr)
        return EXIT_REFUSED
