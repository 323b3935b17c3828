"""Importers: read any shop export into normalised records, clean them, and store them.

Two layers meet at :mod:`engine.importers.records`:

* reading (``sniff``, ``reading``, ``values``, ``formats/``): detect encoding, delimiter, header and
  format; parse each platform's quirks into :class:`OrderRecord`/:class:`ProductRecord`/
  :class:`EventRecord`, or a :class:`RowProblem` for a row that cannot be read;
* storing (``pipeline``, ``cleaning``, ``categories``): deduplicate, classify cancellations/refunds,
  non-product lines and outliers, infer categories, and write one transactional batch.
"""
