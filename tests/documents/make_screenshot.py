"""Draw docs/screenshots/purchase-order.png: the demo shop's suggested order to its dairy as a PDF page, with
sample shop details (address, contact, terms, a drawn logo). Run: python tests/documents/make_screenshot.py
(needs pdftoppm from poppler-utils; about 15 s)."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from core.demo import build_demo_shop  # noqa: E402
from core.documents import build_document, save_shop_details, to_html  # noqa: E402
from core.documents.shop_details import ShopDetails, load_shop_details  # noqa: E402
from core.forecasting import ForecastSettings, forecast_shop  # noqa: E402
from core.ordering.purchase_orders import create_orders_from_plan  # noqa: E402
from core.policy.plan import plan_shop  # noqa: E402
from core.store import open_shop  # noqa: E402
from tests.support import draw_logo  # noqa: E402
from ui.pdf import ensure_app, html_to_pdf  # noqa: E402

OUT = ROOT / "docs" / "screenshots" / "purchase-order.png"


def main() -> None:
    ensure_app()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        build_demo_shop(folder / "demo.db", today=dt.date(2026, 3, 2))
        with open_shop(folder / "demo.db") as shop:
            forecast_shop(shop, settings=ForecastSettings(neural=False, statistical_max_products=0))
            draw_logo(folder / "logo.png")
            details = load_shop_details(shop)
            save_shop_details(shop, ShopDetails(
                name=details.name, address="7 Market Place\nLudlow SY8 1AA", email="orders@demogift.example",
                phone="01584 872000",
                terms="Payment 30 days from the end of the month of invoice. Deliveries Monday to Saturday, "
                      "7:30 to 11:00, at the yard gate.\nPlease tell us at once if any line cannot be supplied "
                      "in full or on time.").with_logo(folder / "logo.png"))
            plan = plan_shop(shop)
            order = create_orders_from_plan(shop, plan, supplier="Meadowvale Dairy").created[0]
            doc = build_document(shop, order)
            doc.notes = "Please use the yard gate on Mill Street; call 01584 872000 on arrival."
        pdf = html_to_pdf(to_html(doc), folder / "po.pdf", footer=doc.footer, title=doc.title)
        subprocess.run(["pdftoppm", "-png", "-r", "96", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(folder / "page")], check=True)
        OUT.write_bytes((folder / "page.png").read_bytes())
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
