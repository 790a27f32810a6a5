"""Writes on the register of exemplars and the year's model pledges: keyword-only, one transaction, one audit row."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.access import can, require
from tdkt.accounts.permissions import Perm
from tdkt.audit.services import audit_record, snapshot
from tdkt.core.exceptions import DomainValidationError
from tdkt.people.models import Employment
from tdkt.people.selectors import employed_q

from .models import STAGE_ORDER, Exemplar, ExemplarKind, ExemplarStep, ModelPledge, ResultKind, Stage

FIELDS = ["unit_id", "kind", "person_id", "collective_id", "title", "movement", "stage", "public", "proposal_item_id"]
PLEDGE_FIELDS = ["unit_id", "school_year_id", "title", "registered_on", "result", "checked_on"]


def exemplar_create(*, actor, unit, kind: str, title: str, description: str, person=None, collective=None,
                    movement: str = "", evidence: str = "", followers=(), day: dt.date | None = None) -> Exemplar:
    """Phát hiện: a person working under the unit, or a collective of its tree, found exemplary."""
    require(actor, Perm.MANAGE_CAMPAIGNS, unit)
    day = day or timezone.localdate()
    errors: dict[str, str | list[str]] = {}
    if kind not in ExemplarKind.values:
        errors["kind"] = _("Chọn loại điển hình.")
    if not (title or "").strip():
        errors["title"] = _("Hãy đặt tên điển hình, ví dụ «Cô giáo 20 năm dạy lớp ghép».")
    if not (description or "").strip():
        errors["description"] = _("Hãy mô tả thành tích, việc làm.")
    if kind == ExemplarKind.COLLECTIVE:
        if collective is None or not collective.path.startswith(unit.path):
            errors["collective"] = _("Chọn một tập thể thuộc %(unit)s.") % {"unit": unit.name}
        person = None
    elif kind in ExemplarKind.values:
        if person is None:
            errors["person"] = _("Chọn cá nhân điển hình.")
        elif not Employment.objects.filter(employed_q(unit, day), person=person).exists():
            errors["person"] = _("%(person)s không công tác tại %(unit)s.") % {"person": person, "unit": unit.name}
        collective = None
    wrong = [u for u in followers if not can(u, Perm.VIEW_CAMPAIGNS, unit)]
    if wrong:
        errors["followers"] = _("Người theo dõi phải thuộc %(unit)s.") % {"unit": unit.name}
    if errors:
        raise DomainValidationError(errors)
    with transaction.atomic():
        ex = Exemplar.objects.create(unit=unit, kind=kind, person=person, collective=collective, title=title.strip()[:300],
                                     movement=(movement or "").strip()[:300], description=description.strip(),
                                     evidence=(evidence or "").strip(), created_by=actor)
        ex.followers.set(followers)
        ExemplarStep.objects.create(exemplar=ex, stage=Stage.FOUND, day=day, note=_("Phát hiện điển hình."),
                                    actor=actor)
        audit_record(actor=actor, event_type="exemplars.found", target=ex, unit=unit, after=snapshot(ex, FIELDS))
    return ex


def exemplar_advance(*, actor, exemplar: Exemplar, stage: str, note: str, evidence: str = "",
                     day: dt.date | None = None) -> Exemplar:
    """Move to a later stage (bồi dưỡng → tổng kết → nhân rộng) with what was done; stages are not skipped
    backwards, and the record of each stays."""
    require(actor, Perm.MANAGE_CAMPAIGNS, exemplar.unit)
    errors: dict[str, str | list[str]] = {}
    if stage not in Stage.values or STAGE_ORDER.index(Stage(stage)) <= STAGE_ORDER.index(Stage(exemplar.stage)):
        errors["stage"] = _("Chọn giai đoạn sau giai đoạn hiện tại («%(stage)s»).") % {
            "stage": exemplar.get_stage_display()}
    if not (note or "").strip():
        errors["note"] = _("Ghi việc đã làm ở giai đoạn này (bồi dưỡng, tổng kết, nhân rộng thế nào).")
    if errors:
        raise DomainValidationError(errors)
    with transaction.atomic():
        locked = Exemplar.objects.select_for_update().get(pk=exemplar.pk)
        before = snapshot(locked, FIELDS)
        locked.stage = stage
        if evidence.strip():
            locked.evidence = "\n".join(x for x in (locked.evidence, evidence.strip()) if x)
        locked.save()
        ExemplarStep.objects.create(exemplar=locked, stage=stage, day=day or timezone.localdate(),
                                    note=note.strip()[:500], actor=actor)
        audit_record(actor=actor, event_type="exemplars.stage", target=locked, unit=locked.unit, before=before,
                     after=snapshot(locked, FIELDS))
    return locked


def exemplar_set_public(*, actor, exemplar: Exemplar, public: bool) -> Exemplar:
    """The unit chooses whom it honours on its public page (no personal identifiers are shown there)."""
    require(actor, Perm.MANAGE_CAMPAIGNS, exemplar.unit)
    with transaction.atomic():
        return _update(actor, exemplar, "exemplars.public", public=public)


def _update(actor, exemplar: Exemplar, event: str, **changes) -> Exemplar:
    """Lock the row, set ``changes``, save them, one audit row with before and after (inside the caller's
    transaction)."""
    locked = Exemplar.objects.select_for_update().get(pk=exemplar.pk)
    before = snapshot(locked, FIELDS)
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.save(update_fields=list(changes))
    audit_record(actor=actor, event_type=event, target=locked, unit=locked.unit, before=before,
                 after=snapshot(locked, FIELDS))
    return locked


def exemplar_propose(*, actor, exemplar: Exemplar, round, award_type):
    """Đề nghị khen thưởng đột xuất: a line for the exemplar in the unit's proposal of an ad-hoc round (the
    unit's draft there, or a new one), through awards.services; the exemplar keeps the link."""
    from tdkt.awards.choices import ProposalStatus, RoundKind
    from tdkt.awards.models import Proposal
    from tdkt.awards.services import item_add, proposal_create

    errors: dict[str, str | list[str]] = {}
    if round.kind not in (RoundKind.AD_HOC, RoundKind.GOOD_DEEDS):
        errors["round"] = _("Chọn một đợt khen thưởng đột xuất hoặc người tốt, việc tốt.")
    if exemplar.proposal_item_id:
        errors["round"] = _("Điển hình này đã được đề nghị khen thưởng.")
    if errors:
        raise DomainValidationError(errors)
    with transaction.atomic():
        proposal = Proposal.objects.filter(round=round, unit=exemplar.unit, status=ProposalStatus.DRAFT).first()
        if proposal is None:
            proposal = proposal_create(actor=actor, round=round, unit=exemplar.unit)
        item = item_add(actor=actor, proposal=proposal, award_type=award_type, summary=exemplar.description[:2000],
                        person=exemplar.person, unit=None if exemplar.person_id else exemplar.collective)
        _update(actor, exemplar, "exemplars.proposed", proposal_item=item)
    return item


