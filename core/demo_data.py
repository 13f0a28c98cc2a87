"""The recipe of the built-in demo shop: suppliers, categories, product-name word lists and the holiday calendar.

Everything here is invented (no licensed data); `core/demo.py` turns it into two years of trading.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoSupplier:
    name: str
    code: str                  # prefix of the supplier's own item codes
    lead_time_days: int
    order_days: str            # 'Mon,Thu'; empty means any day
    min_order_value: float
    town: str


SUPPLIERS: list[DemoSupplier] = [
    DemoSupplier("Hearthside Bakery", "HB", 2, "", 25.0, "Ludlow"),
    DemoSupplier("Meadowvale Dairy", "MVD", 3, "Mon,Wed,Fri", 60.0, "Taunton"),
    DemoSupplier("Larder Lane Wholesale", "LLW", 5, "Tue", 150.0, "Leicester"),
    DemoSupplier("Sugarloaf Confectioners", "SLC", 7, "Mon,Thu", 100.0, "York"),
    DemoSupplier("Brookfield Drinks Co.", "BDC", 10, "Wed", 200.0, "Bristol"),
    DemoSupplier("Wickfield Candle Works", "WCW", 14, "Mon", 120.0, "Norwich"),
    DemoSupplier("Papermill Greetings", "PMG", 18, "Thu", 80.0, "Kendal"),
    DemoSupplier("Greenholt Garden Imports", "GGI", 21, "Fri", 250.0, "Felixstowe"),
]

STREETS = ["Mill Lane", "Station Road", "High Street", "Church Street", "Victoria Road", "Bridge Street",
           "Market Place", "Kings Road"]


@dataclass(frozen=True)
class DemoCategory:
    """One aisle of the shop and how it sells: `season` is 'christmas', 'summer' or '' (flat)."""
    name: str
    supplier: int              # index into SUPPLIERS
    products: int
    cost_range: tuple[float, float]
    daily_rate: float          # typical units a day for a middling product
    season: str
    season_strength: float     # peak multiplier minus one
    pack_sizes: tuple[int, ...]
    shelf_life_days: tuple[int, int] | None   # perishables only
    adjectives: tuple[str, ...]
    items: tuple[str, ...]     # a name is an adjective plus an item


CATEGORIES: list[DemoCategory] = [
    DemoCategory("Bakery", 0, 30, (0.35, 1.60), 6.0, "", 0.0, (1, 6), (2, 5),
                 ("Farmhouse", "Seeded", "Rustic", "Stoneground", "Malted", "Golden"),
                 ("White Loaf 800g", "Wholemeal Loaf", "Sourdough", "Rye Bread", "Bloomer", "Baguette",
                  "Bread Rolls x4", "Fruit Scones x4", "Cheese Twists", "Crumpets x6")),
    DemoCategory("Dairy & Chilled", 1, 35, (0.45, 2.80), 4.5, "", 0.0, (6, 12), (7, 21),
                 ("Organic", "West Country", "Farm", "Dairy Fresh", "Valley", "Classic"),
                 ("Whole Milk 1L", "Semi-Skimmed Milk 1L", "Greek Yoghurt 500g", "Mature Cheddar 250g",
                  "Salted Butter 250g", "Double Cream 300ml", "Free Range Eggs x6", "Red Leicester 200g",
                  "Natural Yoghurt 500g", "Soft Cheese 180g")),
    DemoCategory("Pantry", 2, 50, (0.60, 3.50), 1.8, "", 0.0, (6, 12, 24), None,
                 ("Heritage", "Kitchen", "Cottage", "Orchard", "Country", "Artisan"),
                 ("Strawberry Jam 340g", "Seville Marmalade", "Piccalilli", "Runny Honey", "Onion Chutney",
                  "Oatcakes", "Cheese Crackers", "Shortbread Biscuits", "Tomato Soup", "Fusilli 500g")),
    DemoCategory("Confectionery", 3, 45, (0.40, 4.00), 2.0, "christmas", 1.6, (12, 24), None,
                 ("Luxury", "Salted", "Handmade", "Traditional", "Festive", "Classic"),
                 ("Caramel Bar", "Vanilla Fudge 150g", "Butter Toffee", "Chocolate Truffles", "Mint Creams",
                  "Praline Selection", "Dark Chocolate Bar", "Rum Truffles", "Nougat Bites", "Sherbet Lollies")),
    DemoCategory("Drinks", 4, 40, (0.50, 3.20), 2.5, "summer", 0.9, (6, 12, 24), None,
                 ("Sparkling", "Traditional", "Cloudy", "Botanical", "Craft", "Hedgerow"),
                 ("Elderflower Pressé", "Lemonade 750ml", "Ginger Beer Can", "Apple Juice 1L", "Cola Can",
                  "Rhubarb Soda", "Blackcurrant Cordial", "Tonic Water", "Orange Juice 1L")),
    DemoCategory("Candles & Home", 5, 35, (2.00, 12.00), 0.6, "christmas", 1.4, (1, 4, 6), None,
                 ("Scented", "Soy", "Vintage", "Linen", "Amber", "Cosy"),
                 ("Fig Candle", "Cinnamon Candle", "Lavender Diffuser", "Sea Salt Candle", "Pine Wax Melt",
                  "Vanilla Tealights x12", "Room Spray", "Jar Candle", "Tin Candle")),
    DemoCategory("Cards & Gift Wrap", 6, 35, (0.30, 2.50), 1.0, "christmas", 3.0, (6, 12), None,
                 ("Floral", "Kraft", "Foil", "Watercolour", "Retro", "Botanical"),
                 ("Birthday Card", "Christmas Card Pack", "Thank You Card", "Wedding Card", "Wrap Roll",
                  "Gift Bag", "Gift Tags x10", "Ribbon 3m", "Robin Card")),
    DemoCategory("Garden & Picnic", 7, 30, (1.50, 9.00), 0.5, "summer", 1.8, (1, 2, 6), None,
                 ("Enamel", "Bamboo", "Striped", "Galvanised", "Woven", "Painted"),
                 ("Picnic Mug", "Picnic Blanket", "Herb Pot", "Bird Feeder", "Hand Trowel", "Seed Kit",
                  "Watering Can", "Plant Labels")),
]


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday (Western) by the anonymous Gregorian algorithm."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month = (h + el - 7 * m + 114) // 31
    day = (h + el - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def _first_monday(year: int, month: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(7 - first.weekday()) % 7)


def _last_monday(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=last.weekday())


# How a shop-wide day changes trade: 0 = the shop is shut, >1 = busier than a normal day of that weekday.
HOLIDAY_TRADE = {"New Year's Day": 0.5, "Good Friday": 1.3, "Easter Monday": 1.2, "Early May bank holiday": 1.2,
                 "Spring bank holiday": 1.2, "Summer bank holiday": 1.3, "Christmas Day": 0.0,
                 "Boxing Day": 0.0, "Christmas Eve": 1.6}


def holidays(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """UK (England) bank holidays plus Christmas Eve between two dates, inclusive, in date order."""
    days = []
    for year in range(first.year, last.year + 1):
        easter = easter_sunday(year)
        days += [(dt.date(year, 1, 1), "New Year's Day"),
                 (easter - dt.timedelta(days=2), "Good Friday"),
                 (easter + dt.timedelta(days=1), "Easter Monday"),
                 (_first_monday(year, 5), "Early May bank holiday"),
                 (_last_monday(year, 5), "Spring bank holiday"),
                 (_last_monday(year, 8), "Summer bank holiday"),
                 (dt.date(year, 12, 24), "Christmas Eve"),
                 (dt.date(year, 12, 25), "Christmas Day"),
                 (dt.date(year, 12, 26), "Boxing Day")]
    return sorted(d for d in days if first <= d[0] <= last)
