"""One Achievement per distinct (subject, school year, achievement code — or, without a code, the summary
compared without case, spacing or a closing full stop) of the existing proposal lines, and each line linked
to it: what ``checks.achievement_of`` treated as one achievement before becomes one record."""

from django.db import migrations


def _key(item) -> str:
    if item.achievement_key.strip():
        return "key:" + item.achievement_key.strip().lower()
    return "text:" + " ".join(item.summary.lower().split()).rstrip(" .;")


def link_achievements(apps, schema_editor=None) -> int:
    """Create and link the achievements of the lines that have none; returns how many were created."""
    ProposalItem = apps.get_model("awards", "ProposalItem")
    Achievement = apps.get_model("awards", "Achievement")
    made: dict[tuple, object] = {}
    created = 0
    items = (ProposalItem.objects.filter(achievement__isnull=True)
             .select_related("proposal__round").order_by("proposal_id", "order", "id"))
    for item in items.iterator():
        year_id = item.proposal.round.school_year_id
        subject = ("p", item.person_id) if item.person_id else ("u", item.unit_id)
        slot = (subject, year_id, _key(item))
        achievement = made.get(slot)
        if achievement is None:
            achievement = made[slot] = Achievement.objects.create(
                person_id=item.person_id, unit_id=None if item.person_id else item.unit_id,
                description=item.summary.strip() or item.achievement_key, school_year_id=year_id,
                created_by_id=item.proposal.created_by_id)
            created += 1
        ProposalItem.objects.filter(pk=item.pk).update(achievement=achievement)
    return created


def unlink_achievements(apps, schema_editor=None) -> None:
    ProposalItem = apps.get_model("awards", "ProposalItem")
    Achievement = apps.get_model("awards", "Achievement")
    ProposalItem.objects.update(achievement=None)
    Achievement.objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0006_achievement"),
    ]

    operations = [
        migrations.RunPython(link_achievements, unlink_achievements),
    ]
