"""The benchmarks, importable as a package: `python benchmarks/bench.py --help` runs them."""
