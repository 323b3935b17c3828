"""Categories for shops whose exports carry none (Shopify orders, UCI): inferred from titles.

How:

1. Titles become TF-IDF vectors (words of two or more letters; English stop words, colours and
   size words removed: "RED RETROSPOT CAKE STAND" and "PINK RETROSPOT CAKE STAND" are the same
   kind of product). Vectors are L2-normalised, so k-means on them clusters by cosine similarity.
2. The vectors are projected to 60 latent dimensions (LSA: TruncatedSVD, re-normalised), which
   merges near-synonyms and makes k-means fast. The number of clusters is chosen from the
   catalogue size: a few candidates around ``sqrt(n)/2`` are fitted with k-means and the best
   silhouette (on a fixed sample) wins. Fewer than :data:`MIN_TO_CLUSTER` products form one
   category.
3. Each cluster is named by the three heaviest terms of its centroid ("Candle · T-light · Holder")
   and stored with ``source="inferred"`` and those ``top_terms``.

Later runs never re-cluster: a product without a category joins the nearest existing inferred or
user category (cosine to the category's centroid), and no category is renamed. Imported categories
(``source="imported"``) and every product that already has a category are never touched. All
randomness is seeded, so the same catalogue always gives the same categories.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from engine.progress import CancelToken, ProgressFn, null_progress
from engine.store.models import Category, Product

if TYPE_CHECKING:  # scikit-learn is imported when categories are inferred, not at start-up
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer

SEED = 20_240_601
MIN_TO_CLUSTER = 6
MAX_CLUSTERS = 60
SILHOUETTE_SAMPLE = 2_000
LSA_COMPONENTS = 60
TOP_TERMS = 3
NOISE_WORDS = frozenset(
    [
        "red",
        "blue",
        "pink",
        "white",
        "black",
        "green",
        "ivory",
        "cream",
        "gold",
        "silver",
        "purple",
        "yellow",
        "orange",
        "brown",
        "grey",
        "gray",
        "assorted",
        "colour",
        "colours",
        "color",
        "colors",
        "small",
        "large",
        "medium",
        "mini",
        "jumbo",
        "big",
        "set",
        "sets",
        "pack",
        "of",
        "new",
        "vintage",
        "design",
        "retro",
    ]
)
_TOKEN = r"(?u)\b[^\W\d_][^\W\d_]+(?:-[^\W\d_]+)?\b"


@dataclass
class InferenceResult:
    categories_created: int = 0
    products_assigned: int = 0
    products_unassigned: int = 0


def _vectorizer(titles: list[str]) -> TfidfVectorizer:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    return TfidfVectorizer(
        lowercase=True,
        token_pattern=_TOKEN,
        stop_words=sorted(ENGLISH_STOP_WORDS | NOISE_WORDS),
        min_df=2 if len(titles) >= 50 else 1,
        sublinear_tf=True,
        norm="l2",
    )


def cluster_titles(titles: list[str], seed: int = SEED) -> tuple[np.ndarray, list[list[str]]]:
    """Cluster labels per title and the top terms of each cluster (pure: no database)."""
    vectorizer = _vectorizer(titles)
    try:
        vectors = vectorizer.fit_transform(titles)
    except ValueError:  # no usable word at all (titles of numbers only)
        return np.zeros(len(titles), dtype=int), [["Products"]]
    terms = np.array(vectorizer.get_feature_names_out())
    if len(titles) < MIN_TO_CLUSTER:
        labels = np.zeros(len(titles), dtype=int)
    else:
        labels = _best_clustering(vectors, seed)
    names = []
    for cluster in range(int(labels.max()) + 1):
        centroid = np.asarray(vectors[labels == cluster].mean(axis=0)).ravel()
        best = [
            terms[i] for i in np.argsort(-centroid, kind="stable")[:TOP_TERMS] if centroid[i] > 0
        ]
        names.append(best or ["Products"])
    return labels, names


def _best_clustering(vectors: sparse.csr_matrix, seed: int) -> np.ndarray:
    """k-means on an LSA projection (TruncatedSVD) of the TF-IDF vectors, k by silhouette."""
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.metrics import silhouette_score
    from sklearn.preprocessing import normalize
    from threadpoolctl import threadpool_limits

    n, n_terms = vectors.shape
    components = max(1, min(LSA_COMPONENTS, n_terms - 1, n - 1))
    centre = max(2, round(math.sqrt(n) / 2))
    factors = (0.5, 1, 1.5, 2)
    candidates = sorted({min(max(2, round(centre * f)), MAX_CLUSTERS, n - 1) for f in factors})
    best_labels, best_score = None, -2.0
    # small dense problems (a few thousand titles x 60 dimensions): BLAS threads only add
    # overhead, and on a busy machine they spin for seconds (the SVD took 2.7 s CPU, not 0.1 s)
    with threadpool_limits(limits=1):
        reduced = TruncatedSVD(n_components=components, random_state=seed).fit_transform(vectors)
        reduced = normalize(reduced)
        for k in candidates:
            labels = KMeans(n_clusters=k, random_state=seed, n_init=1).fit_predict(reduced)
            if len(set(labels)) < 2:
                continue
            score = silhouette_score(
                reduced, labels, sample_size=min(SILHOUETTE_SAMPLE, n), random_state=seed
            )
            if score > best_score:
                best_labels, best_score = labels, score
    if best_labels is None:
        return np.zeros(n, dtype=int)
    return _compact(best_labels)


def _compact(labels: np.ndarray) -> np.ndarray:
    """Renumber clusters 0..k-1 in order of first appearance (stable names across runs)."""
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    order = np.argsort(np.argsort(first))
    return order[inverse]


def category_name(terms: list[str]) -> str:
    return " · ".join(_title_case(term) for term in terms)


def _title_case(term: str) -> str:
    return re.sub(r"(^|-)([a-z])", lambda m: m.group(1) + m.group(2).upper(), term)


def infer_categories(
    session: Session,
    shop_id: int,
    progress: ProgressFn = null_progress,
    cancel: CancelToken | None = None,
    seed: int = SEED,
) -> InferenceResult:
    """Give every product without a category one (see the module docstring); flushes, no commit."""
    cancel = cancel or CancelToken()
    products = session.execute(
        select(Product.id, Product.title, Product.category_id)
        .where(Product.shop_id == shop_id, Product.is_non_product.is_(False))
        .order_by(Product.id)
    ).all()
    todo = [(pid, title) for pid, title, category in products if category is None]
    if not todo:
        return InferenceResult()
    clustered = [
        (int(pid), str(title), int(category or 0))
        for pid, title, category in session.execute(
            select(Product.id, Product.title, Product.category_id)
            .join(Category, Category.id == Product.category_id)
            .where(Product.shop_id == shop_id, Category.source.in_(("inferred", "user")))
            .order_by(Product.id)
        ).all()
    ]
    progress(0.1, "Grouping products into categories")
    cancel.check()
    if clustered:
        result = _assign_to_nearest(session, todo, clustered)
    else:
        result = _create_clusters(session, shop_id, todo, seed)
    progress(1.0, "Categories ready")
    return result


def _create_clusters(
    session: Session, shop_id: int, todo: list[tuple[int, str]], seed: int
) -> InferenceResult:
    labels, names = cluster_titles([title for _, title in todo], seed)
    taken = set(session.scalars(select(Category.name).where(Category.shop_id == shop_id)))
    ids = []
    for terms in names:
        category = Category(shop_id=shop_id, name=_unique(category_name(terms), taken),
                            source="inferred", top_terms=list(terms))  # fmt: skip
        session.add(category)
        ids.append(category)
    session.flush()
    _assign(session, [(pid, ids[label].id) for (pid, _), label in zip(todo, labels, strict=True)])
    return InferenceResult(len(names), len(todo), 0)


def _assign_to_nearest(
    session: Session, todo: list[tuple[int, str]], clustered: list[tuple[int, str, int]]
) -> InferenceResult:
    titles = [title for _, title, _ in clustered] + [title for _, title in todo]
    vectors = _vectorizer(titles).fit_transform(titles)
    known, new = vectors[: len(clustered)], vectors[len(clustered) :]
    category_ids = np.array([category for _, _, category in clustered])
    unique_ids = np.unique(category_ids)
    rows = [np.asarray(known[category_ids == cid].mean(axis=0)).ravel() for cid in unique_ids]
    centroids = np.vstack(rows)
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
    similarity = np.asarray(new @ centroids.T)
    best = similarity.argmax(axis=1)
    pairs = [
        (pid, int(unique_ids[best[i]]))
        for i, (pid, _) in enumerate(todo)
        if similarity[i, best[i]] > 0
    ]
    _assign(session, pairs)
    return InferenceResult(0, len(pairs), len(todo) - len(pairs))


def _assign(session: Session, pairs: list[tuple[int, int]]) -> None:
    if pairs:
        session.execute(
            update(Product),
            [{"id": pid, "category_id": cid} for pid, cid in pairs],
        )


def _unique(name: str, taken: set[str]) -> str:
    candidate, number = name[:200], 2
    while candidate in taken:
        candidate = f"{name[:190]} ({number})"
        number += 1
    taken.add(candidate)
    return candidate


def rename_category(session: Session, category_id: int, name: str) -> Category:
    """The user's name wins from now on: the category becomes ``source="user"``."""
    category = _get(session, category_id)
    cleaned = name.strip()[:200]
    if not cleaned:
        raise ValueError("a category needs a name")
    clash = session.scalar(
        select(Category.id).where(
            Category.shop_id == category.shop_id,
            Category.name == cleaned,
            Category.id != category.id,
        )
    )
    if clash is not None:
        raise ValueError(f"there is already a category called {cleaned!r}; merge them instead")
    category.name = cleaned
    category.source = "user"
    session.flush()
    return category


