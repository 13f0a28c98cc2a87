"""The Forecast page's words and table: how core's model names, demand patterns and classes read to the owner (in
the run's period: a monthly shop's 'naive' repeats last month), the table's columns and its model, and the run's
header sentence. Shared by the Forecast page, the main window (the device in the status bar) and the tests."""
from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication

from core.services.forecast import ForecastRow
from ui.i18n import day_text, weekday_names
from ui.table_models import Column, RowFilterProxy, RowsModel, number_key


def _tr(text: str) -> str:
    return QCoreApplication.translate("ForecastPage", text)


# ---- the owner's words for what core reports


def device_words(device: str | None) -> str:
    return {"cuda": _tr("GPU (CUDA)"), "mps": _tr("GPU (Apple)"), "cpu": _tr("CPU")}.get(device or "", device or "")


def model_names(period: str = "day") -> dict[str, tuple[str, str]]:
    """alias -> (short name for the table, what it does in plain words), in the run's period (a monthly shop's
    'naive' repeats last month, its average is of the last three months: core.forecasting.periods)."""
    names = {
        "naive": (_tr("Last day"), _tr("repeating the last day's sales")),
        "seasonal_naive": (_tr("Last week"), _tr("repeating the same weekday of last week")),
        "moving_average": (_tr("4-week average"), _tr("the average of the last four weeks")),
        "long_average": (_tr("Year's average"), _tr("the average of the last year")),
        "pooled_rate": (_tr("Pooled rate"), _tr("the product's rate over all its sales, steadied by what products "
                                                "sell in your shop where it has little history")),
        "croston": (_tr("Croston"), _tr("Croston's method, for products that sell now and then")),
        "sba": (_tr("SBA"), _tr("Croston's method with its bias corrected (SBA), for products that sell now and "
                                "then")),
        "tsb": (_tr("TSB"), _tr("the TSB method, for products that sell now and then and may be fading")),
        "adida": (_tr("ADIDA"), _tr("ADIDA, which forecasts the sales of several periods added up, for products "
                                    "that sell now and then")),
        "regression": (_tr("Calendar"), _tr("a calendar model of weekdays, holidays, promotions and prices")),
        "ets": (_tr("Smoothing"), _tr("exponential smoothing (ETS)")),
        "arima": (_tr("ARIMA"), _tr("an ARIMA time-series model")),
        "neural": (_tr("Neural"), _tr("the neural model, which learns from all your products at once")),
        "lightgbm": (_tr("Boosted trees"), _tr("gradient-boosted trees (LightGBM), which learn from all your "
                                               "products at once")),
    }
    if period == "month":
        names.update({
            "naive": (_tr("Last month"), _tr("repeating last month's sales")),
            "seasonal_naive": (_tr("Last year"), _tr("repeating the same month of last year")),
            "moving_average": (_tr("3-month average"), _tr("the average of the last three months")),
            "long_average": (_tr("12-month average"), _tr("the average of the last twelve months"))})
    elif period == "week":
        names.update({
            "naive": (_tr("Last week"), _tr("repeating last week's sales")),
            "seasonal_naive": (_tr("Last year"), _tr("repeating the same week of last year")),
            "moving_average": (_tr("8-week average"), _tr("the average of the last eight weeks")),
            "long_average": (_tr("52-week average"), _tr("the average of the last 52 weeks"))})
    return names


def model_parts(label: str) -> list[tuple[str, str]]:
    """'neural 55% + sba 45%' -> [('neural', '55%'), ('sba', '45%')]; 'naive' -> [('naive', '')]."""
    parts = []
    for part in (label or "").split(" + "):
        name, _, weight = part.strip().partition(" ")
        if name:
            parts.append((name, weight.strip()))
    return parts


def model_short(label: str, period: str = "day") -> str:
    names = model_names(period)
    return " + ".join(names.get(name, (name.replace("_", " "), ""))[0] for name, _ in model_parts(label))


def model_sentence(label: str, period: str = "day") -> str:
    names = model_names(period)
    parts = model_parts(label)
    if not parts:
        return ""
    described = [names.get(name, ("", name.replace("_", " ")))[1] for name, _ in parts]
    if len(parts) == 1:
        return _tr("Forecast with {model}.").format(model=described[0])
    blend = [_tr("{model} ({weight})").format(model=text, weight=weight) if weight else text
             for text, (_, weight) in zip(described, parts)]
    return _tr("A blend of {models}: together they did best on this product's past.").format(
        models=_tr(" and ").join([", ".join(blend[:-1]), blend[-1]]))


