"""Campaign evaluation: read the platforms' performance reports back, measure, test, advise.

``reports`` turns Google Ads / Meta exports into rows and matches them to Pinpoint's campaigns;
``metrics`` and ``intervals`` measure; ``experiments`` decides A/B tests; ``prediction`` learns
what copy and audience features go with clicks; ``strategy`` suggests timing, frequency and
budget; ``report_html`` writes the merchant's readable report. Nothing here imports Qt.
"""
