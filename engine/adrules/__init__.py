"""Platform rules shared by copywriting (fitting, compliance scores) and exporters (validators).

``limits``: each platform's field limits; ``width``: how platforms count characters (double-width
counts two, Taobao counts bytes); ``compliance``: banned absolute terms (广告法) and editorial
rules.
One source of truth, so a variant the studio calls "within limits" is never rejected on export.
"""
