"""Reads, scoped by tdkt.accounts.access."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from tdkt.accounts.access import can, unit_scope_q
from tdkt.accounts.permissions import Perm

from .checks import missing_documents, submit_checks
from .choices import ItemStatus
from .models import Decision, DecisionItem, Proposal, ProposalItem, Round
from .workflow import permitted

VIEW = Perm.VIEW_PROPOSALS


def proposals_visible_to(user) -> QuerySet[Proposal]:
    """Proposals of units the user reaches, and proposals sent to units the user reaches.
    A specialist sees only the dossiers of the school levels they oversee (seed 003 part V)."""
    from tdkt.accounts.access import active_memberships, membership_unit_q
    from tdkt.accounts.choices import Role
    from tdkt.accounts.permissions import roles_with

    if user.is_superuser:
        return Proposal.objects.select_related("unit", "to_unit", "round")
    q = unit_scope_q(user, VIEW, prefix="unit__")
    allowed = roles_with(VIEW)
    for m in active_memberships(user):
        if m.role in allowed and m.role != Role.SPECIALIST:
            q |= membership_unit_q(m, "to_unit__")
    return Proposal.objects.filter(q).select_related("unit", "to_unit", "round").distinct()


def item_choices(proposal: Proposal, user) -> tuple[QuerySet, QuerySet, QuerySet]:
    """What the line form offers (views.item_add): the people the user may see who worked in the
    proposing unit during the round's year, the unit and its subunits, and those subjects' achievements
    of that year. services.item_add checks the same again; the form only offers."""
    from tdkt.accounts.access import person_scope_q
    from tdkt.org.models import Unit
    from tdkt.people.models import Person
    from tdkt.people.selectors import employed_q

    from .models import Achievement

    year = proposal.round.school_year
    people = Person.objects.filter(
        person_scope_q(user, Perm.VIEW_PERSON),
        employed_q(proposal.unit, year.start_date, until=year.end_date, prefix="employments__"),
    ).distinct().order_by("sort_name")
    units = Unit.objects.filter(path__startswith=proposal.unit.path).order_by("path")
    achievements = (Achievement.objects.filter(school_year=year)
                    .filter(Q(person__in=people) | Q(person__isnull=True, unit__in=units))
                    .select_related("person", "unit").order_by("person__sort_name", "unit__path", "id"))
    return people, units, achievements


def _units(user):
    from tdkt.org.models import Unit

    return Unit.objects.filter(unit_scope_q(user, VIEW))


def can_view_proposal(user, proposal: Proposal) -> bool:
    return proposals_visible_to(user).filter(pk=proposal.pk).exists()


def proposal_page(proposal: Proposal, user=None) -> dict:
    """What the proposal page shows; ``may`` says which buttons ``user`` is offered (the same guard the
    services apply, tdkt.awards.workflow.permitted), so no button leads to a refusal."""
    may = permitted(user, proposal) if user is not None else None
    items = list(proposal.items.select_related("person", "unit", "award_type", "source_item", "achievement"))
    missing = missing_documents(proposal, items=items)
    return {
        "proposal": proposal,
        "items": items,
        "files": list(proposal.files.defer("content").select_related("item__person", "item__unit")),
        "missing": missing,
        "checks": submit_checks(proposal, items=items, missing=missing)
        if proposal.status in ("nhap", "tra_lai") else [],
        "events": list(proposal.events.select_related("actor")),
        "actions": may["transitions"] if may is not None else [],
        "may": may or {},
    }


def decision_symbol(issuer) -> str:
    """The symbol a decision of ``issuer`` carries unless the officer types another: "QĐ-" and the
    issuer's own abbreviation (NĐ 30/2020 Điều 15, Phụ lục I mục II.3), e.g. QĐ-UBND for a UBND
    xã/phường, QĐ-SGDĐT for the Sở, QĐ-GDĐT for a Phòng, QĐ-THĐTH for a school. One owner of the
    abbreviation: tdkt.documents.context.issuer_abbreviation (the number register uses it too)."""
    from tdkt.documents.context import issuer_abbreviation
    from tdkt.documents.layout import build_symbol

    return build_symbol("QĐ", issuer_abbreviation(issuer))


def decisions_visible_to(user) -> QuerySet[Decision]:
    if user.is_superuser:
        return Decision.objects.all()
    q = unit_scope_q(user, VIEW, prefix="issuer__") | Q(
        proposal__unit__in=_units(user)) | Q(items__proposal_item__proposal__unit__in=_units(user))
    return Decision.objects.filter(q).select_related("issuer").distinct()


def can_view_decision(user, decision: Decision) -> bool:
    return decisions_visible_to(user).filter(pk=decision.pk).exists()


def can_decide(user, decision: Decision) -> bool:
    return can(user, Perm.DECIDE_AWARDS, decision.issuer)


# --------------------------------------------------------------------------- public


def public_award(code) -> DecisionItem | None:
    return (DecisionItem.objects.select_related("decision", "decision__issuer", "award_type", "person", "unit",
                                                "award_record__unit", "proposal_item__proposal__unit")
            .filter(public_code=code).first())


def public_item(i: DecisionItem) -> dict:
    """What the public may see of an award: no birth date, no identifier, no money."""
    # (an empty foreign key reads as None without a query, as its _id did)
    unit = i.unit or (i.award_record.unit if i.award_record else None) or (
        i.proposal_item.proposal.unit if i.proposal_item else None)
    return {"name": i.subject_name, "unit": str(unit) if unit else "", "award": str(i.award_type),
            "decision": _("%(number)s ngày %(date)s") % {"number": i.decision.number_label,
                                                          "date": f"{i.decision.decision_date:%d/%m/%Y}"},
            "issuer": str(i.decision.issuer), "revoked_on": i.revoked_on,
            "revocation_decision": i.revocation_decision}


def disclosure(unit, round_: Round | None = None) -> dict:
    """Công khai: proposed and decided awards of a unit's subtree (optionally one round)."""
    items = ProposalItem.objects.filter(proposal__unit__path__startswith=unit.path).exclude(
        status=ItemStatus.WITHDRAWN).exclude(proposal__status__in=["nhap", "rut"])
    # a compiled proposal (school → office → UBND) is decided above the office: the record's unit keeps the school
    decided = DecisionItem.objects.filter(
        Q(proposal_item__proposal__unit__path__startswith=unit.path) | Q(decision__issuer=unit)
        | Q(award_record__unit__path__startswith=unit.path) | Q(unit__path__startswith=unit.path)).distinct()
    if round_ is not None:
        items = items.filter(proposal__round=round_)
        decided = decided.filter(decision__round=round_)
    proposed = [{"name": i.subject_name, "unit": str(i.unit or i.proposal.unit), "award": str(i.award_type),
                 "status": i.get_status_display()}
                for i in items.select_related("person", "unit", "award_type", "proposal__unit")]
    return {"proposed": proposed,
            "decided": [public_item(i) for i in decided.select_related(
                "decision", "decision__issuer", "award_type", "person", "unit", "award_record__unit",
                "proposal_item__proposal__unit")]}


