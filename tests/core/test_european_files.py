"""A shop's own sheets in German, French or Spanish, and dates with the weekday a till prints before them."""
from __future__ import annotations

import pandas as pd
import pytest

from core.importing import guess_mapping, read_sheet, run_import
from core.importing.values import day_first_from, parse_date
from core.store import open_shop


def _stored(shop) -> dict[tuple[str, str], tuple]:
    return {(r[0], r[1]): (r[2], r[3]) for r in shop.query(
        "SELECT p.sku, s.date, s.qty, s.revenue FROM sales s JOIN products p ON p.id = s.product_id")}


def test_a_german_till_export_with_weekdays_and_decimal_commas(tmp_path):
    """Datum | Artikelnummer | Artikel | Menge | Einzelpreis | Umsatz | Belegnummer, ';'-separated, '8,50', and dates
    as 'Di 05.03.2024': the header was not understood at all, and 'Di 05.03.2024' was no date."""
    path = tmp_path / "verkauf.csv"
    path.write_text("Datum;Artikelnummer;Artikel;Menge;Einzelpreis;Umsatz;Belegnummer\n"
                    "Di 05.03.2024;4711;Kaffeebecher blau;2;8,50;17,00;B-1001\n"
                    "Mi 06.03.2024;4712;Geschirrtuch;1;4,00;4,00;B-1002\n"
                    "Fr 12.04.2024;4711;Kaffeebecher blau;1;8,50;8,50;B-1003\n", encoding="utf-8")
    mapping = guess_mapping(read_sheet(path, kind="sales"), "sales")
    assert {c: f for c, f in mapping.columns.items() if f} == {
        "Datum": "date", "Artikelnummer": "sku", "Artikel": "name", "Menge": "qty", "Einzelpreis": "price",
        "Umsatz": "revenue", "Belegnummer": "invoice"}
    with open_shop(tmp_path / "shop.db") as shop:
        report = run_import(shop, path, "sales")
        assert _stored(shop) == {("4711", "2024-03-05"): (2, 17.0), ("4712", "2024-03-06"): (1, 4.0),
                                 ("4711", "2024-04-12"): (1, 8.5)}
        assert dict(shop.query("SELECT sku, name FROM products")) == {"4711": "Kaffeebecher blau",
                                                                      "4712": "Geschirrtuch"}
    assert report.rejected == 0


@pytest.mark.parametrize("columns, expected", [
    (["Date", "Référence", "Désignation", "Quantité", "Prix unitaire", "Montant"],
     {"Date": "date", "Référence": "sku", "Désignation": "name", "Quantité": "qty", "Prix unitaire": "price",
      "Montant": "revenue"}),
    (["Fecha", "Código", "Descripción", "Cantidad", "Precio", "Importe"],
     {"Fecha": "date", "Código": "sku", "Descripción": "name", "Cantidad": "qty", "Precio": "price",
      "Importe": "revenue"}),
])
def test_french_and_spanish_headers(tmp_path, columns, expected):
    path = tmp_path / "ventes.csv"
    path.write_text(",".join(columns) + "\n2024-03-05,A1,Tasse,2,8.50,17.00\n", encoding="utf-8")
    assert {c: f for c, f in guess_mapping(read_sheet(path, kind="sales"), "sales").columns.items() if f} == expected


def test_the_weekday_before_a_date_says_which_number_is_the_day():
    # 5 March 2024 was a Tuesday and 3 May a Friday: every date here is read day first, none could tell alone
    assert day_first_from(["Tue 05/03/2024", "Wed 06/03/2024", "Fri 12/04/2024"]) is True
    assert day_first_from(["Tue 03/05/2024", "Fri 03/08/2024"]) is False          # month first (US)
    assert day_first_from(["05.03.2024", "06.03.2024"]) is True                   # dots: day first
    assert day_first_from(["05/03/2024", "06/03/2024"]) is None                   # nothing tells
    parsed = parse_date(pd.Series(["Tue 05/03/2024", "Fri 12/04/2024", "Tuesday, 5 March 2024", "March 6, 2024"]))[0]
    assert [str(v)[:10] for v in parsed.values] == ["2024-03-05", "2024-04-12", "2024-03-05", "2024-03-06"]
