"""ui/messages.py and ui/style.py: one way to tell the owner, and the words' colours in one place."""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt

from core import i18n
from core.errors import UserError
from ui import messages, style

REPO = Path(__file__).resolve().parents[2]


def test_an_error_in_a_label_is_escaped_and_keeps_its_hint_on_a_line_of_its_own():
    error = UserError("the column <Qty> has 'x & y' in it", where="sales <2024>.csv, row 3",
                      hint="Correct the cell & import again.")
    text = messages.error_html(error, advice="<b>Go Back</b> to change the columns.")
    assert f"color:{style.ERROR}" in text
    assert "sales &lt;2024&gt;.csv, row 3: the column &lt;Qty&gt; has &#x27;x &amp; y&#x27; in it<br>" \
           "Correct the cell &amp; import again." in text
    assert text.endswith("<p><b>Go Back</b> to change the columns.</p>")      # the window's own words as rich text
    assert messages.error_text(error) == error.full_message()


def test_an_error_box_shows_the_translated_place_and_message_with_the_hint_below(qtbot):
    i18n.set_language("zh_CN")
    try:
        error = UserError(i18n._("There is no forecast yet."), where="sales.csv",
                          hint=i18n._("Press Forecast to make one."))
        box = messages.show_error(None, error, "ShelfWise")
        qtbot.addWidget(box)
        assert box.text() == error.headline() and "sales.csv" in box.text() and "还没有预测" in box.text()
        assert box.informativeText() == error.hint != ""
        assert box.textFormat() == Qt.TextFormat.PlainText          # a file name with < in it is shown as written
    finally:
        i18n.set_language(None)
        box.close()


def test_the_colours_of_words_are_written_only_in_the_style_module():
    colours = [style.ERROR, style.CAUTION, style.GOOD, style.NOTE, style.DETAIL]
    found = []
    for path in sorted((REPO / "ui").rglob("*.py")):
        if path.name == "style.py":
            continue
        text = path.read_text(encoding="utf-8").lower()
        found += [f"{path.relative_to(REPO)}: {c}" for c in colours if re.search(re.escape(c.lower()) + r"\b", text)]
    assert not found, "colours to take from ui/style.py:\n" + "\n".join(found)
