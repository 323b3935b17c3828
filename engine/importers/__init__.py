"""Importers: read any shop export into normalised records, clean them, and store them.

Two layers meet at :mod:`engine.importers.records`:

* reading (``sniff``, ``reading``, ``values``, ``formats/``): detect encoding, delimiter, header and
  format; parse each platform's quirks into :class:`OrderRecord`/:class:`ProductRecord`/
  :class:`EventRecord`, or a :class:`RowProblem` for a row that cannot be read;
* storing (``pipeline``, ``order_merge``, ``cleaning``, ``categories``): deduplicate, classify
  cancellations/refunds, non-product lines and outliers, infer categories, and write one
  transactional batch.

A big one-row-per-line export (the generic transactions format) takes a faster road through the
same storing layer: ``frames`` tokenises it in blocks with pandas, the format parses each block
in columns (``line_blocks``), and ``bulk_orders`` stores its plain new orders with one
``executemany`` per block, handing every other order to the row parser and the pipeline.
"""