def decision_summary(decision: Decision) -> dict:
    """A decision with its lines, the money per line and per fund, the amount in words, and what is to be
    recovered from revoked lines. Queries are constant in the number of lines."""
    from tdkt.core.vi import amount_in_words, format_vnd

    items = list(decision.items.select_related("person", "unit", "award_type", "proposal_item__proposal__unit"))
    per_fund: dict[str, int] = {}
    for i in items:  # every line is paid from the issuer's fund (RULES: the level that decides pays)
        per_fund[str(decision.issuer)] = per_fund.get(str(decision.issuer), 0) + int(i.amount)
    recover = sum(int(i.amount_to_recover or 0) for i in items if i.revoked_on)
    return {
        "items": items,
        "funds": [{"fund": f, "total": t, "total_text": format_vnd(t)} for f, t in per_fund.items()],
        "total": int(decision.total), "total_text": format_vnd(decision.total),
        "total_words": amount_in_words(decision.total),
        "to_recover": recover, "to_recover_text": format_vnd(recover),
    }


def certificate_items(unit, *, round_=None, school_year=None) -> QuerySet[DecisionItem]:
    """Every live (not revoked) decided award of ``unit`` and its subtree, for the certificate batch.

    An award belongs to the unit where its subject worked when awarded (the record's unit), so awards a
    higher level decided on a compiled proposal (office → UBND) still print for the school."""
    path = unit.path
    qs = DecisionItem.objects.filter(
        Q(unit__path__startswith=path) | Q(award_record__unit__path__startswith=path)
        | Q(proposal_item__proposal__unit__path__startswith=path), revoked_on__isnull=True)
    if round_ is not None:
        qs = qs.filter(decision__round=round_)
    if school_year is not None:
        qs = qs.filter(decision__round__school_year=school_year)
    return (qs.select_related("person", "unit", "award_type", "decision", "decision__issuer")
            .order_by("decision__decision_date", "decision__issuer_id", "decision__number", "order", "id").distinct())


