"""The teacher-distillation script without the teacher: prompts, parsing, filters, resume.

A fake generator stands in for SmolLM2 (returns canned outputs and records what it was asked),
so these tests need neither the `distil` extra nor the shared data. Products are made up.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.copywriting.templates import soften_capitals
from engine.copywriting.training.distil import (
    FIELD_LIMITS,
    Rejected,
    TitleItem,
    check_copy,
    corpus_counts,
    distil,
    ordered,
    parse_copy,
    rejected_path,
    teacher_messages,
    title_seed,
)

MUG = TitleItem("BLUE STRIPED ENAMEL MUG", {"price": "£3.50"})
LANTERN = TitleItem("Garden Star Lantern", {"brand": "Acme"})
NO_TYPES: frozenset[str] = frozenset()

GOOD_MUG = (
    "Headline: Blue Striped Enamel Mug\n"
    "Primary text: A blue striped enamel mug for slow mornings and camping trips.\n"
    "Description: A cheerful blue striped enamel mug, a small gift for a friend."
)
GOOD_LANTERN = (
    "Headline: Garden Star Lantern\n"
    "Primary text: Hang this star lantern in the garden for warm summer evenings.\n"
    "Description: A garden star lantern that makes an easy gift."
)


class FakeTeacher:
    """Returns canned outputs by title word and remembers each call's seed."""

    def __init__(self, outputs: dict[str, str]) -> None:
        self.outputs = outputs
        self.calls: list[tuple[str, int]] = []

    def __call__(self, messages: list[dict[str, str]], seed: int) -> str:
        product_turn = messages[-1]["content"]
        self.calls.append((product_turn, seed))
        return next(out for word, out in self.outputs.items() if word in product_turn)


def test_prompt_shows_the_example_then_the_product_in_normal_case() -> None:
    messages = teacher_messages(MUG)
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert messages[2]["content"].startswith("Headline: ")
    assert messages[-1]["content"].splitlines()[:2] == [
        "Product: Blue Striped Enamel Mug",
        "Price: £3.50",
    ]
    assert "Brand: Acme" in teacher_messages(LANTERN)[-1]["content"]
    assert soften_capitals("SANTA'S HAT") == "Santa's Hat"
    assert soften_capitals("iPod Case") == "iPod Case"


def test_parse_copy_reads_labelled_fields() -> None:
    assert parse_copy(GOOD_MUG) == {
        "headline": "Blue Striped Enamel Mug",
        "primary": "A blue striped enamel mug for slow mornings and camping trips.",
        "description": "A cheerful blue striped enamel mug, a small gift for a friend.",
    }


def test_parse_copy_tolerates_markdown_bullets_and_a_short_label() -> None:
    output = (
        "Sure! Here is your copy:\n"
        "**Headline:** Blue Mug\n"
        "- Primary: A blue mug.\n"
        '2. description: "A mug."\n'
        "Headline: a second headline is ignored\n"
    )
    assert parse_copy(output) == {
        "headline": "Blue Mug",
        "primary": "A blue mug.",
        "description": "A mug.",
    }


@pytest.mark.parametrize(
    "output",
    [
        "",
        "The product is a product of the company.",
        "Headline: Blue Mug\nPrimary text: A blue mug.",
        "Headline:\nPrimary text: A blue mug.\nDescription: A mug.",
    ],
)
def test_malformed_teacher_output_is_rejected_as_unparsed(output: str) -> None:
    with pytest.raises(Rejected) as caught:
        parse_copy(output)
    assert caught.value.reason == "unparsed"


def test_clean_copy_is_accepted_and_fits_every_limit() -> None:
    long_primary = "A blue striped enamel mug for slow mornings. " * 5
    fields = check_copy({**parse_copy(GOOD_MUG), "primary": long_primary}, MUG, NO_TYPES)
    assert all(FIELD_LIMITS[key].fits(text) for key, text in fields.items())
    assert fields["primary"].startswith("A blue striped enamel mug for slow mornings.")


