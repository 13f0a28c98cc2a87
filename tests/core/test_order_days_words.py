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
    ("fortnightly", "every 2 weeks"), ("Tuesdays fortnightly", "Tue,every 2 weeks"),
    ("every other Monday", "Mon,every 2 weeks"), ("every other week", "every 2 weeks"),
    ("alternate Fridays", "Fri,every 2 weeks"), ("bi-weekly", "every 2 weeks"), ("every 3 weeks", "every 3 weeks"),
    ("every four weeks", "every 4 weeks"), ("4-weekly", "every 4 weeks"), ("every 14 days", "every 2 weeks"),
    ("alle 14 Tage", "every 2 weeks"), ("zweiwöchentlich Di", "Tue,every 2 weeks"),
    ("toutes les deux semaines", "every 2 weeks"), ("cada dos semanas", "every 2 weeks"), ("隔周周二", "Tue,every 2 weeks"),
    ("Mon,every 2 weeks", "Mon,every 2 weeks"),
])
def test_order_days_in_the_words_suppliers_use(text, expected):
    assert normalise(text) == expected


def test_a_suppliers_sheet_stores_order_days_as_the_plan_reads_them_and_says_what_it_cannot_read(tmp_path):
    path = tmp_path / "suppliers.csv"
    path.write_text("Supplier,Email,Order days\nAcme,a@acme.example,Tuesdays and Fridays\nBeta,b@beta.example,Mo-Fr\n"
                    "Gamma,g@gamma.example,fortnightly\nDelta,d@delta.example,every other month\n", encoding="utf-8")
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, path, "suppliers")
        assert dict(shop.query("SELECT name, order_days FROM suppliers")) == {
            "Acme": "Tue,Fri", "Beta": "Mon,Tue,Wed,Thu,Fri", "Gamma": "every 2 weeks", "Delta": "every other month"}
    assert [(p.row, p.severity) for p in report.problems] == [(5, "warning")]
    assert "cannot read these order days, so the plan takes any day" in report.problems[0].message
    with pytest.raises(UserError, match="other"):
        normalise("every other month")
    with pytest.raises(UserError, match="not with days of the month"):
        normalise("1st fortnightly")


def test_a_fortnightly_supplier_is_planned_for_two_weeks_between_orders(tmp_path):
    """'fortnightly' was taken as any day (reviewed weekly): the order had to last one week where the next order goes
    out two weeks later, so the shelf ran short in every second week."""
    import datetime as dt

    from core.policy.order_days import average_review, calendar

    assert calendar("fortnightly", dt.date(2026, 3, 3)) == (0, 14)
    assert calendar("every other Tuesday", dt.date(2026, 3, 3)) == (0, 14)
    assert average_review("fortnightly") == 14 and average_review("Mon,Thu,every 2 weeks") == 7
    assert calendar("", dt.date(2026, 3, 3)) == (0, 7)
