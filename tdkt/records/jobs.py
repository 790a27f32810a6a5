"""This app's background jobs, found by ``tdkt worker`` (``tdkt.core.jobs.registered``): the Excel imports."""

from .imports_jobs import QUEUE

__all__ = ["QUEUE"]
