"""The command line: each command parses its arguments, calls one service (core/services) and prints what it did.
The window calls the same services; nothing here works out anything of its own.

Exit codes: 0 done; 1 refused (a UserError: nothing was changed); 2 wrong arguments.
"""
from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

from core.errors import UserError
from core.i18n import _
from core.importing.fields import KINDS

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own exit code is 2 already; keep its message short
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n")

    def subcommand(self, name: str) -> "_Parser":
        """The parser of the command `name`."""
        return next(action.choices[name] for action in self._actions if isinstance(action, argparse._SubParsersAction))


SHOP_FILE = "the shop file (also taken before the command: shelfwise --db shop.db forecast)"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="shelfwise", description="ShelfWise: reorder planning for small shops.")
    parser.add_argument("--db", help="the shop file: to open in the window, or for the command (before or after it)")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    imp = commands.add_parser("import", help="import a spreadsheet into a shop file")
    imp.add_argument("file")
    imp.add_argument("--db", default=argparse.SUPPRESS, help=SHOP_FILE)
    imp.add_argument("--kind", required=True, choices=KINDS)
    imp.add_argument("--sheet")
    imp.add_argument("--all-sheets", action="store_true",
                     help="import every sheet of a workbook, each as an import of its own (a workbook of monthly "
                          "sheets named by their month); a sheet that cannot be used is said and the others go on")
    imp.add_argument("--map", action="append", default=[], metavar="SOURCE_COLUMN=FIELD",
                     help="say which field a column carries (FIELD 'ignore' leaves it out); repeatable")
    imp.add_argument("--latest-period", metavar="PERIOD",
                     help="a wide sheet with undated columns ('latest', 'last -1', ...): the newest period, as "
                          "2024-06 (a month), 2024-W05 (a week) or 2024-06-30 (a day); columns named by months or "
                          "weeks without a year (Jan .. Dec, Week 1 .. Week 20): the year of the last, as 2024")
    imp.add_argument("--problems", type=int, default=10, help="how many problems to list (default 10)")

    exp = commands.add_parser("export", help="write what the shop holds as a sheet")
    exp.add_argument("--db", default=argparse.SUPPRESS, help=SHOP_FILE)
    exp.add_argument("--kind", required=True, choices=("sales", "stock", "products", "suppliers"))
    exp.add_argument("--out", required=True)

    demo = commands.add_parser("demo", help="write the built-in demo shop")
    demo.add_argument("--db", default=argparse.SUPPRESS, help=SHOP_FILE)
    demo.add_argument("--seed", type=int, default=7)

    forecast = commands.add_parser("forecast", help="forecast every product's demand")
    forecast.add_argument("--db", default=argparse.SUPPRESS, help=SHOP_FILE)
    forecast.add_argument("--horizon", type=int, default=None,
                          help="days ahead (default 28); for a shop of weekly or monthly totals, weeks or months "
                               "ahead (default 13 weeks, 6 months)")
    forecast.add_argument("--as-of", type=_date, help="use only what was known on this day (YYYY-MM-DD)")
    forecast.add_argument("--out", help="write sku,date,mean,p05,p50,p80,p90,p95,p99,model to a .csv or .xlsx")
    forecast.add_argument("--no-neural", action="store_true", help="leave out the neural model (faster)")
    forecast.add_argument("--seed", type=int, default=7)
    _compute_arguments(forecast)

    plan = commands.add_parser("plan", help="work out what to order from each supplier")
    plan.add_argument("--db", default=argparse.SUPPRESS, help=SHOP_FILE)
    plan.add_argument("--as-of", type=_date, help="plan from what was known on this day (YYYY-MM-DD)")
    plan.add_argument("--service-level", type=_service_level,
                      help="one service target for every product, e.g. 0.95 (default: the per-class levels)")
    plan.add_argument("--policy", choices=("shelfwise", "optimal", "minmax"), help="default: the shop's setting")
    plan.add_argument("--budget", type=float, help="spend limit for these orders")
    plan.add_argument("--out", help="write the plan to a .csv or .xlsx")
    _compute_arguments(plan)

    simulate = commands.add_parser("simulate", help="replay a reorder policy over the shop's own past sales")
    simulate.add_argument("--db", default=argparse.SUPPRESS, help=SHOP_FILE)
    simulate.add_argument("--start", type=_date, required=True, help="first day replayed (YYYY-MM-DD)")
    simulate.add_argument("--end", type=_date, required=True, help="last day replayed (YYYY-MM-DD)")
    simulate.add_argument("--policy", default="shelfwise", choices=("shelfwise", "optimal", "minmax"))
    simulate.add_argument("--service-level", type=_service_level, default=0.95,
                          help="the chance of not running out before the next delivery (default 0.95)")
    simulate.add_argument("--out", help="write one row per product to a .csv or .xlsx")

    orders = commands.add_parser("orders", help="today's suggested purchase orders as PDF, xlsx or e-mail drafts")
    orders.add_argument("--db", default=argparse.SUPPRESS, help=SHOP_FILE)
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
    undo.add_argument("--db", default=argparse.SUPPRESS, help=SHOP_FILE)

    imports = commands.add_parser("imports", help="list the imports of a shop file")
    imports.add_argument("--db", default=argparse.SUPPRESS, help=SHOP_FILE)
    return parser