def pledge_create(*, actor, unit, school_year, title: str, description: str = "",
                  registered_on: dt.date | None = None) -> ModelPledge:
    require(actor, Perm.MANAGE_CAMPAIGNS, unit)
    if not (title or "").strip():
        raise DomainValidationError({"title": _("Hãy nhập tên mô hình, giải pháp đăng ký.")})
    with transaction.atomic():
        pledge = ModelPledge.objects.create(unit=unit, school_year=school_year, title=title.strip()[:300],
                                            description=(description or "").strip(),
                                            registered_on=registered_on or timezone.localdate(), created_by=actor)
        audit_record(actor=actor, event_type="exemplars.pledge_registered", target=pledge, unit=unit,
                     after=snapshot(pledge, PLEDGE_FIELDS))
    return pledge


def pledge_check(*, actor, pledge: ModelPledge, result: str, evidence: str, day: dt.date | None = None) -> ModelPledge:
    """At the year's review: carried out or not, with the evidence (required unless not carried out)."""
    require(actor, Perm.MANAGE_CAMPAIGNS, pledge.unit)
    errors: dict[str, str | list[str]] = {}
    if result not in ResultKind.values:
        errors["result"] = _("Chọn kết quả thực hiện.")
    if result in (ResultKind.DONE, ResultKind.PARTLY) and not (evidence or "").strip():
        errors["evidence"] = _("Hãy ghi minh chứng đã thực hiện (văn bản, sản phẩm, đường dẫn).")
    if errors:
        raise DomainValidationError(errors)
    with transaction.atomic():
        locked = ModelPledge.objects.select_for_update().get(pk=pledge.pk)
        before = snapshot(locked, PLEDGE_FIELDS)
        locked.result, locked.evidence = result, (evidence or "").strip()
        locked.checked_on, locked.checked_by = day or timezone.localdate(), actor
        locked.save()
        audit_record(actor=actor, event_type="exemplars.pledge_checked", target=locked, unit=locked.unit,
                     before=before, after=snapshot(locked, PLEDGE_FIELDS))
    return locked
