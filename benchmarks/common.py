"""What every measurement shares: the repository, percentiles, progress lines."""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def percentile(values: list[float], fraction: float) -> float:
    """Linear-interpolated percentile (0.5 = median) of a non-empty list."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def spread(samples: list[float]) -> dict[str, float]:
    """Median and p95 in milliseconds of samples in seconds."""
    return {
        "p50_ms": ms(percentile(samples, 0.5)),
        "p95_ms": ms(percentile(samples, 0.95)),
        "samples": len(samples),
    }


def ratio(value: float, base: float) -> float | None:
    """value ÷ base to one decimal; None when base rounded to 0 (a tiny corpus)."""
    return round(value / base, 1) if base else None


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)
