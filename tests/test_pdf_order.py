"""Reading order of one PDF line, as a property: a line laid out right to left (Persian words
mirrored, numbers and dates left to right, as a PDF draws them) and handed over in any
stream order reads back as the words in logical order.
"""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from minutes.read.pdf import Glyph, logical

LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
DIGITS = "۰۱۲۳۴۵۶۷۸۹"

word = st.text(alphabet=LETTERS, min_size=1, max_size=8)
number = st.text(alphabet=DIGITS, min_size=1, max_size=4)
date = st.tuples(number, number, number).map("/".join)
token = st.one_of(word, word, number, date)


def layout(tokens: list[str], size: float = 12.0) -> list[Glyph]:
    """Glyphs placed left to right as an RTL line shows ``tokens``: the last token leftmost,
    letters of a word mirrored, digits of a number in their own order; words a space apart."""
    glyphs: list[Glyph] = []
    x = 0.0
    for tok in reversed(tokens):
        shown = tok if tok[0] in DIGITS else tok[::-1]
        for ch in shown:
            glyphs.append(Glyph(ch, x, x + 5.0, 700.0, size, len(glyphs), x))
            x += 5.0
        x += 3.0  # a space: 0.25 em
    return glyphs


@given(st.lists(token, min_size=1, max_size=8), st.randoms(use_true_random=False))
def test_any_stream_order_reads_in_logical_order(tokens, rnd: random.Random):
    glyphs = layout(tokens)
    rnd.shuffle(glyphs)  # the stream's order must not matter
    assert logical(glyphs) == " ".join(tokens)


def test_a_date_after_a_word():
    assert logical(layout(["سه‌شنبه".replace("\u200c", ""), "۹۹/۱۱/۲۱", "سالن"])) == "سهشنبه ۹۹/۱۱/۲۱ سالن"
