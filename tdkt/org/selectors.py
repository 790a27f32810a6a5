"""Reads of the organisation tree, always scoped to what the user may see."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from tdkt.accounts.access import unit_scope_q
from tdkt.accounts.permissions import Perm
from tdkt.core.vi import fold

from .choices import UnitCategory
from .models import Cluster, SchoolYear, Unit


def subtree_q(unit: Unit, prefix: str = "") -> Q:
    """"This unit and everything under it": one indexed prefix filter on the path."""
    return Q(**{f"{prefix}path__startswith": unit.path})


def unit_list_visible_to(*, user, under: Unit | None = None, query: str = "",
                         include_closed: bool = True) -> QuerySet[Unit]:
    qs = Unit.objects.filter(unit_scope_q(user, Perm.VIEW_UNIT)).select_related("unit_type")
    if under is not None:
        qs = qs.filter(subtree_q(under))
    if not include_closed:
        today = timezone.localdate()
        qs = qs.filter(Q(active_to__isnull=True) | Q(active_to__gte=today))
    if query:
        folded = fold(query)
        # Unit names are few enough per scope to fold in Python, and this keeps
        # accent-insensitive search identical on SQLite and PostgreSQL.
        ids = [u.pk for u in qs.select_related(None).only("pk", "name", "code") if folded in fold(u.name) or folded in fold(u.code)]
        qs = qs.filter(pk__in=ids)
    return qs.order_by("path")


def unit_get_visible(*, user, pk: int) -> Unit | None:
    return unit_list_visible_to(user=user).filter(pk=pk).first()


def unit_roots_visible_to(*, user) -> list[Unit]:
    """The tops of the user's scope: the visible units with no visible ancestor (the root of the
    tree for an administrator; the ward for a ward officer; the schools of a level for a
    specialist of that level). Where an API client starts walking the tree with ``?under=``.
    Two queries: the visible paths, then the tops."""
    paths = set(Unit.objects.filter(unit_scope_q(user, Perm.VIEW_UNIT)).values_list("path", flat=True))
    step = Unit.steplen
    tops = [p for p in paths if not any(p[:d * step] in paths for d in range(1, len(p) // step))]
    return list(Unit.objects.filter(path__in=tops).select_related("unit_type").order_by("path"))


def school_year_on(day: dt.date) -> SchoolYear | None:
    """The school year that contains ``day`` (years are data: their dates need not be 05/09–31/08)."""
    return SchoolYear.objects.filter(start_date__lte=day, end_date__gte=day).first()


def current_school_year(today: dt.date | None = None) -> SchoolYear | None:
    """The school year under way; in the summer gap or past the last year entered, the last one
    that began before today; with none begun yet, the earliest entered."""
    today = today or timezone.localdate()
    return (school_year_on(today)
            or SchoolYear.objects.filter(start_date__lte=today).order_by("-start_year").first()
            or SchoolYear.objects.order_by("start_year").first())


def school_years() -> QuerySet[SchoolYear]:
    return SchoolYear.objects.order_by("-start_year")


def unit_tree_rows(*, user) -> list[dict]:
    """The visible part of the tree as indented rows; ancestors outside the scope
    are shown greyed so the user sees where their units sit."""
    visible = list(unit_list_visible_to(user=user))
    visible_ids = {u.pk for u in visible}
    needed_paths = set()
    for u in visible:
        for depth in range(1, u.depth):
            needed_paths.add(u.path[: depth * Unit.steplen])
    ancestors = list(Unit.objects.filter(path__in=needed_paths - {u.path for u in visible}).select_related("unit_type"))
    rows = [{"unit": u, "visible": u.pk in visible_ids} for u in sorted(visible + ancestors, key=lambda x: x.path)]
    return rows


def clusters_of_unit(*, unit: Unit) -> QuerySet[Cluster]:
    return (
        Cluster.objects.filter(memberships__unit=unit)
        .select_related("school_year", "leader", "deputy", "organizer")
        .order_by("-school_year__start_year", "name")
    )


def clusters_organized_by(*, unit: Unit, school_year=None) -> QuerySet[Cluster]:
    qs = Cluster.objects.filter(organizer=unit).select_related("school_year", "leader", "deputy")
    if school_year is not None:
        qs = qs.filter(school_year=school_year)
    return qs.prefetch_related("memberships__unit").order_by("-school_year__start_year", "name")


PATH_SEPARATOR = " – "


def unit_path_labels(units) -> dict[int, str]:
    """The label of each unit in a picker: its name, then its ancestors nearest first, e.g.
    "Tổ Văn phòng – Trường Tiểu học Đinh Tiên Hoàng – Ủy ban nhân dân phường Sài Gòn".

    The rule, for one list of options (``units``), names an ancestor only when it tells options apart:

    - a root of the tree (depth 1: the Bộ, the province) is never named;
    - an ancestor that every option shares is not named: in a ward officer's list (the ward and
      what is under it) the ward is not repeated on each line;
    - but a subject group or office inside a unit (bộ phận: "Tổ Văn phòng") always names the unit
      it belongs to, even in a school's own list, since "Tổ Văn phòng" alone says nothing.

    The unit's own name always comes first. At most one query (for ancestors that are not options);
    the unit types are read with the units (``select_related("unit_type")``) or one query more."""
    units = [u for u in units if u is not None]
    if not units:
        return {}
    step = Unit.steplen
    common = units[0].path
    for u in units[1:]:
        n = 0
        while n < min(len(common), len(u.path)) and common[n] == u.path[n]:
            n += 1
        common = common[:n]
    floor = max(len(common) // step * step + step, 2 * step)

    def lowest(u) -> int:  # the shortest ancestor path named on u's label
        if u.depth > 2 and u.unit_type.category == UnitCategory.SUBUNIT:
            return min(floor, len(u.path) - step)
        return floor

    chains = {u.pk: range(len(u.path) - step, lowest(u) - 1, -step) for u in units}
    names = {u.path: u.name for u in units}
    wanted = {u.path[:n] for u in units for n in chains[u.pk]} - names.keys()
    if wanted:
        names.update(Unit.objects.filter(path__in=wanted).values_list("path", "name"))
    return {u.pk: PATH_SEPARATOR.join([u.name, *(names[u.path[:n]] for n in chains[u.pk] if u.path[:n] in names)])
            for u in units}


def label_units(units) -> None:
    """Set ``display_label`` on each unit: a subject group reads "Tổ 1 – Trường TH X",
    since "Tổ 1" alone is ambiguous across schools. One query for all parents."""
    units = [u for u in units if u is not None]
    sub = [u for u in units if u.unit_type.category == UnitCategory.SUBUNIT and u.depth > 1]
    parents = dict(Unit.objects.filter(path__in={u.path[: -Unit.steplen] for u in sub}).values_list("path", "name"))
    for u in units:
        parent_name = parents.get(u.path[: -Unit.steplen]) if u in sub else None
        u.display_label = f"{u.name} – {parent_name}" if parent_name else u.name


# --------------------------------------------------------------------------
# Unit history: the line of a unit across reorganisations (UnitEvent)
# --------------------------------------------------------------------------


def _line_step(ids: set[int], *, backward: bool) -> set[int]:
    """Units one reorganisation before (``backward``) or after the given units."""
    from .choices import UnitEventRole
    from .models import UnitEventLink

    mine, other = (UnitEventRole.RESULT, UnitEventRole.SOURCE) if backward else (UnitEventRole.SOURCE,
                                                                                 UnitEventRole.RESULT)
    events = UnitEventLink.objects.filter(unit_id__in=ids, role=mine).values("event_id")
    found = set(UnitEventLink.objects.filter(event_id__in=events, role=other).values_list("unit_id", flat=True))
    # Units closed by hand (before the event table, or with the edit page) name their successor only.
    if backward:
        found |= set(Unit.objects.filter(successor_id__in=ids).values_list("pk", flat=True))
    else:
        found |= set(Unit.objects.filter(pk__in=ids, successor__isnull=False).values_list("successor_id", flat=True))
    return found - ids


def _walk(unit: Unit, *, backward: bool) -> list[Unit]:
    seen, frontier = {unit.pk}, {unit.pk}
    while frontier:
        frontier = _line_step(frontier, backward=backward) - seen
        seen |= frontier
    seen.discard(unit.pk)
    return list(Unit.objects.filter(pk__in=seen).select_related("unit_type").order_by("active_to", "path"))


def unit_predecessors(*, unit: Unit) -> list[Unit]:
    """Every unit that became (part of) this one, however many reorganisations back."""
    return _walk(unit, backward=True)


def unit_successors(*, unit: Unit) -> list[Unit]:
    """Every unit this one became (part of), however many reorganisations on."""
    return _walk(unit, backward=False)


def unit_line_ids(*, unit: Unit) -> set[int]:
    """The unit and its predecessors: whose records count as this unit's past (e.g. consecutive
    years of a collective title across a merger)."""
    return {unit.pk, *(u.pk for u in unit_predecessors(unit=unit))}


def unit_events(*, unit: Unit, with_line: bool = True):
    """The reorganisations of a unit (and, with ``with_line``, of its predecessors and successors),
    oldest first, each with its links and their units."""
    from .models import UnitEvent

    ids = {unit.pk}
    if with_line:
        ids |= {u.pk for u in unit_predecessors(unit=unit)} | {u.pk for u in unit_successors(unit=unit)}
    return (UnitEvent.objects.filter(links__unit_id__in=ids).distinct()
            .prefetch_related("links__unit", "links__parent_before", "links__parent_after")
            .order_by("effective_date", "id"))


def unit_parent_on(*, unit: Unit, day) -> Unit | None:
    """The unit's parent on ``day``: today's parent, unless a move took effect after that day,
    in which case the parent the earliest such move left."""
    from .choices import UnitEventKind
    from .models import UnitEventLink

    link = (UnitEventLink.objects.filter(unit=unit, event__kind=UnitEventKind.MOVE, event__effective_date__gt=day)
            .select_related("parent_before").order_by("event__effective_date", "event_id").first())
    if link is not None:
        return link.parent_before
    return Unit.objects.get_parent(unit) if unit.depth > 1 else None


def unit_name_on(*, unit: Unit, day) -> str:
    """The unit's name on ``day`` (before a later rename, its old name)."""
    from .choices import UnitEventKind
    from .models import UnitEventLink

    link = (UnitEventLink.objects.filter(unit=unit, event__kind=UnitEventKind.RENAME, event__effective_date__gt=day)
            .order_by("event__effective_date", "event_id").first())
    return link.name_before if link is not None else unit.name


