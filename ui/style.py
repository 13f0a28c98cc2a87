"""The window's colours for words, in one place: what tells the owner something is wrong, needs a look, went well,
or is only a note. Pages, dialogs and the wizard take them from here (ui/messages.py builds the error texts with
them); the chart's and the dashboard's own palettes stay with those widgets."""
from __future__ import annotations

ERROR = "#b00020"          # refused, cannot be used, must be fixed
CAUTION = "#8a5a00"        # kept with a warning, cut for the budget
GOOD = "#1b6e20"           # imported, complete
NOTE = "#666666"           # a quiet note beside a field
DETAIL = "#555555"         # secondary facts (a line's numbers, a policy's description)


def text_css(colour: str) -> str:
    """A label's style sheet for words in `colour`."""
    return f"color: {colour};"