def pattern_words(period: str = "day") -> dict[str, tuple[str, str]]:
    words = {
        "smooth": (_tr("smooth"), _tr("sells on most days, in steady amounts")),
        "erratic": (_tr("erratic"), _tr("sells on most days, in amounts that vary a lot")),
        "intermittent": (_tr("intermittent"), _tr("sells now and then, in steady amounts")),
        "lumpy": (_tr("lumpy"), _tr("sells now and then, in amounts that vary a lot")),
        "no sales": (_tr("no sales"), _tr("has not sold yet")),
        "stopped": (_tr("stopped selling"), _tr("no sale for far longer than it used to go without one: not reordered")),
    }
    if period == "month":
        words["smooth"] = (_tr("smooth"), _tr("sells in most months, in steady amounts"))
        words["erratic"] = (_tr("erratic"), _tr("sells in most months, in amounts that vary a lot"))
    elif period == "week":
        words["smooth"] = (_tr("smooth"), _tr("sells in most weeks, in steady amounts"))
        words["erratic"] = (_tr("erratic"), _tr("sells in most weeks, in amounts that vary a lot"))
    return words


def abc_words(abc: str) -> str:
    return {"A": _tr("A: among the products that bring in 80% of the sales value"),
            "B": _tr("B: among those that bring in the next 15%"),
            "C": _tr("C: among those that bring in the last 5%")}.get(abc, abc)


def xyz_words(xyz: str, period: str = "day") -> str:
    if period == "month":
        return {"X": _tr("X: steady from month to month"), "Y": _tr("Y: varies from month to month"),
                "Z": _tr("Z: very irregular from month to month")}.get(xyz, xyz)
    return {"X": _tr("X: steady from week to week"), "Y": _tr("Y: varies from week to week"),
            "Z": _tr("Z: very irregular from week to week")}.get(xyz, xyz)


def improvement(row: ForecastRow) -> float | None:
    """How much smaller the forecast's error was than repeating last week's sales (0.3 = 30% smaller)."""
    if row.mae is None or not row.mae_baseline:
        return None
    return 1.0 - row.mae / row.mae_baseline


def versus_last_week(row: ForecastRow) -> str:
    gain = improvement(row)
    if gain is None:
        return ""
    if abs(gain) < 0.02:
        return _tr("about the same")
    if gain > 0:
        return _tr("{p}% better").format(p=round(gain * 100))
    return _tr("{p}% worse").format(p=round(-gain * 100))


def quantity(value: float | None) -> str:
    """A forecast quantity: 168, 2.6, 0.4 (one decimal below 100)."""
    if value is None:
        return ""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.1f}"


def _next_column(period: str) -> Column[ForecastRow]:
    """The next period's demand: the next 7 days of a daily run, the next week or month of a run in periods."""
    if period == "month":
        title, tip = _tr("Next month"), _tr("{n} expected over the forecast's months")
    elif period == "week":
        title, tip = _tr("Next week"), _tr("{n} expected over the forecast's weeks")
    else:
        title, tip = _tr("Next 7 days"), _tr("{n} expected over the next 4 weeks")
    return Column(title, lambda r: quantity(r.next_7_days), lambda r: number_key(r.next_7_days), numeric=True,
                  tooltip=lambda r: tip.format(n=quantity(r.next_horizon)) if r.next_horizon is not None else "")


def forecast_columns(period: str = "day") -> list[Column[ForecastRow]]:
    """The forecast table's columns; a run in weeks or months (a shop of weekly or monthly totals) says so."""
    patterns = pattern_words(period)
    if period == "day":
        versus = Column(
            _tr("vs. last week's sales"), versus_last_week, lambda r: number_key(improvement(r)), numeric=True,
            tooltip=lambda r: _tr("Off by {mae} a day on average; repeating last week's sales: {base}").format(
                mae=quantity(r.mae), base=quantity(r.mae_baseline)) if improvement(r) is not None else "")
    else:
        versus = Column(
            _tr("Off by, a month") if period == "month" else _tr("Off by, a week"), lambda r: quantity(r.mae),
            lambda r: number_key(r.mae), numeric=True,
            tooltip=lambda r: _tr("Tested on the last periods before the forecast: off by {mae} units a period on "
                                  "average").format(mae=quantity(r.mae)) if r.mae is not None else "")
    return [
        Column(_tr("Product code"), lambda r: r.sku, lambda r: r.sku.casefold()),
        Column(_tr("Description"), lambda r: r.name, tooltip=lambda r: r.name),
        Column(_tr("Model"), lambda r: model_short(r.model, period),
               tooltip=lambda r: model_sentence(r.model, period)),
        Column(_tr("Pattern"), lambda r: patterns.get(r.pattern, (r.pattern, ""))[0],
               tooltip=lambda r: patterns.get(r.pattern, ("", ""))[1]),
        Column(_tr("ABC"), lambda r: r.abc, tooltip=lambda r: abc_words(r.abc)),
        Column(_tr("XYZ"), lambda r: r.xyz, tooltip=lambda r: xyz_words(r.xyz, period)),
        _next_column(period),
        versus,
    ]


class ForecastModel(RowsModel[ForecastRow]):
    """The cached products of one forecast run."""

    def __init__(self, parent=None):
        super().__init__(forecast_columns(), parent)