def merge_categories(session: Session, target_id: int, source_ids: list[int]) -> int:
    """Move every product of ``source_ids`` into ``target_id`` and delete the sources.

    The target becomes ``source="user"`` (the user shaped it). Returns the products moved.
    """
    target = _get(session, target_id)
    sources = [_get(session, cid) for cid in source_ids if cid != target_id]
    if any(source.shop_id != target.shop_id for source in sources):
        raise ValueError("categories of different shops cannot be merged")
    moved = 0
    for source in sources:
        moved += (
            session.scalar(select(func.count(Product.id)).where(Product.category_id == source.id))
            or 0
        )
        session.execute(
            update(Product).where(Product.category_id == source.id).values(category_id=target.id),
            execution_options={"synchronize_session": False},
        )
        session.execute(
            update(Category).where(Category.parent_id == source.id).values(parent_id=target.id),
            execution_options={"synchronize_session": False},
        )
        session.execute(delete(Category).where(Category.id == source.id))
    session.expire_all()
    target.source = "user"
    session.flush()
    return moved


def list_categories(session: Session, shop_id: int) -> list[dict[str, object]]:
    """Every category with its source, top terms and number of products, largest first."""
    counts = dict(
        session.execute(
            select(Product.category_id, func.count(Product.id))
            .where(Product.shop_id == shop_id, Product.category_id.is_not(None))
            .group_by(Product.category_id)
        ).all()
    )
    categories = session.scalars(
        select(Category).where(Category.shop_id == shop_id).order_by(Category.id)
    ).all()
    listed: list[dict[str, object]] = [
        {"id": c.id, "name": c.name, "source": c.source, "top_terms": c.top_terms or [],
         "products": int(counts.get(c.id, 0))}
        for c in categories
    ]  # fmt: skip
    return sorted(listed, key=lambda c: -int(c["products"]))  # type: ignore[call-overload]


def _get(session: Session, category_id: int) -> Category:
    category = session.get(Category, category_id)
    if category is None:
        raise ValueError(f"there is no category {category_id}; `pinpoint categories` lists them")
    return category
