"""The shape check of the linear-time tests: doubling the text must not much more
than double the CPU time (quadratic work would take 4×). Best of a few interleaved
runs, so a burst of load on a shared machine hits both sizes; small inputs, generous
bounds, no absolute time."""

from __future__ import annotations

from benchmarks.pathological import extraction_seconds

RUNS = 5
# Quadratic work doubles twice; linear work with noise stays near 2×.
MAX_RATIO = 3.0
# Below this the clock's resolution and fixed costs dominate: nothing to measure.
NEGLIGIBLE_SECONDS = 0.01


def assert_about_linear(label: str, small_text: str, large_text: str, size: int) -> None:
    """`large_text` (twice `small_text`, at `size` characters) extracts in well under 4×."""
    small = large = float("inf")
    for _ in range(RUNS):
        small = min(small, extraction_seconds(small_text))
        large = min(large, extraction_seconds(large_text))
    if large < NEGLIGIBLE_SECONDS:
        return
    assert large < MAX_RATIO * max(small, NEGLIGIBLE_SECONDS / 2), (
        f"{label}: {small:.3f}s at {size // 1000} KB, {large:.3f}s at {2 * size // 1000} KB"
    )