def _compute_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--workers", type=_workers, default=None,
                         help="local processes for the per-product models: 0 one per core (the default), 1 in this "
                              "process only (default: the shop's setting)")
    command.add_argument("--scheduler", default=None, metavar="ADDRESS",
                         help="run the per-product models on this Dask scheduler, e.g. tcp://host:8786 (needs "
                              "pip install .[cluster]; default: the shop's setting, usually this computer)")


def _workers(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of processes like 2 (0: one per core)")
    return int(text)


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
            raise UserError(_("--map {pair}: write it as SOURCE_COLUMN=FIELD, e.g. --map StockCode=sku.").format(
                pair=pair))
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


def _ctx():
    from core.jobs import JobContext

    return JobContext(_progress_printer(_interactive()))


def _path(text: str | None) -> Path | None:
    return Path(text) if text else None


def cmd_import(args) -> int:
    from core.services.imports import sheets_of

    if args.all_sheets:
        if args.sheet:
            raise UserError(_("Give either --sheet or --all-sheets, not both."))
        names = sheets_of(Path(args.file), kind=args.kind).names
        if len(names) <= 1:                     # a text file, or a workbook of one sheet: the one import
            _import_one(args, None)
            return EXIT_OK
        return _import_sheets(args, names)
    _import_one(args, args.sheet)
    return EXIT_OK


def _import_sheets(args, names: list[str]) -> int:
    """Every sheet checked, then each usable one stored as an import of its own (the services the wizard's
    'Import every sheet' uses); a sheet that cannot be used is said and the others go on."""
    from core.services.imports import check_sheets, commit_sheets
    from core.store import open_shop

    shop_path = Path(args.db)
    new_shop = not shop_path.exists()
    if new_shop:
        open_shop(shop_path).close()
    checks = check_sheets(shop_path, file_path=Path(args.file), kind=args.kind, sheets=names,
                          overrides=_mapping_overrides(args.map), latest_period=args.latest_period, ctx=_ctx())
    for check in checks:
        if check.validated is None:
            print(f"-- sheet '{check.sheet}'")
            print(f"refused: {check.error} (nothing of this sheet was stored)")
    result = commit_sheets(shop_path, checks=checks, ctx=_ctx()).value
    for report in result.reports:
        print(f"-- sheet '{report.sheet}': import {report.import_id}")
        for line in report.summary_lines():
            print(line)
    for sheet, why in result.refused:
        print(f"-- sheet '{sheet}'\nrefused: {why} (nothing of this sheet was stored)")
    print(f"{len(result.reports)} of {len(names)} sheets imported")
    if new_shop and not result.reports:       # nothing stored: no empty shop file left behind
        for suffix in ("", "-wal", "-shm"):
            Path(f"{shop_path}{suffix}").unlink(missing_ok=True)
    return EXIT_OK if result.reports else EXIT_REFUSED


def _import_one(args, sheet: str | None) -> None:
    from core.services.imports import import_file

    started = time.perf_counter()
    report = import_file(Path(args.db), file_path=Path(args.file), kind=args.kind, sheet=sheet,
                         overrides=_mapping_overrides(args.map), latest_period=args.latest_period,
                         ctx=_ctx()).value
    for line in report.summary_lines():
        print(line)
    problems = report.first_problems(args.problems)
    if problems:
        print(f"first problems ({len(report.problems):,} listed in the shop's import report):")
        for problem in problems:
            print(f"  [{problem.severity}] {problem.describe()}")
    print(f"import {report.import_id} committed in {time.perf_counter() - started:.1f} s")


def cmd_export(args) -> int:
    from core.services.shop import export_table

    rows = export_table(Path(args.db), kind=args.kind, out=Path(args.out))
    print(f"wrote {rows:,} rows to {args.out}")
    return EXIT_OK


def cmd_demo(args) -> int:
    from core.services.shop import build_demo

    built = build_demo(Path(args.db), seed=args.seed)
    print(f"wrote the demo shop to {built.path} in {built.seconds:.1f} s")
    return EXIT_OK


def cmd_forecast(args) -> int:
    from core.services.forecast import forecast_to_file

    done = forecast_to_file(Path(args.db), horizon=args.horizon, as_of=args.as_of, neural=not args.no_neural,
                            seed=args.seed, out=_path(args.out), ctx=_ctx(), workers=args.workers,
                            scheduler=args.scheduler).value
    if done.period != "day":
        unit = "months" if done.period == "month" else "weeks"
        print(f"forecast {done.products:,} products x {done.horizon} {unit} from {done.first_day} "
              f"in {done.seconds:.1f} s, on the {done.period}ly totals the shop keeps")
        print(f"backtest: median RMSSE {done.median_rmsse:.3f} over the {done.scored:,} products that sold or "
              f"were forecast in it; mean error {done.mean_error:.2f} units a {done.period}; 90% intervals held "
              f"{done.coverage90:.1%} of {unit}")
    else:
        neural = "without the neural model" if done.device == "off" else f"neural model on {done.device}"
        print(f"forecast {done.products:,} products x {done.horizon} days from {done.first_day} "
              f"in {done.seconds:.1f} s ({neural})")
        print(f"backtest: median RMSSE {done.median_rmsse:.3f} over the {done.scored:,} products that sold or "
              f"were forecast in it; mean error {done.mean_error:.2f} units a day "
              f"vs {done.mean_error_baseline:.2f} repeating last week; 90% intervals held "
              f"{done.coverage90:.1%} of days")
    closed = closed_lines(done.closed)
    if closed:
        print(closed)
    if done.rows_written is not None:
        print(f"wrote {done.rows_written:,} rows to {args.out}")
    return EXIT_OK


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def closed_lines(closed: dict) -> str:
    """The forecast's closed days in a line: 'closed: 69 days in the history; every Saturday; 2011-12-24..2012-01-03
    (closed on those dates a year before): forecast as nothing'; '' where the shop was never closed."""
    parts = [f"{closed['days']} days in the history"] if closed.get("days") else []
    if closed.get("weekdays"):
        parts.append("every " + ", ".join(WEEKDAYS[int(d)] for d in closed["weekdays"]))
    parts += [f"{first}..{last} (closed on those dates a year before)" for first, last in closed.get("dates") or ()]
    parts += [f"{first}..{last} ({name}, as the shop says)" for first, last, name in closed.get("declared") or ()]
    return f"closed: {'; '.join(parts)}: forecast as nothing" if parts else ""


def cmd_plan(args) -> int:
    from core.services.plan import plan_to_file

    done = plan_to_file(Path(args.db), as_of=args.as_of, service_level=args.service_level, policy=args.policy,
                        budget=args.budget, out=_path(args.out), ctx=_ctx(), workers=args.workers,
                        scheduler=args.scheduler)
    print(f"plan for {done.plan_date} from the forecast made on {done.as_of}: {done.ordering:,} of "
          f"{done.products:,} products to order, {done.total:,.2f} in all, in {done.seconds:.1f} s")
    if done.never_counted:      # a new shop's sales file alone: why nothing is ordered, and what to do
        print(f"  {done.never_counted:,} of them never counted: left out of the orders until counted (import a "
              f"stock count: shelfwise import --db {args.db} --kind stock FILE; or, in the window's Settings > "
              "Ordering, plan products never counted as if their shelf were empty)")
    for supplier, note in done.supplier_notes:
        print(f"  {supplier}: {note}")
    for note in done.notes:
        print(f"  problem: {note}")
    if done.rows_written is not None:
        print(f"wrote {done.rows_written:,} rows to {args.out}")
    return EXIT_OK


def cmd_simulate(args) -> int:
    from core.services.replay import simulate_to_file

    done = simulate_to_file(Path(args.db), start=args.start, end=args.end, policy=args.policy,
                            service_level=args.service_level, out=_path(args.out), ctx=_ctx())
    total = done.totals
    unit = {"day": "days", "week": "weeks", "month": "months"}[done.period]
    print(f"replayed {done.policy} over {args.start} .. {args.end} ({done.days} {unit}, {total['products']:,} "
          f"products) in {done.seconds:.1f} s")
    print(f"demand {total['demand']:,.0f} units: served {total['served']:,.0f}, lost {total['lost']:,.0f}; fill rate "
          f"{total['fill_rate']:.1%}; cycle service {total['cycle_service_level']:.1%} of "
          f"{total['periods_with_demand']:,.0f} {'review periods' if done.period == 'day' else unit} with demand (target {args.service_level:.0%})")
    print(f"stock-out {unit} {total['stockout_days']:,.0f}; average stock value {total['avg_stock_value']:,.2f}; "
          f"{total['orders']:,.0f} order lines, {total['units_ordered']:,.0f} units ordered")
    if done.actual is not None:
        print(f"what the shop really did, from its stock counts ({done.counted_products:,} products counted before "
              f"and during the window; its lost sales were never recorded):")
        for name, row in (("the shop", done.actual), (done.policy, done.policy_on_counted)):
            print(f"  {name:>10}: cycle service {row['cycle_service_level']:.1%}, stock-out days "
                  f"{row['stockout_days']:,.0f}, average stock value {row['avg_stock_value']:,.2f}, "
                  f"{row['orders']:,.0f} order lines")
    if done.rows_written is not None:
        print(f"wrote {done.rows_written:,} rows to {args.out}")
    return EXIT_OK


def cmd_orders(args) -> int:
    """Today's suggested order per supplier, written as files; stored as drafts only with --save."""
    from core.services.purchase_orders import suggested_order_files

    outputs = {kind: Path(getattr(args, kind)) for kind in ("pdf", "xlsx", "eml") if getattr(args, kind)}
    pdf = None
    if "pdf" in outputs or "eml" in outputs:
        from ui import pdf                       # Qt only when a PDF is asked for

    done = suggested_order_files(Path(args.db), outputs=outputs, supplier=args.supplier, save=args.save, pdf=pdf,
                                 ctx=_ctx()).value
    n = len(done.orders)
    print(f"plan for {done.plan_date}: {n} supplier order{'s' if n != 1 else ''}, {done.total:,.2f} in all"
          f"{' (stored as drafts)' if done.stored else ' (suggestions, not stored)'}")
    for order in done.orders:
        label = f"{order.number}{' (its draft of today, already stored)' if order.already_stored else ''}: " \
            if order.number else ""
        print(f"  {label}{order.supplier}: {order.lines} lines, {order.total_text}, order on {order.order_date}, "
              f"expected {order.expected_date}")
        for path in order.files:
            print(f"    wrote {path}")
    if done.unplaced:
        print(f"  {done.unplaced} product(s) to order have no supplier, so they are on no order.")
    return EXIT_OK


def cmd_undo(args) -> int:
    from core.services.imports import undo
    from core.services.shop import require_shop

    print(undo(require_shop(args.db), import_id=args.import_id).value)
    return EXIT_OK


def cmd_imports(args) -> int:
    from core.services.imports import load_imports
    from core.services.shop import require_shop

    for run in load_imports(require_shop(args.db)):
        state = f"undone {run.undone_at}" if run.undone_at else "in force"
        print(f"{run.id:>4}  {run.started_at}  {run.kind:<9} {run.file_name}  read {run.rows_read:,}, "
              f"imported {run.imported:,}, rejected {run.rejected:,}  ({state})")
    return EXIT_OK


WRITES = ("import", "undo", "forecast", "plan", "demo")    # commands that change the shop (orders only with --save)
COMMANDS = {"import": cmd_import, "export": cmd_export, "demo": cmd_demo, "undo": cmd_undo, "imports": cmd_imports,
            "forecast": cmd_forecast, "plan": cmd_plan, "simulate": cmd_simulate, "orders": cmd_orders}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is not None and not args.db:
        # the command's own --db, or the one before it (`shelfwise --db shop.db forecast` read the same way)
        parser.subcommand(args.command).error("the following arguments are required: --db")
    if args.command is None:
        from ui.app import run_gui  # the window only when asked for: the command line never loads Qt

        return run_gui(db=args.db)
    try:
        if args.command in WRITES or (args.command == "orders" and getattr(args, "save", False)):
            from core.store.lock import check_free

            check_free(args.db)              # a shop open in a window: one program changes it at a time
        return COMMANDS[args.command](args)
    except UserError as err:
        print(f"refused: {err.full_message()}", file=sys.stderr)
        print("nothing was changed.", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("stopped: nothing was changed.", file=sys.stderr)
        return EXIT_REFUSED
    except BrokenPipeError:
        # what reads the output stopped reading (`| head`): the work is done or stopped as it stood; no traceback,
        # and no second one when Python flushes the closed output at exit
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except sqlite3.Error as err:
        from core.store.db import file_problem, is_file_error

        if not is_file_error(err):
            raise
        problem = file_problem(err, Path(args.db) if getattr(args, "db", None) else None)
        print(f"refused: {problem.full_message()}", file=sys.stderr)
        return EXIT_REFUSED
