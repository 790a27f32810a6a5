from tdkt.awards.tests.conftest import _no_engine, aw  # noqa: F401  (fixtures: an award catalogue and a round)
