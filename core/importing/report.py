"""What an import found, row by row, in words a shop owner reads."""
from __future__ import annotations

from dataclasses import dataclass, field

from core.i18n import _

MAX_STORED_PROBLEMS = 20_000

# Rows that were understood but are not demand (or not new): counted and listed, never errors.
SET_ASIDE_LABELS = {
    "non_product": "codes that are not products (postage, fees, ...)",
    "write_offs": "write-offs and stock adjustments (not demand)",
    "duplicates": "exact repeats of an earlier row of this file",
    "already_in_shop": "already in the shop from an earlier import",
    "zero_qty": "rows with a quantity of 0 (nothing to store)",
    "totals": "totals rows (a sum of other rows, not a product)",
    "not_over": "weeks or months not over yet (imported once they have ended)",
    "no_figures": "rows with no figures (a title or a footer, not a product)",
    "not_sales": "orders that are not sales (cancelled, voided, failed, unpaid, test, refunded in full)",
    "not_lines": "an order's or receipt's own rows, payments and footers (not a product's line)",
}
COUNT_LABELS = {
    "cancellations": "cancellations and returns (reduce the sales of their product)",
    "refunds": "refunds (reduce the sales of their product on their day)",
    "named_by_name": "lines without a SKU, named by their product name",
    "new_products": "products new to the shop (created)",
    "new_suppliers": "suppliers new to the shop (created)",
    "updated": "existing records updated",
    "day_completed": "days imported before they ended: now the whole day's figures",
    **SET_ASIDE_LABELS,
}


@dataclass
class Problem:
    row: int | None           # the row number the owner sees in their program
    column: str | None
    severity: str             # 'rejected' (not imported), 'warning' (imported), 'skipped' (set aside)
    message: str
    value: str = ""

    def describe(self, where: str = "") -> str:
        place = _(", ").join(p for p in (where, _("row {row}").format(row=self.row) if self.row else "",
                                         _("column '{column}'").format(column=self.column) if self.column else "")
                             if p)
        message = _("{message} (found '{value}')").format(message=self.message, value=self.value) \
            if self.value not in ("", None) else self.message
        return _("{place}: {message}").format(place=place, message=message) if place else message


@dataclass
class ImportReport:
    file: str
    sheet: str | None
    kind: str
    layout: str = "long"
    period: str = "day"
    rows_read: int = 0
    imported: int = 0
    warnings: int = 0
    rejected: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    import_id: int | None = None
    committed: bool = False

    @property
    def where(self) -> str:
        return _("{file}, sheet '{sheet}'").format(file=self.file, sheet=self.sheet) if self.sheet else self.file

    @property
    def set_aside(self) -> int:
        return sum(self.counts.get(k, 0) for k in SET_ASIDE_LABELS)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def count(self, key: str, n: int = 1) -> None:
        if n:
            self.counts[key] = self.counts.get(key, 0) + int(n)

    def first_problems(self, n: int = 10, severity: str | None = None) -> list[Problem]:
        chosen = [p for p in self.problems if severity is None or p.severity == severity]
        order = {"rejected": 0, "warning": 1, "skipped": 2}
        return sorted(chosen, key=lambda p: (order.get(p.severity, 3), p.row or 0))[:n]

    def summary_lines(self) -> list[str]:
        lines = [
            _("{where}: {kind} ({layout} layout, by {period})").format(
                where=self.where, kind=self.kind, layout=self.layout, period=self.period),
            _("rows read:           {n:>9,}").format(n=self.rows_read),
            _("imported:            {n:>9,}").format(n=self.imported),
            _("kept with warnings:  {n:>9,}").format(n=self.warnings),
            _("set aside:           {n:>9,}").format(n=self.set_aside),
            _("rejected:            {n:>9,}").format(n=self.rejected),
        ]
        for key, label in COUNT_LABELS.items():
            if self.counts.get(key):
                lines.append(f"  {self.counts[key]:>9,}  {label}")
        lines.extend(self.notes)
        return lines
