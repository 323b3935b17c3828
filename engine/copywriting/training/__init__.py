"""The reproducible recipe behind the bundled copy models (``make train-copy-models``).

``data`` turns the corpora in ``../shared/data/copy-corpora`` (+ UCI Online Retail titles) into
structured prompt → copy examples with a fixed train/validation split; ``tokenizer`` trains a
byte-level BPE on the training split; ``train`` trains a compact GPT-2 with fixed seeds and writes a
checkpoint folder that :mod:`engine.copywriting.loading` loads like any other GPT-2.
"""
