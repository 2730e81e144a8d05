"""Hearth's benchmarks: ``uv run python -m benchmarks [--quick] [--json FILE]``.

Interactions are timed in one process over a demo database with ten years of data; each
measurement reports the median of several rounds after a warm-up, against its budget.
"""
