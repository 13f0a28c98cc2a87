"""The window's language: English or Simplified Chinese, following the system unless Settings says otherwise.

The window's texts go through Qt's translators (resources/translations/shelfwise_<language>.qm, built from the
.ts by scripts/translations.py, plus Qt's own qtbase_<language>.qm for the standard dialog buttons); the texts
core writes (explanations, alerts, order notes) through core.i18n. Both are set once at start, before the window
is made: a change in Settings takes effect at the next start. Dates are written the language's way too.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QLibraryInfo, QLocale, QSettings, QTranslator

from core import i18n as core_i18n

LANGUAGE_KEY = "language"          # QSettings: a code of available_languages(); absent: follow the system
ENGLISH = "en"
CHINESE = "zh_CN"

_installed: list[QTranslator] = []


def available_languages() -> list[tuple[str, str]]:
    """(code, name in its own language), for the Settings list."""
    return [(ENGLISH, "English"), (CHINESE, "中文（简体）")]


def current_language(settings: QSettings) -> str | None:
    """The language chosen in Settings, or None to follow the system."""
    value = settings.value(LANGUAGE_KEY, "", type=str) or None
    return value if value in dict(available_languages()) else None


def set_language(code: str | None, settings: QSettings) -> None:
    """Choose the language for the next start (None: follow the system)."""
    if code is None:
        settings.remove(LANGUAGE_KEY)
    elif code in dict(available_languages()):
        settings.setValue(LANGUAGE_KEY, code)
    else:
        raise ValueError(f"no translation for {code!r}")


def system_language() -> str:
    """The system's language, where there is a translation for it (any Chinese: Simplified), else English."""
    system = QLocale.system()
    preferred = system.uiLanguages()
    locale = QLocale(preferred[0]) if preferred else system
    return CHINESE if locale.language() == QLocale.Language.Chinese else ENGLISH


def language_to_use(settings: QSettings) -> str:
    return current_language(settings) or system_language()


def translations_dir():
    return core_i18n.resources_dir() / "translations"


def install_translators(app: QCoreApplication, settings: QSettings) -> str:
    """Install the translators of the language to use (see language_to_use) and set core's language to match.
    Returns its code. Safe to call again: the earlier translators are removed first."""
    uninstall_translators(app)
    code = language_to_use(settings)
    if code != ENGLISH:
        ours = translations_dir() / f"shelfwise_{code}.qm"
        qt_own = f"qtbase_{code}"
        for name, folder in ((ours.name, str(ours.parent)),
                             (qt_own, QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))):
            translator = QTranslator(app)
            if translator.load(name, folder):
                app.installTranslator(translator)
                _installed.append(translator)
        QLocale.setDefault(QLocale(code))
    core_i18n.set_language(code)
    return code


def uninstall_translators(app: QCoreApplication) -> None:
    """Back to English (the window's and core's texts) and the system's locale."""
    while _installed:
        translator = _installed.pop()
        app.removeTranslator(translator)
        translator.deleteLater()
    QLocale.setDefault(QLocale.system())
    core_i18n.set_language(ENGLISH)


# ---- dates, the language's way

def _tr(text: str) -> str:
    return QCoreApplication.translate("Dates", text)


def _locale() -> QLocale:
    """Month and weekday names in the window's language (English: 'Jun', 'Mon')."""
    if core_i18n.language() == CHINESE:
        return QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def _qdate(day: dt.date | str) -> QDate:
    day = dt.date.fromisoformat(day[:10]) if isinstance(day, str) else day
    return QDate(day.year, day.month, day.day)


def day_format() -> str:
    """The Qt date format of day_text, for a QDateEdit's displayFormat."""
    return _tr("d MMM yyyy")


def day_text(day: dt.date | str) -> str:
    """'1 Jun 2025' / '2025年6月1日'."""
    return _locale().toString(_qdate(day), day_format())


def day_month_text(day: dt.date | str, weekday: bool = False) -> str:
    """'1 Jun', or with the weekday 'Sun 1 Jun' / '6月1日', '6月1日 周日'."""
    return _locale().toString(_qdate(day), _tr("ddd d MMM") if weekday else _tr("d MMM"))


def weekday_day_text(day: dt.date | str) -> str:
    """'Sun 1 Jun 2025' / '2025年6月1日 周日'."""
    return _locale().toString(_qdate(day), _tr("ddd d MMM yyyy"))


def month_text(day: dt.date | str, year: bool = True) -> str:
    """'Jun 2025' / '2025年6月', or without the year 'Jun' / '6月'."""
    return _locale().toString(_qdate(day), _tr("MMM yyyy") if year else _tr("MMM"))


def weekday_names(weekdays) -> str:
    """Weekdays (Monday 0) by their full names in the window's language: 'Saturday, Sunday' / '星期六, 星期日'."""
    locale = _locale()
    return ", ".join(locale.dayName(int(d) + 1, QLocale.FormatType.LongFormat) for d in sorted(weekdays))


def order_days_text(order_days: str) -> str:
    """A supplier's order days as core stores them ('Mon,Thu', '1st,15th', 'last') in the window's language
    ('Mon, Thu' / '周一, 周四'; 'day 1 of the month' / '每月1日')."""
    from core.policy.order_days import LAST, parse

    locale = _locale()
    days = parse(order_days, strict=False)
    names = [locale.dayName(d + 1, QLocale.FormatType.ShortFormat) for d in sorted(days.weekdays)]
    names += [_tr("last day of the month") if d == LAST else _tr("day {n} of the month").format(n=d)
              for d in sorted(days.month_days)]
    return ", ".join(names)
