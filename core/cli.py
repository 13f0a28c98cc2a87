"""The command line: the same core as the window, for schedulers, checks and benchmarks.

Exit codes: 0 done; 1 refused (a UserError: nothing was changed); 2 wrong arguments.
"""
from __future__ import annotations

import argparse
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


def _mapping_overrides(pairs: list[str]) -> dict[str, str]:
    overrides = {}
    for pair in pairs:
        if "=" not in pair:
            raise UserError(f"--map {pair}: write it as SOURCE_COLUMN=FIELD, e.g. --map StockCode=sku.")
        column, field = pair.rsplit("=", 1)
        overrides[column.strip()] = field.strip()
    return overrides


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
                                ctx=JobContext(_progress_printer(sys.stderr.isatty())))
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
                               ctx=JobContext(_progress_printer(sys.stderr.isatty())))
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
            "forecast": cmd_forecast}


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
