"""Template filters of the dashboards."""

from django import template

from tdkt.dashboards.calculations import percent_label

register = template.Library()


@register.filter
def pct(value) -> str:
    """A rate as "62,5%" (Vietnamese decimal comma), "—" when there is none."""
    return percent_label(value)
