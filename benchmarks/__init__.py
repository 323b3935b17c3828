"""Pinpoint's benchmarks: every ``bench_*.py`` module here defines ``run() -> list[Row]``."""
