"""Upload files the ad platforms accept on the first try, built from the store.

Flow: :mod:`adset` turns stored campaigns / ad sets / approved variants into a platform-neutral
plan; :mod:`validation` (with :mod:`checks`) lists every violation in plain words; one writer per
platform (:mod:`google_ads_editor`, :mod:`meta_ads`, :mod:`amazon_sp`, :mod:`microsoft_ads`)
renders the file; every cell passes :mod:`safety` (formula neutralisation) and every file is
written atomically (:mod:`files`). Audience lists: :mod:`audience` reads contacts and checks the
minimum size, :mod:`customer_match` and :mod:`meta_audience` normalise and hash with
:mod:`hashing` and :mod:`phone`. :mod:`registry` names them all; :mod:`report` writes the summary.
The use cases live in :mod:`engine.services.exporting`.
"""
