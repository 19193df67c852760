"""Extraction stays linear in the size of the text, whatever its shape.

Each shape is a short unit repeated (runs of quotations in one sentence, cues
without end, one-character paragraphs, combining marks …). Doubling the text must
not much more than double the time: the test asserts the larger takes well under
4× the smaller (quadratic work would take 4×). CPU time, best of a few runs, so a
loaded machine does not make it flaky. The timings at 400 KB are in
`benchmarks/pathological.py`.
"""

from __future__ import annotations

import pytest
from linear import assert_about_linear

from benchmarks.pathological import SHAPES, build

SMALL = 6_000


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_doubling_the_text_about_doubles_the_extraction_time(shape):
    assert_about_linear(shape, build(shape, SMALL), build(shape, 2 * SMALL), SMALL)
