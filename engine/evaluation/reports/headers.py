"""Header names per platform and UI language, mapped to Pinpoint's canonical report fields.

English names come from real exports (Google) and third-party fixtures (Meta). The French,
German, Spanish and Chinese names are the platforms' UI translations as third-party tools list
them — unverified, so matching is forgiving: case, accents-as-typed, spacing, curly quotes and a
trailing `(USD)`-style currency are all ignored, and the currency is returned separately.
"""

from __future__ import annotations

import re
import unicodedata

Aliases = dict[str, tuple[str, ...]]

GOOGLE: Aliases = {
    "campaign_name": ("campaign", "kampagne", "campagne", "campaña", "广告系列"),
    "campaign_external_id": (
        "campaign id",
        "kampagnen-id",
        "id de la campagne",
        "id. de campaña",
        "id de campaña",
        "广告系列 id",
    ),
    "ad_set_name": (
        "ad group",
        "anzeigengruppe",
        "groupe d'annonces",
        "grupo de anuncios",
        "广告组",
    ),
    "ad_set_external_id": (
        "ad group id",
        "anzeigengruppen-id",
        "id du groupe d'annonces",
        "id. de grupo de anuncios",
        "广告组 id",
    ),
    "ad_name": ("ad name", "ad", "anzeige", "annonce", "anuncio", "广告"),
    "ad_external_id": ("ad id", "anzeigen-id", "id de l'annonce", "id. de anuncio", "广告 id"),
    "channel": (
        "campaign type",
        "kampagnentyp",
        "type de campagne",
        "tipo de campaña",
        "广告系列类型",
    ),
    "day": ("day", "date", "tag", "datum", "jour", "día", "fecha", "天", "日期"),
    "hour": ("hour of day", "hour", "stunde", "heure", "hora", "小时"),
    "impressions": ("impr.", "impressions", "impressionen", "impresiones", "展示次数"),
    "clicks": ("clicks", "klicks", "clics", "点击次数"),
    "cost": ("cost", "kosten", "coût", "coste", "costo", "费用", "花费"),
    "conversions": ("conversions", "conversiones", "转化次数", "conv."),
    "conversion_value": (
        "conv. value",
        "conversion value",
        "conv.-wert",
        "valeur de conv.",
        "valor de conv.",
        "转化价值",
    ),
    "currency_code": (
        "currency code",
        "currency",
        "währungscode",
        "code de la devise",
        "código de moneda",
        "货币代码",
    ),
}

META: Aliases = {
    "period_start": (
        "reporting starts",
        "début des rapports",
        "berichtsstart",
        "inicio del informe",
        "报告开始日期",
        "开始日期",
    ),
    "period_end": (
        "reporting ends",
        "fin des rapports",
        "berichtsende",
        "fin del informe",
        "报告结束日期",
        "结束日期",
    ),
    "campaign_name": (
        "campaign name",
        "nom de la campagne",
        "kampagnenname",
        "nombre de la campaña",
        "广告系列名称",
    ),
    "campaign_external_id": (
        "campaign id",
        "identifiant de la campagne",
        "kampagnen-id",
        "identificador de la campaña",
        "广告系列编号",
    ),
    "ad_set_name": (
        "ad set name",
        "nom de l'ensemble de publicités",
        "name der anzeigengruppe",
        "anzeigengruppenname",
        "nombre del conjunto de anuncios",
        "广告组名称",
    ),
    "ad_set_external_id": (
        "ad set id",
        "identifiant de l'ensemble de publicités",
        "anzeigengruppen-id",
        "identificador del conjunto de anuncios",
        "广告组编号",
    ),
    "ad_name": (
        "ad name",
        "nom de la publicité",
        "anzeigenname",
        "name der anzeige",
        "nombre del anuncio",
        "广告名称",
    ),
    "ad_external_id": (
        "ad id",
        "identifiant de la publicité",
        "anzeigen-id",
        "identificador del anuncio",
        "广告编号",
    ),
    "day": ("day", "jour", "tag", "día", "天", "日期"),
    "hour": (
        "time of day (ad account time zone)",
        "time of day (viewer's time zone)",
        "heure de la journée",
        "tageszeit",
        "hora del día",
        "时段",
    ),
    "cost": (
        "amount spent",
        "montant dépensé",
        "ausgegebener betrag",
        "importe gastado",
        "已花费金额",
        "花费金额",
    ),
    "impressions": ("impressions", "impressionen", "impresiones", "展示次数"),
    "reach": ("reach", "couverture", "reichweite", "alcance", "覆盖人数"),
    "frequency": ("frequency", "répétition", "frequenz", "frecuencia", "频次"),
    "clicks": (
        "link clicks",
        "clics sur un lien",
        "clics sur le lien",
        "link-klicks",
        "clics en el enlace",
        "链接点击量",
        "clicks (all)",
        "clics (tous)",
        "klicks (alle)",
        "clics (todos)",
        "点击量（全部）",
    ),
    "results": ("results", "résultats", "ergebnisse", "resultados", "成效"),
    "result_indicator": (
        "result indicator",
        "indicateur de résultat",
        "ergebnisindikator",
        "indicador de resultado",
        "成效指标",
    ),
    "conversions": ("purchases", "website purchases", "achats", "käufe", "compras", "购物次数"),
    "conversion_value": (
        "purchases conversion value",
        "website purchases conversion value",
        "valeur de conversion des achats",
        "conversionswert der käufe",
        "valor de conversión de compras",
        "购物转化价值",
    ),
}

LANGUAGE_HINTS = {
    "fr": ("campagne", "dépensé", "début des rapports", "couverture", "clics"),
    "de": ("kampagne", "ausgegebener", "berichtsstart", "reichweite", "klicks", "kosten"),
    "es": ("campaña", "importe gastado", "inicio del informe", "alcance", "coste", "clics en el"),
    "zh": ("广告系列", "展示次数", "花费", "费用"),
}

_CURRENCY_SUFFIX = re.compile(r"^(.*?)\s*[\(（]\s*([A-Za-z]{3})\s*[\)）]\s*$")


def normalise(header: str) -> str:
    """Compare headers as a person would: case, width, spaces and quote styles ignored."""
    text = unicodedata.normalize("NFKC", header).replace("\ufeff", "").replace("’", "'")
    return " ".join(text.casefold().split())


def split_currency(header: str) -> tuple[str, str | None]:
    """`Amount spent (USD)` -> (`amount spent`, `USD`); other headers pass through."""
    normal = normalise(header)
    match = _CURRENCY_SUFFIX.match(normal)
    if match and match.group(2).upper() not in {"ALL", "SUM"}:
        return match.group(1), match.group(2).upper()
    return normal, None


def map_columns(header: list[str], aliases: Aliases) -> tuple[dict[str, int], str | None]:
    """Canonical field -> column index, and the currency found in a header name.

    Aliases are tried in order, so a field listed with a preferred name first (`link clicks`
    before `clicks (all)`) takes the better column when both are present.
    """
    names = [split_currency(cell) for cell in header]
    columns: dict[str, int] = {}
    currency = None
    for field, options in aliases.items():
        for option in options:
            index = next((i for i, (name, _c) in enumerate(names) if name == option), None)
            if index is not None:
                columns[field] = index
                currency = currency or names[index][1]
                break
    return columns, currency


def header_language(header: list[str]) -> str:
    """The UI language a header row was exported in (decides the decimal mark if unclear)."""
    text = " ".join(normalise(cell) for cell in header)
    for language, hints in LANGUAGE_HINTS.items():
        if any(hint in text for hint in hints):
            return language
    return "en"
