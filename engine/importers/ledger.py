"""Row accounting: every input row ends up counted exactly once as stored, rejected or duplicate.

The reader promises that every data row is referenced by one record (or one problem), but an order
whose rows are not contiguous can come back later with more rows, and one physical row can back
both an order and a line. The ledger settles each row once, with a precedence: rejected beats
stored beats duplicate (a merchant must see any loss, and a row that changed anything was used).

Memory stays small on huge files: the settled rows are one bit per row number, per file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

import numpy as np

from engine.importers.cleaning import Rejection
from engine.importers.records import SourceRow


class Outcome(IntEnum):
    """Ordered by precedence: a higher outcome wins when one row gets several."""

    DUPLICATE = 1
    STORED = 2
    REJECTED = 3


@dataclass
class RowLedger:
    stored: int = 0
    rejected: int = 0
    duplicate: int = 0
    _settled: dict[str, bytearray] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.stored + self.rejected + self.duplicate

    def settle(self, source: SourceRow, outcome: Outcome) -> bool:
        """Count ``source`` under ``outcome`` unless it was counted before; True if counted now."""
        if not self._claim(source):
            return False
        if outcome is Outcome.REJECTED:
            self.rejected += 1
        elif outcome is Outcome.STORED:
            self.stored += 1
        else:
            self.duplicate += 1
        return True

    def settle_counted(self, sources: list[SourceRow], stored: int) -> None:
        """Settle rows whose outcome is only known as a count (``INSERT OR IGNORE``)."""
        claimed = sum(self._claim(source) for source in sources)
        stored = min(stored, claimed)
        self.stored += stored
        self.duplicate += claimed - stored

    def settle_rows(self, file_name: str, row_numbers: np.ndarray, outcome: Outcome) -> None:
        """Settle many rows of one file at once (the bulk path); each must be unsettled yet."""
        if row_numbers.size == 0:
            return
        bits = self._settled.setdefault(file_name, bytearray())
        needed = int(row_numbers.max()) // 8 + 1
        if needed > len(bits):
            bits.extend(bytes(max(needed - len(bits), len(bits))))
        view = np.frombuffer(bits, dtype=np.uint8)
        byte, mask = row_numbers // 8, np.left_shift(1, row_numbers % 8).astype(np.uint8)
        if (view[byte] & mask).any():
            raise ValueError(f"{file_name}: a row was settled twice by the bulk import")
        np.bitwise_or.at(view, byte, mask)
        del view  # a live view would stop the bytearray from growing later
        if outcome is Outcome.REJECTED:
            self.rejected += row_numbers.size
        elif outcome is Outcome.STORED:
            self.stored += row_numbers.size
        else:
            self.duplicate += row_numbers.size

    def _claim(self, source: SourceRow) -> bool:
        """Mark the row as settled; False when it already was."""
        bits = self._settled.setdefault(source.file_name, bytearray())
        byte, bit = divmod(source.row_number, 8)
        if byte >= len(bits):
            bits.extend(bytes(max(byte + 1 - len(bits), len(bits))))
        if bits[byte] & (1 << bit):
            return False
        bits[byte] |= 1 << bit
        return True


class OrderOutcomes:
    """Collects the outcome of each row of one order before they are settled in the ledger."""

    def __init__(self) -> None:
        self._rows: dict[tuple[str, int], tuple[SourceRow, Outcome, Rejection | None]] = {}

    def mark(
        self, source: SourceRow | None, outcome: Outcome, rejection: Rejection | None = None
    ) -> None:
        """Record ``outcome`` for the row unless it already has a higher one."""
        if source is None:
            return
        key = (source.file_name, source.row_number)
        current = self._rows.get(key)
        if current is None or outcome > current[1]:
            self._rows[key] = (source, outcome, rejection)

    def marked(self, source: SourceRow) -> bool:
        return (source.file_name, source.row_number) in self._rows

    def items(self) -> list[tuple[SourceRow, Outcome, Rejection | None]]:
        return list(self._rows.values())
