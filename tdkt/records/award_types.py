"""The award types that records and registrations name.

The catalogue of award types (``AwardType``) belongs to eligibility, a layer above records:
eligibility judges what records hold, so it reads records and records never imports it. A record
names its award type through a string foreign key (``"eligibility.AwardType"``); forms, imports and
the API reach the catalogue's rows through that same key's model, here.
"""

from typing import Any

from django.db import models

from .models import AwardRecord

# One row of the catalogue (eligibility.AwardType): code, name, kind, subject, active, order, ...
AwardTypeRow = Any


def award_types() -> models.QuerySet[Any]:
    """Every award type a record can name (the model behind ``AwardRecord.award_type``)."""
    model = AwardRecord._meta.get_field("award_type").related_model
    assert isinstance(model, type) and issubclass(model, models.Model)
    return model._default_manager.all()
