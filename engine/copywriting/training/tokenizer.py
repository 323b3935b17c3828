"""A byte-level BPE trained on the training split, saved so ``AutoTokenizer`` loads it.

Why our own and not GPT-2's 50k vocabulary: a compact model spends most of its parameters on the
embedding table, and GPT-2's BPE splits most 汉字 into 2–3 byte tokens. An 8k vocabulary trained on
the copy itself keeps common characters and words whole. Byte-level means nothing is ever unknown.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tokenizers import ByteLevelBPETokenizer
from transformers import AutoTokenizer, PreTrainedTokenizerBase, PreTrainedTokenizerFast

from engine.copywriting.prompts import END, PAD, SPECIAL_TOKENS


def train_tokenizer(texts: Iterable[str], vocab_size: int, folder: Path) -> PreTrainedTokenizerBase:
    """Train, save to ``folder`` and reload through ``AutoTokenizer`` (the path users take)."""
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(
        texts, vocab_size=vocab_size, min_frequency=2, special_tokens=[PAD, *SPECIAL_TOKENS]
    )
    wrapped = PreTrainedTokenizerFast(
        tokenizer_object=bpe._tokenizer,
        bos_token=END,
        eos_token=END,
        pad_token=PAD,
        additional_special_tokens=[t for t in SPECIAL_TOKENS if t != END],
    )
    folder.mkdir(parents=True, exist_ok=True)
    wrapped.save_pretrained(folder)
    reloaded = AutoTokenizer.from_pretrained(folder)
    if len(reloaded) != len(wrapped) or not reloaded("test 测试")["input_ids"]:
        raise RuntimeError(f"tokenizer saved in {folder} did not reload intact")
    return reloaded
