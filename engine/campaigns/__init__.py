"""Campaign planning: turn an audience and a product (or category) into a draft campaign.

Sits after targeting and copywriting and before the exporters: it decides the campaign's
landing page, search keywords, ad-set targeting and which written variants may be uploaded, and
stores ``Campaign`` → ``AdSet`` → linked ``AdVariant`` rows that the exporters turn into files.
The use cases that call the targeting and copy services live in
:mod:`engine.services.campaigns`.
"""
