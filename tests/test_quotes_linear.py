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

from benchmarks.pathological import SHAPES, build, extraction_seconds

SMALL = 6_000
RUNS = 5
# Quadratic work doubles twice; linear work with noise stays near 2×.
MAX_RATIO = 3.0
# Below this the clock's resolution and fixed costs dominate: nothing to measure.
NEGLIGIBLE_SECONDS = 0.01


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_doubling_the_text_about_doubles_the_extraction_time(shape):
    small_text, large_text = build(shape, SMALL), build(shape, 2 * SMALL)
    # Interleaved, best of each: a burst of load on a shared machine hits both sizes.
    small = large = float("inf")
    for _ in range(RUNS):
        small = min(small, extraction_seconds(small_text))
        large = min(large, extraction_seconds(large_text))
    if large < NEGLIGIBLE_SECONDS:
        return
    assert large < MAX_RATIO * max(small, NEGLIGIBLE_SECONDS / 2), (
        f"{shape}: {small:.3f}s at {SMALL // 1000} KB, {large:.3f}s at {2 * SMALL // 1000} KB"
    )
