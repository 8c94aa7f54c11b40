"""Benchmarks of the whole build on synthetic data (issue 7): ``python -m benchmarks`` or ``make bench``.

The real data set is small; these benchmarks show how the pipeline behaves at 1,000 and 10,000
records before the knowledge base gets there. See ``benchmarks/README.md`` for what is measured.
"""
