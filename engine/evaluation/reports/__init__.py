"""Reading ad performance reports: one reader per platform, one shape of result.

:func:`engine.evaluation.reports.read.read_report` sniffs the platform and returns a
:class:`~engine.evaluation.reports.model.ParsedReport`; matching and storing live beside it.
"""
