"""What an import found, row by row, in words a shop owner reads."""
from __future__ import annotations

from dataclasses import dataclass, field

MAX_STORED_PROBLEMS = 20_000

# Rows that were understood but are not demand (or not new): counted and listed, never errors.
SET_ASIDE_LABELS = {
    "non_product": "codes that are not products (postage, fees, ...)",
    "write_offs": "write-offs and stock adjustments (not demand)",
    "duplicates": "exact repeats of an earlier row of this file",
    "already_in_shop": "already in the shop from an earlier import",
    "zero_qty": "rows with a quantity of 0 (nothing to store)",
    "totals": "totals rows (a sum of other rows, not a product)",
}
COUNT_LABELS = {
    "cancellations": "cancellations and returns (reduce the sales of their product)",
    "new_products": "products new to the shop (created)",
    "new_suppliers": "suppliers new to the shop (created)",
    "updated": "existing records updated",
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
        place = ", ".join(p for p in (where, f"row {self.row}" if self.row else "",
                                      f"column '{self.column}'" if self.column else "") if p)
        value = f" (found '{self.value}')" if self.value not in ("", None) else ""
        return f"{place}: {self.message}{value}" if place else f"{self.message}{value}"


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
        return f"{self.file}, sheet '{self.sheet}'" if self.sheet else self.file

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
            f"{self.where}: {self.kind} ({self.layout} layout, by {self.period})",
            f"rows read:           {self.rows_read:>9,}",
            f"imported:            {self.imported:>9,}",
            f"kept with warnings:  {self.warnings:>9,}",
            f"set aside:           {self.set_aside:>9,}",
            f"rejected:            {self.rejected:>9,}",
        ]
        for key, label in COUNT_LABELS.items():
            if self.counts.get(key):
                lines.append(f"  {self.counts[key]:>9,}  {label}")
        lines.extend(self.notes)
        return lines
