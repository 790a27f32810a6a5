"""Benchmarks and the data generators they use (run with ``python -m bench.<name>``)."""
