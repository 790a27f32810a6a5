"""Found by ``tdkt worker`` (``tdkt.core.jobs.registered``): the notifications' cycle runs on the
worker's loop — the e-mails due every 30 seconds, the scheduler with them."""

from tdkt.core import jobs

from .cycle import run_cycle

PERIODIC = jobs.register_periodic("notifications", lambda: run_cycle(), every=30.0)

__all__ = ["PERIODIC"]
