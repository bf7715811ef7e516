"""Synthetic data for tests and benchmarks, kept out of the runtime package.

``articles``: realistic political news articles (HTML and text) and WARC files of them.
``events``: millions of event rows written straight into a store, for API and query benchmarks.
"""
