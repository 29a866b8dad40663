"""kg.breaks: where a long text may be cut, the same for ingest's limit and extract's pieces."""

from __future__ import annotations

import doctest

import pytest

import kg.breaks
from kg.breaks import last_break

# window → (where the piece ends, with every search starting at 0)
CASES = {
    "Chile and Peru met.\n\nThey signed a pact. Then": len("Chile and Peru met.\n\n"),
    "Chile and Peru met. They signed a pact. Then": len("Chile and Peru met. They signed a pact. "),
    "“Chile and Peru met.” They": len("“Chile and Peru met.” "),
    "日本と韓国の外相が会談した。両国は": len("日本と韓国の外相が会談した。"),
    "Chile and Peru met": len("Chile and Peru "),
    "Chile-and-Peru-met": 0,
}


@pytest.mark.parametrize("window", sorted(CASES))
def test_a_paragraph_beats_a_sentence_beats_white_space(window):
    assert last_break(window, paragraph_from=0, sentence_from=0, space_from=0) == CASES[window]


def test_a_break_before_its_floor_does_not_count():
    window = "Chile and Peru met.\n\nThey signed a pact. Then"
    assert last_break(window, paragraph_from=25, sentence_from=0, space_from=0) == len(
        "Chile and Peru met.\n\nThey signed a pact. ")
    assert last_break(window, paragraph_from=25, sentence_from=41, space_from=41) == 0


def test_docstring_examples():
    result = doctest.testmod(kg.breaks)
    assert result.attempted > 0 and result.failed == 0
