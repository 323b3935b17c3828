"""Reference-overlap metrics for the quality report: corpus BLEU-4 and ROUGE-L F1.

Tokens are words for English and characters for Chinese (the usual choice for AdvertiseGen, which
has no word segmentation), via :func:`engine.copywriting.scoring.text.units`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from engine.copywriting.scoring.text import units


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def corpus_bleu(hypotheses: Sequence[str], references: Sequence[str], max_n: int = 4) -> float:
    """Papineni et al. corpus BLEU with one reference each, uniform weights, brevity penalty."""
    matches, totals = [0] * max_n, [0] * max_n
    hyp_len = ref_len = 0
    for hypothesis, reference in zip(hypotheses, references, strict=True):
        hyp, ref = units(hypothesis), units(reference)
        hyp_len, ref_len = hyp_len + len(hyp), ref_len + len(ref)
        for n in range(1, max_n + 1):
            hyp_grams, ref_grams = _ngrams(hyp, n), _ngrams(ref, n)
            matches[n - 1] += sum(min(count, ref_grams[gram]) for gram, count in hyp_grams.items())
            totals[n - 1] += max(0, len(hyp) - n + 1)
    if min(matches) == 0 or hyp_len == 0:
        return 0.0
    log_precision = sum(math.log(m / t) for m, t in zip(matches, totals, strict=True)) / max_n
    brevity = 1.0 if hyp_len > ref_len else math.exp(1 - ref_len / hyp_len)
    return round(brevity * math.exp(log_precision), 4)


def _lcs(a: Sequence[str], b: Sequence[str]) -> int:
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def rouge_l(hypotheses: Sequence[str], references: Sequence[str]) -> float:
    """Mean ROUGE-L F1 (longest common subsequence) over the pairs."""
    scores = []
    for hypothesis, reference in zip(hypotheses, references, strict=True):
        hyp, ref = units(hypothesis), units(reference)
        lcs = _lcs(hyp, ref)
        if lcs == 0:
            scores.append(0.0)
            continue
        precision, recall = lcs / len(hyp), lcs / len(ref)
        scores.append(2 * precision * recall / (precision + recall))
    return round(sum(scores) / len(scores), 4) if scores else 0.0
