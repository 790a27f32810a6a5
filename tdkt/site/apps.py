from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The top layer: what sits above every app (the home page and its to-do list, the menu, the demo,
    ``load_reference``). It may import any app; no app imports it."""

    name = "tdkt.site"
    label = "site"
