"""Order days as suppliers' lists write them: 'Tuesdays and Fridays', 'Mon-Fri', 'Mo/Do', 'mardi et vendredi' were
not read (the plan took any day, silently: a supplier taking orders on Tuesdays planned as if any day would do)."""
from __future__ import annotations

import pytest

from core.errors import UserError
from core.importing import run_import
from core.policy.order_days import normalise
from core.store import open_shop


@pytest.mark.parametrize("text, expected", [
    ("Tuesdays and Fridays", "Tue,Fri"), ("Mon & Thu", "Mon,Thu"), ("Mon-Fri", "Mon,Tue,Wed,Thu,Fri"),
    ("Monday to Friday", "Mon,Tue,Wed,Thu,Fri"), ("Sat-Mon", "Mon,Sat,Sun"), ("Mo/Do", "Mon,Thu"),
    ("Mo-Fr", "Mon,Tue,Wed,Thu,Fri"), ("mardi et vendredi", "Tue,Fri"), ("lunes", "Mon"), ("weekly", ""),
    ("daily", ""), ("any day", ""), ("Mon, Thu", "Mon,Thu"), ("1st and 15th", "1st,15th"), ("monthly", "1st"),
    ("周一、周四", "Mon,Thu"),
])
def test_order_days_in_the_words_suppliers_use(text, expected):
    assert normalise(text) == expected


def test_a_suppliers_sheet_stores_order_days_as_the_plan_reads_them_and_says_what_it_cannot_read(tmp_path):
    path = tmp_path / "suppliers.csv"
    path.write_text("Supplier,Email,Order days\nAcme,a@acme.example,Tuesdays and Fridays\nBeta,b@beta.example,Mo-Fr\n"
                    "Gamma,g@gamma.example,fortnightly\n", encoding="utf-8")
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, path, "suppliers")
        assert dict(shop.query("SELECT name, order_days FROM suppliers")) == {
            "Acme": "Tue,Fri", "Beta": "Mon,Tue,Wed,Thu,Fri", "Gamma": "fortnightly"}
    assert [(p.row, p.severity) for p in report.problems] == [(4, "warning")]
    assert "cannot read these order days, so the plan takes any day" in report.problems[0].message
    with pytest.raises(UserError, match="fortnightly"):
        normalise("fortnightly")