@pytest.mark.parametrize(
    ("field", "text", "reason"),
    [
        ("headline", "The BEST Blue Mug", "compliance"),
        ("primary", "Our best blue striped enamel mug for your kitchen.", "promotion"),
        ("description", "A blue mug, now on sale for tea lovers.", "promotion"),
        ("primary", "A red striped enamel mug for slow mornings.", "unsupported_claim"),
        ("description", "A blue enamel mug that holds 350 ml of tea.", "unsupported_claim"),
        ("primary", "A blue striped enamel mug and a matching teapot.", "invented_term"),
        ("headline", "Mug Mug Blue", "repeated_word"),
        ("description", "A blue mug for tea, tea at noon and tea at night.", "repeated_word"),
        ("headline", "A Gift For Tea Time", "off_topic"),
        ("primary", "A stylish and unique mug for a sunny day at home.", "off_topic"),
        ("description", "A cheerful blue striped enamel gift for a friend.", "kind_missing"),
    ],
)
def test_each_filter_rejects_with_its_reason(field: str, text: str, reason: str) -> None:
    fields = {**parse_copy(GOOD_MUG), field: text}
    with pytest.raises(Rejected) as caught:
        check_copy(fields, MUG, frozenset({"teapot", "mug"}))
    assert caught.value.reason == reason


def test_distil_writes_accepted_and_rejected_lines(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    teacher = FakeTeacher({"Mug": GOOD_MUG, "Lantern": "I cannot help with that."})
    summary = distil([MUG, LANTERN], teacher, corpus, seed=7, attempts=1, teacher="fake")
    assert summary.accepted == 1
    assert summary.rejected == {"unparsed": 1}
    (row,) = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    assert row == {
        "title": MUG.title,
        "attributes": {"price": "£3.50"},
        "headline": "Blue Striped Enamel Mug",
        "primary": "A blue striped enamel mug for slow mornings and camping trips.",
        "description": "A cheerful blue striped enamel mug, a small gift for a friend.",
        "teacher": "fake",
        "seed": title_seed(7, MUG.title),
    }
    (bad,) = [json.loads(line) for line in rejected_path(corpus).read_text().splitlines()]
    assert (bad["title"], bad["raw"]) == (LANTERN.title, "I cannot help with that.")
    assert bad["reason"].startswith("unparsed")
    assert corpus_counts(corpus) == {
        "titles": 2,
        "outputs": 2,
        "accepted": 1,
        "acceptance_rate": 0.5,
        "rejected": {"unparsed": 1},
    }


def test_resume_skips_titles_done_and_honours_the_limit(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    third = TitleItem("Wooden Garden Star Lantern", {})
    outputs = {"Mug": GOOD_MUG, "Wooden": GOOD_LANTERN.replace("Garden", "Wooden"), "Garden": ""}
    first = FakeTeacher(outputs)
    distil([MUG, LANTERN, third], first, corpus, limit=2, attempts=1)
    assert len(first.calls) == 2
    again = FakeTeacher(outputs)
    distil([MUG, LANTERN, third], again, corpus, limit=2, attempts=1)
    assert [turn.splitlines()[0] for turn, _ in again.calls] == [
        "Product: Wooden Garden Star Lantern"
    ]
    assert corpus_counts(corpus)["titles"] == 3


def test_a_rejected_sample_is_retried_with_another_seed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    outputs = iter(["Headline: only a headline", GOOD_MUG])
    seeds: list[int] = []

    def teacher(messages: list[dict[str, str]], seed: int) -> str:
        seeds.append(seed)
        return next(outputs)

    summary = distil([MUG], teacher, corpus, seed=0, attempts=3)
    assert (summary.accepted, summary.rejected) == (1, {"unparsed": 1})
    assert seeds == [title_seed(0, MUG.title), title_seed(1, MUG.title)]
    assert corpus_counts(corpus) == {
        "titles": 1,
        "outputs": 2,
        "accepted": 1,
        "acceptance_rate": 0.5,
        "rejected": {"unparsed": 1},
    }


def test_the_same_copy_for_two_titles_is_kept_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    twin = TitleItem("Blue Striped Enamel Mug Large", {"price": "£3.50"})
    summary = distil([MUG, twin], FakeTeacher({"Mug": GOOD_MUG}), corpus, attempts=1)
    assert (summary.accepted, summary.rejected) == (1, {"duplicate": 1})


def test_seeds_and_order_do_not_depend_on_the_run() -> None:
    assert title_seed(0, MUG.title) == title_seed(0, MUG.title) != title_seed(1, MUG.title)
    items = [MUG, LANTERN, TitleItem("Tea Towel", {})]
    assert ordered(items, 3) == ordered(list(reversed(items)), 3)