def certificate_batch(unit, *, round_=None, school_year=None) -> dict:
    """What the batch page shows: how many certificates, from which decisions (two queries)."""
    from django.db.models import Count

    qs = certificate_items(unit, round_=round_, school_year=school_year)
    # per decision, only the lines in the batch (a decision may cover other units too)
    counts = dict(DecisionItem.objects.filter(pk__in=qs.values("pk")).order_by().values_list("decision_id")
                  .annotate(n=Count("id")))
    decisions = [{"decision": d, "count": counts[d.pk]} for d in Decision.objects.filter(pk__in=counts)
                 .select_related("issuer").order_by("decision_date", "issuer_id", "number")]
    return {"decisions": decisions, "total": sum(counts.values())}


def proposals_for_export(user) -> QuerySet[Proposal]:
    """The proposal list as the page shows it (same reach, same order), with the school year and the
    number of lines, of accepted lines (decided ones included) and of decided lines per proposal,
    counted in the same query."""
    from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
    from django.db.models.functions import Coalesce

    def count(**filters):
        lines = (ProposalItem.objects.filter(proposal=OuterRef("pk"), **filters).order_by().values("proposal")
                 .annotate(n=Count("id")).values("n"))
        return Coalesce(Subquery(lines, output_field=IntegerField()), Value(0))

    return (proposals_visible_to(user).select_related("round__school_year")
            .annotate(n_items=count(), n_accepted=count(status__in=[ItemStatus.ACCEPTED, ItemStatus.DECIDED]),
                      n_decided=count(status=ItemStatus.DECIDED)).order_by("-created_at", "-id"))


def certificate_items_for_export(unit, *, round_=None, school_year=None) -> QuerySet[DecisionItem]:
    """The batch's certificates with what a list of them needs (the unit each award belongs to)."""
    return certificate_items(unit, round_=round_, school_year=school_year).select_related(
        "award_record__unit", "proposal_item__proposal__unit")



def rounds_open_to(user, perm=Perm.PREPARE_PROPOSALS) -> QuerySet[Round]:
    """Đợt khen thưởng a user may propose into or manage: rounds opened by a unit above
    one of their units (a school proposes into its ward's round) or inside their reach,
    newest first."""
    from tdkt.accounts.access import active_memberships
    from tdkt.accounts.permissions import roles_with

    rounds = Round.objects.select_related("unit", "school_year").order_by("-created_at")
    if user.is_superuser:
        return rounds
    allowed = roles_with(perm)
    q = unit_scope_q(user, perm, prefix="unit__")
    for m in active_memberships(user):
        if m.role in allowed:
            path = m.unit.path
            q |= Q(unit__path__in=[path[:n] for n in range(4, len(path) + 1, 4)])
    return rounds.filter(q)


def unverified_rules(items, day) -> list[str]:
    """The rule rows a decision dated ``day`` for ``items`` rests on that nobody has yet checked against the
    published text (their note says «cần đối chiếu»): money rows, and the council pass mark of the titles a
    vote decides. The officer must confirm having read them before issuing (issue 18); papers never say it."""
    from tdkt.core.vi import fold
    from tdkt.eligibility.choices import SubjectKind
    from tdkt.meetings.choices import AwardGroup
    from tdkt.meetings.reference import voting_rule_for

    from .models import BaseSalary, BonusCoefficient, BonusRounding

    mark = fold("cần đối chiếu")
    out: list[str] = []

    def add(label, row):
        if row is not None and mark in fold(row.note or ""):
            text = f"{label}: {row.citation} — {row.note}"
            if text not in out:
                out.append(text)

    add(_("Mức lương cơ sở"), BaseSalary.objects.latest_in_force(day))
    add(_("Làm tròn tiền thưởng"), BonusRounding.objects.latest_in_force(day))
    pairs = {(it.award_type, SubjectKind.INDIVIDUAL if it.person_id else SubjectKind.COLLECTIVE) for it in items}
    coefs = (BonusCoefficient.objects.in_force(day).filter(award_type__in={a for a, _s in pairs})
             .select_related("award_type").order_by("-effective_from"))
    seen = set()
    for c in coefs:
        key = (c.award_type_id, c.subject)
        if key in seen or (c.award_type, c.subject) not in pairs:
            continue
        seen.add(key)
        add(_("Hệ số tiền thưởng «%(award)s»") % {"award": c.award_type}, c)
    for award_type in sorted({a for a, _s in pairs}, key=lambda a: a.order):
        rule = voting_rule_for(award_type, day)
        if rule is not None and rule.award_group != AwardGroup.OTHER:
            add(_("Tỷ lệ phiếu «%(award)s»") % {"award": award_type}, rule)
    return out
