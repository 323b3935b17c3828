"""Cold start: products nobody has bought yet, customers who have bought nothing yet.

* A new product borrows the audience of its nearest *bought* products: TF-IDF similarity of the
  titles (character n-grams, robust to "T-LIGHT"/"TLIGHT"), plus a bonus for the same category.
* A new customer gets what sells best in their country (the whole shop's best sellers when the
  country is unknown or has too few orders).
"""

from __future__ import annotations

import numpy as np

from engine.targeting.interactions import CustomerInfo, Purchases

SAME_CATEGORY_BONUS = 0.2
MIN_REGION_ORDERS = 20


def stand_in_products(purchases: Purchases, product: int, k: int = 5) -> list[tuple[int, float]]:
    """The ``k`` bought products most similar to ``product``: [(catalog index, similarity)]."""
    catalog = purchases.catalog
    bought = np.unique(purchases.product)
    bought = bought[bought != product]
    if not len(bought):
        return []
    from sklearn.feature_extraction.text import TfidfVectorizer  # slow import: only when needed

    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 4), lowercase=True)
    titles = [catalog.titles[i] for i in bought]
    matrix = vectorizer.fit_transform([*titles, catalog.titles[product]])
    similarity = (matrix[:-1] @ matrix[-1].T).toarray().ravel()
    similarity += SAME_CATEGORY_BONUS * (catalog.category[bought] == catalog.category[product])
    best = np.argsort(-similarity, kind="stable")[:k]
    return [(int(bought[i]), float(similarity[i])) for i in best if similarity[i] > 0]


def popular_in_region(
    purchases: Purchases, info: dict[int, CustomerInfo], country: str | None, n: int
) -> tuple[list[tuple[int, float]], str]:
    """Best sellers (by distinct buyers) in the country, with the scope actually used."""
    scope = "your whole shop"
    mask = np.ones(len(purchases), dtype=bool)
    if country:
        in_country = np.array(
            [
                info.get(int(c), CustomerInfo(None, None, None)).country == country
                for c in purchases.customer
            ]
        )
        if len(np.unique(purchases.order[in_country])) >= MIN_REGION_ORDERS:
            mask, scope = in_country, country
    pairs = np.unique(np.stack([purchases.product[mask], purchases.customer[mask]]), axis=1)
    counts = np.bincount(pairs[0], minlength=len(purchases.catalog.product_ids))
    best = np.argsort(-counts, kind="stable")[:n]
    top = max(int(counts[best[0]]), 1) if len(best) else 1
    return [(int(i), counts[i] / top) for i in best if counts[i] > 0], scope