def cluster_member_choices(*, organizer: Unit) -> QuerySet[Unit]:
    """Units an office may put in its clusters: under it, not its own subject groups or offices."""
    from .choices import UnitCategory

    return (Unit.objects.filter(path__startswith=organizer.path, depth__gt=organizer.depth)
            .exclude(unit_type__category=UnitCategory.SUBUNIT).select_related("unit_type").order_by("path"))


def cluster_list_visible_to(*, user, organizer: Unit | None = None, school_year=None) -> QuerySet[Cluster]:
    """Clusters organised by a unit the user may see the campaigns of, or with such a member."""
    from .models import ClusterMember

    qs = Cluster.objects.select_related("school_year", "organizer", "leader", "deputy")
    if not getattr(user, "is_superuser", False):
        members = ClusterMember.objects.filter(unit_scope_q(user, Perm.VIEW_CAMPAIGNS, prefix="unit__"))
        qs = qs.filter(unit_scope_q(user, Perm.VIEW_CAMPAIGNS, prefix="organizer__")
                       | Q(pk__in=members.values("cluster_id")))
    if organizer is not None:
        qs = qs.filter(organizer=organizer)
    if school_year is not None:
        qs = qs.filter(school_year=school_year)
    return qs.prefetch_related("memberships__unit").order_by("-school_year__start_year", "name")
