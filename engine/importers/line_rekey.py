"""One-off re-keying of order lines stored with the older, position-based line keys.

Until November 2026 a line without a file line id was keyed ``position|sku|title-digest``, the
position being its index within its order. A rejected row shifted the later lines of its order,
so a re-import after a fix stored them again. Lines are now keyed by occurrence
(``#k|sku|title-digest``, see :mod:`engine.importers.identity`). A store written before holds
old keys that the new ones never match, so every import first converts them, inside its own
transaction: ``k`` is the line's rank among the order's stored lines with the same suffix, by
position. That is the key the new code gives the line when no identical line of the order was
rejected, which is what an old store holds after importing a clean file.

Keys longer than the column were stored capped (a prefix and a hash), so their suffix cannot be
read back; those few lines (an SKU or title of about 170 characters or more) keep their old key,
and a re-import stores them once more.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from engine.importers.identity import MAX_KEY_LENGTH, OCCURRENCE_MARK

# old keys start with the position's digits and a bar; capped keys are 185 characters with a
# '#' at index 120 (identity._cap), everything else is at most MAX_KEY_LENGTH
_REKEY = text(
    f"""
    UPDATE order_lines SET line_key = old.new_key
    FROM (
        SELECT id,
               '{OCCURRENCE_MARK}' || (ROW_NUMBER() OVER (
                   PARTITION BY order_id, substr(line_key, instr(line_key, '|'))
                   ORDER BY position, id
               ) - 1) || substr(line_key, instr(line_key, '|')) AS new_key
        FROM order_lines
        WHERE line_key GLOB '[0-9]*|*' AND NOT (
            length(line_key) = 185 AND substr(line_key, 121, 1) = '#'
        )
    ) AS old
    WHERE order_lines.id = old.id AND length(old.new_key) <= {MAX_KEY_LENGTH}
    """
)


def rekey_position_lines(connection: Connection) -> int:
    """Convert every position-keyed line to its occurrence key; returns how many changed."""
    return connection.execute(_REKEY).rowcount
