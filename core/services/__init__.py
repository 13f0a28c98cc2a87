"""The service layer: what the window and the command line do with a shop, each step one plain function.

Every function takes the shop file's path by position (never a connection: each opens its own ShopDb, on whatever
thread runs it), everything else by name, a JobContext as `ctx=` among them, and returns a typed result (frozen
dataclasses of plain values: pandas stays inside the computations). A function that changes the shop returns `Changed(value, changes)` (changes.py), so the
window refreshes only what changed. Both faces call these and nothing else of core's workings:

    shop.py             open, create, the demo, the products list, the shop's settings
    imports.py          read -> map -> validate -> commit, the imports list, undo
    forecast.py         the forecast table, one product's forecast, the owner's overrides, forecasting
    plan.py             the plan and its lines, the owner's quantities, the budget, the alerts
    purchase_orders.py  purchase orders: made from the plan, listed, edited, sent, received, cancelled
    documents.py        a purchase order as HTML, PDF, xlsx and e-mail draft (the PDF drawn by a renderer
                        the caller passes in: ui/pdf.py, Qt's)
    replay.py           the replay of policies over the shop's own past

Importing this package or any of its modules is cheap: scipy, statsmodels, torch and LightGBM are imported inside
the functions that need them (tests/core/test_layers.py holds that).
"""
