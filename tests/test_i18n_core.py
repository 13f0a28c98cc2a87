"""core.i18n: every text core writes through _() has a Chinese translation with the same placeholders, and an
order's explanation, its notes and the alerts come out in Chinese when the language is Chinese (and in English,
word for word as before, otherwise)."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import numpy as np
import pytest

from core import i18n
from core.i18n import _, placeholders, sentences
from core.ordering.optimise import OrderLine, SupplierRule, optimise_orders
from core.policy.demand import DemandDistribution, LeadTime
from core.policy.levels import Item, plan_item
from tests.support import translations_script

REPO = Path(__file__).resolve().parents[1]
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


@pytest.fixture
def chinese():
    i18n.set_language("zh_CN")
    yield
    i18n.set_language(None)


def test_every_core_text_has_a_chinese_translation_with_the_same_placeholders():
    templates, problems = translations_script().core_templates()
    assert not problems, "\n".join(problems)
    assert len(templates) > 30          # the scan found the explanation's, the alerts' and the notes' texts
    catalog = json.loads(i18n.catalog_path("zh_CN").read_text(encoding="utf-8"))
    untranslated = [t for t in templates if not catalog.get(t)]
    assert not untranslated, "untranslated core texts (run scripts/translations.py, then translate them in " \
                             f"{i18n.catalog_path('zh_CN').name}):\n" + "\n".join(untranslated)
    wrong = [f"{t!r} -> {catalog[t]!r}" for t in templates if placeholders(catalog[t]) != placeholders(t)]
    assert not wrong, "translations whose {placeholders} differ from the English:\n" + "\n".join(wrong)


def test_english_needs_no_catalog_and_an_unknown_language_reads_as_english():
    i18n.set_language("xx")
    assert i18n.language() == "en"
    assert _("Plan ready") == "Plan ready"
    assert sentences(["One.", "Two."]) == "One. Two."


def test_the_language_can_be_set_back_to_english(chinese):
    assert _("Plan ready") != "Plan ready"
    i18n.set_language("en")
    assert _("Plan ready") == "Plan ready"


def _explained(**overrides) -> str:
    item = Item(**{"sku": "TEA", "daily_mean": np.full(28, 4.0), "dispersion": 1.5,
                   "lead": LeadTime.fixed(7, _("the supplier's lead time")), "review_days": 7, "service": 0.95,
                   "pack": 12, "moq": 24, "on_hand": 3, "on_order": 0, "wait_days": 2, **overrides})
    return plan_item(item).explanation


def test_an_explanation_comes_out_in_chinese_with_the_same_numbers(chinese):
    text = _explained()
    assert "安全库存" in text and "再订货点" in text and "供应商的交货期" in text
    assert not LATIN_WORD.findall(text), text
    i18n.set_language(None)
    english = _explained()
    assert english.startswith("Expected demand over the next 16 days (2 days until the next order day + 7 days' "
                              "delivery (the supplier's lead time) + 7 days until the order after)")
    assert re.findall(NUMBER, english) == re.findall(NUMBER, text)


def test_supplier_notes_come_out_in_chinese(chinese):
    sure = DemandDistribution(np.eye(61)[60])          # exactly 60 units wanted: none spare
    lines = [OrderLine("NEED", "S", 1.0, 1, 0, 60, 1.0, 0.0, sure.shortage, 60, 0.01),
             OrderLine("FAST", "S", 1.0, 1, 0, 0, 1.0, 0.0, DemandDistribution(np.eye(1)[0]).shortage, 100, 0.05)]
    solution = optimise_orders(lines, {"S": SupplierRule("S", min_order_value=100.0)})
    assert solution.supplier_notes["S"] == "补足了 40.00，以达到该供应商的最低订货额 100.00。"


def test_a_bad_import_is_explained_in_chinese_and_still_names_the_file_row_and_column(tmp_path):
    from core.errors import MappingProblem
    from core.importing import run_import
    from core.store import open_shop

    missing = tmp_path / "门店销售.csv"
    missing.write_text("SKU,Date\nA1,2024-01-05\n", encoding="utf-8")
    bad_date = tmp_path / "sales.csv"
    bad_date.write_text("SKU,Date,Qty\nA1,2024-01-05,2\nA2,someday,3\n", encoding="utf-8")
    i18n.set_language("zh_CN")
    try:
        with open_shop(None) as shop:
            with pytest.raises(MappingProblem) as refused:
                run_import(shop, missing, "sales", today=dt.date(2025, 1, 1))
            message = str(refused.value)
            assert "门店销售.csv" in message and "数量（qty）" in message, message
            assert "表头（第 1 行）" in message, message
            assert "no column gives" not in message

            report = run_import(shop, bad_date, "sales", today=dt.date(2025, 1, 1))
            problem, = report.problems
            assert problem.message == "无法识别为日期"
            assert problem.describe(report.where) == \
                "sales.csv，第 3 行，“Date”列：无法识别为日期（实际内容：“someday”）"
    finally:
        i18n.set_language("en")
    assert i18n.language() == "en" and _("cannot read this as a date") == "cannot read this as a date"


def _literal_english(node) -> bool:
    """A message written as English in the call itself: a string, an f-string, or strings added together."""
    import ast

    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _literal_english(node.left) or _literal_english(node.right)
    return False


def test_every_refusal_in_core_is_written_through_the_catalogue():
    """Every UserError core raises (its message and its hint) comes from _(): the list below is the English a
    Chinese window would show. Messages built from translated pieces (a variable) pass."""
    import ast

    english = []
    for path in sorted((REPO / "core").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "UserError":
                parts = node.args[:1] + [k.value for k in node.keywords if k.arg in ("hint", "where")]
                english += [f"{path.relative_to(REPO)}:{node.lineno}: {ast.get_source_segment(source, part)}"
                            for part in parts if _literal_english(part)]
    assert not english, "refusals in English only (write them as _(\"...\").format(...)):\n" + "\n".join(english)


def test_no_function_hides_the_translation_function():
    """A function that assigns `_` (first, _ = ...) makes every _() in it call that value instead: the refusal
    then fails with a TypeError where the owner should have read a message."""
    import ast

    # comprehensions have their own scope: `{t for t, *_ in rows}` leaves the function's _ alone
    nested = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.ListComp, ast.SetComp,
              ast.DictComp, ast.GeneratorExp)
    hidden = []
    for path in sorted(list((REPO / "core").rglob("*.py")) + list((REPO / "ui").rglob("*.py"))):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for scope in ast.walk(tree):
            if not isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            own, stack = [], list(ast.iter_child_nodes(scope))
            while stack:                       # this function's own statements, not those of functions inside it
                node = stack.pop()
                own.append(node)
                if not isinstance(node, nested):
                    stack.extend(ast.iter_child_nodes(node))
            binds = any(isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store) for n in own) or \
                any(a.arg == "_" for a in scope.args.args)
            calls = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_"
                        for n in ast.walk(scope))
            if binds and calls:
                hidden.append(f"{path.relative_to(REPO)}:{scope.lineno} {scope.name}")
    assert not hidden, "functions that assign _ and call _():\n" + "\n".join(hidden)


def test_refusals_come_out_in_chinese(chinese, tmp_path):
    from core.errors import UserError
    from core.exporting import export
    from core.policy.settings import PolicySettings

    refusals = []
    for attempt in (lambda: PolicySettings(service_level=1.5).check(),
                    lambda: PolicySettings(policy="guess").check(),
                    lambda: export(None, "nonsense", tmp_path / "x.csv")):
        with pytest.raises(UserError) as caught:
            attempt()
        refusals.append(caught.value)
    for error in refusals:
        text = f"{error.message} {error.hint or ''}"
        # what the owner typed and the words a command takes stay as they are
        typed = {"guess", "nonsense", "shelfwise", "optimal", "minmax", "sales", "stock", "products", "suppliers"}
        assert not [w for w in LATIN_WORD.findall(text) if w not in typed], text
