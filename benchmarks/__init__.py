"""Benchmarks, evaluations and fuzzing of eventwire, and the synthetic data they and the tests use.

Not part of the installed package: tests import ``benchmarks.…`` from the repository root
(``pythonpath = ["."]`` in pyproject.toml); each script also runs as ``python benchmarks/NAME.py``.
"""