class ForecastFilter(RowFilterProxy):
    """Search text in the product code or the description, any case."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.search = ""

    def set_search(self, text: str) -> None:
        self.search = text.strip().casefold()
        self.set_filter(self._accepts_row if self.search else None)

    def _accepts_row(self, row: ForecastRow) -> bool:
        return self.search in row.sku.casefold() or self.search in row.name.casefold()


def duration_text(seconds: float) -> str:
    seconds = round(seconds or 0)
    if seconds <= 1:
        return _tr("1 second")
    if seconds < 60:
        return _tr("{s} seconds").format(s=seconds)
    return _tr("{m} min {s} s").format(m=seconds // 60, s=seconds % 60)


def run_header(run: dict, last_sale: str | None) -> str:
    """The run in a sentence or two: when, from what, where, how long, and how honest its range was."""
    settings = json.loads(run.get("settings") or "{}")
    made = run.get("created_at") or ""
    when = day_text(made) + (_tr(" at {time}").format(time=made[11:16]) if len(made) >= 16 else "")
    text = _tr("Made {when} from sales up to {as_of}").format(when=when, as_of=day_text(run["as_of"]))
    period = run.get("period") or "day"
    if period != "day":         # the period forecast runs the statistical and intermittent models only
        pass
    elif settings.get("neural"):
        text += _tr(", with the neural model on the {device}").format(device=device_words(run.get("device")))
    else:
        text += _tr(", without the neural model, on the {device}").format(device=device_words(run.get("device")))
    text += _tr(", in {duration}.").format(duration=duration_text(run.get("seconds") or 0))
    if period != "day":
        text += _tr(" Your sales are monthly totals: forecast month by month.") if period == "month" else \
            _tr(" Your sales are weekly totals: forecast week by week.")
        if settings.get("neural"):
            text += _tr(" The neural model learns from daily sales, so it was not used.")
    text += _basis_text(settings.get("basis") or {})
    text += _closed_text(settings.get("closed") or {})
    if run.get("coverage90") is not None and period == "day":
        text += _tr(" Tested on past weeks, {p}% of days fell inside the likely range (aim: 90%).").format(
            p=round(run["coverage90"] * 100))
    elif run.get("coverage90") is not None:
        text += (_tr(" Tested on past months, {p}% of them fell inside the likely range (aim: 90%).")
                 if period == "month" else
                 _tr(" Tested on past weeks, {p}% of them fell inside the likely range (aim: 90%).")).format(
            p=round(run["coverage90"] * 100))
    if last_sale and last_sale > run["as_of"]:
        text += _tr(" Sales up to {day} have come in since: press Forecast to bring it up to date.").format(
            day=day_text(last_sale))
    return text


def _closed_text(closed: dict) -> str:
    """The days the shop was closed (core.demand.history): not counted as days without demand, and the days off
    it keeps, the dates it is closed every year and the closures the owner gave forecast as nothing."""
    text = ""
    if closed.get("days"):
        text += _tr(" Your shop was closed on {n} days (no product sold): they are not counted as days without "
                    "demand.").format(n=closed["days"])
    if closed.get("weekdays"):
        text += _tr(" It is closed every {days}: the forecast sells nothing on them.").format(
            days=weekday_names(closed["weekdays"]))
    for first, last in closed.get("dates") or ():
        text += _tr(" It will be closed from {first} to {last}, as it was on those dates a year before: the forecast "
                    "sells nothing on them.").format(first=day_text(first), last=day_text(last))
    for first, last, name in closed.get("declared") or ():
        text += _tr(" You said it is closed from {first} to {last} ({name}): the forecast sells nothing on those "
                    "days.").format(first=day_text(first), last=day_text(last), name=name)
    if closed.get("part_day"):
        text += _tr(" The sales of {day} were imported before the day ended (the day so far): that day is not counted "
                    "as a whole day's demand.").format(day=day_text(closed["part_day"]))
    return text


def _basis_text(basis: dict) -> str:
    """What a shop with weekly or monthly totals before its daily sales was forecast from (core.forecasting.mixed)."""
    if not basis:
        return ""
    monthly = basis.get("period") == "month"
    since = day_text(basis.get("daily_from") or "")
    if basis.get("summed"):
        return (_tr(" Your daily sales since {day} are too few days yet to forecast day by day ({n} days, 56 needed): "
                    "they are added up into months with your monthly totals.") if monthly else
                _tr(" Your daily sales since {day} are too few days yet to forecast day by day ({n} days, 56 needed): "
                    "they are added up into weeks with your weekly totals.")).format(day=since,
                                                                                    n=basis.get("daily_days", 0))
    text = _tr(" Forecast day by day from your daily sales since {day}.").format(day=since)
    if basis.get("shape"):
        text += (_tr(" The {n} monthly totals before them give each product's yearly shape.") if monthly else
                 _tr(" The {n} weekly totals before them give each product's yearly shape.")).format(
            n=basis.get("periods", 0))
    if basis.get("from_totals"):
        text += _tr(" {k} products that have sold too little since then to tell are forecast mostly from what they "
                    "sold before.").format(k=basis["from_totals"])
    return text
