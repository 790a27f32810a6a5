"""The organisation tree (đơn vị), school years (năm học) and clusters (cụm/khối thi đua)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from .choices import ClusterKind, SchoolLevel, UnitCategory, UnitEventKind, UnitEventRole


class UnitType(models.Model):
    """Loại đơn vị: data, not code, so that a reform adds a row instead of a release."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên loại đơn vị"), max_length=150)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=150, blank=True)
    abbreviation = models.CharField(_("viết tắt"), max_length=30, blank=True)
    category = models.CharField(_("nhóm"), max_length=30, choices=UnitCategory.choices)
    default_school_level = models.CharField(
        _("cấp học mặc định"), max_length=20, choices=SchoolLevel.choices, blank=True
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    class Meta:
        verbose_name = _("loại đơn vị")
        verbose_name_plural = _("loại đơn vị")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The name on pages: the English name kept as data for a reader of English. ``__str__``
        and official documents keep the Vietnamese name."""
        return self.name_en if self.name_en and get_language() == "en" else self.name


class Unit(MP_Node):
    """Đơn vị: a node of the tree (Bộ → Sở → Phòng/UBND xã → trường → tổ chuyên môn).

    ``path`` (materialised path, indexed) makes "this unit and everything
    under it" a single ``path LIKE 'prefix%'`` on SQLite and PostgreSQL.
    Reforms never delete units: a closed unit keeps ``active_to`` and points
    to its ``successor`` so old records stay readable.
    """

    steplen = 4
    node_order_by = None

    code = models.CharField(_("mã đơn vị"), max_length=40, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt (ký hiệu văn bản)"), max_length=40, blank=True)
    unit_type = models.ForeignKey(UnitType, verbose_name=_("loại đơn vị"), on_delete=models.PROTECT)
    school_level = models.CharField(
        _("cấp học"), max_length=20, choices=SchoolLevel.choices, blank=True, db_index=True,
        help_text=_("Với trường và các tổ trong trường; chuyên viên phụ trách theo cấp học."),
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    place_name = models.CharField(
        _("địa danh trên văn bản"), max_length=100, blank=True, help_text=_("Ví dụ: Quận 1, Thành phố Hồ Chí Minh")
    )
    founded_on = models.DateField(_("ngày thành lập"), null=True, blank=True)
    active_from = models.DateField(_("hoạt động từ ngày"), null=True, blank=True)
    active_to = models.DateField(_("hoạt động đến ngày"), null=True, blank=True)
    successor = models.ForeignKey(
        "self", verbose_name=_("đơn vị kế thừa"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="predecessors",
    )
    note = models.TextField(_("ghi chú"), blank=True)

    # Not columns: set on fetched rows for display by the selectors that compute them
    # (org.selectors.label_units; the dashboards' unit choices and look-up).
    display_label: str
    indent: str
    match_rank: int
    match_via_parent: bool
    match_reason: str | Promise

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        constraints = [
            models.CheckConstraint(
                condition=Q(active_to__isnull=True) | Q(active_from__isnull=True) | Q(active_to__gte=models.F("active_from")),
                name="unit_active_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_active_on(self, day: dt.date) -> bool:
        return (self.active_from is None or self.active_from <= day) and (self.active_to is None or day <= self.active_to)

    @property
    def is_school(self) -> bool:
        return self.unit_type.category == UnitCategory.SCHOOL


class SchoolYear(models.Model):
    """Năm học, e.g. 2023-2024: September to August by default, but dates are data."""

    start_year = models.PositiveSmallIntegerField(_("năm bắt đầu"), unique=True)
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"))

    class Meta:
        verbose_name = _("năm học")
        verbose_name_plural = _("năm học")
        ordering = ["-start_year"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gt=models.F("start_date")), name="school_year_dates_ordered"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.start_year}-{self.start_year + 1}"


class Cluster(models.Model):
    """Cụm / khối thi đua of one school year, organised by an office (seed 003 IV.2)."""

    school_year = models.ForeignKey(SchoolYear, verbose_name=_("năm học"), on_delete=models.PROTECT, related_name="clusters")
    organizer = models.ForeignKey(
        Unit, verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT, related_name="organized_clusters"
    )
    kind = models.CharField(_("loại"), max_length=10, choices=ClusterKind.choices, default=ClusterKind.KHOI)
    name = models.CharField(_("tên"), max_length=200)
    school_level = models.CharField(_("cấp học"), max_length=20, choices=SchoolLevel.choices, blank=True)
    leader = models.ForeignKey(
        Unit, verbose_name=_("khối trưởng (đơn vị)"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    deputy = models.ForeignKey(
        Unit, verbose_name=_("khối phó (đơn vị)"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    members: models.ManyToManyField[Unit, ClusterMember] = models.ManyToManyField(
        Unit, through="ClusterMember", related_name="clusters", verbose_name=_("thành viên"))

    class Meta:
        verbose_name = _("cụm/khối thi đua")
        verbose_name_plural = _("cụm/khối thi đua")
        ordering = ["school_year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["school_year", "organizer", "name"], name="cluster_unique_name_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.school_year})"


class ClusterMember(models.Model):
    """A unit's place in a cluster; year and kind are copied so the database can
    enforce "one cluster of a kind per unit per year"."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="cluster_memberships")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=ClusterKind.choices)

    class Meta:
        verbose_name = _("thành viên cụm/khối")
        verbose_name_plural = _("thành viên cụm/khối")
        constraints = [
            models.UniqueConstraint(fields=["unit", "school_year", "kind"], name="one_cluster_of_a_kind_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.cluster}"


class UnitEvent(models.Model):
    """Một lần sắp xếp đơn vị: rename, move, merge, split or close, with its decision.

    The tree (``Unit.path``) holds today's parents only; this table keeps what the
    tree forgets. Each event names the decision (number, date, issuer) and the day
    it takes effect; its links say which units it changed, ended or produced, with
    each unit's name and parent as they were before and after. Histories, "parent
    on a date" and "consecutive years across predecessors" read these rows, never
    rewritten records (see docs/architecture.md, "Unit history")."""

    kind = models.CharField(_("loại sắp xếp"), max_length=20, choices=UnitEventKind.choices)
    effective_date = models.DateField(_("ngày có hiệu lực"), db_index=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255)
    issuer_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị ban hành"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("người ghi"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm ghi"), auto_now_add=True)

    class Meta:
        verbose_name = _("sắp xếp đơn vị")
        verbose_name_plural = _("sắp xếp đơn vị")
        ordering = ["effective_date", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.decision_number} ({self.effective_date:%d/%m/%Y})"


class UnitEventLink(models.Model):
    """A unit's part in one event, with its name and parent as they were then (so a
    history reads the past as it was, whatever the unit is called today)."""

    event = models.ForeignKey(UnitEvent, on_delete=models.CASCADE, related_name="links")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="event_links")
    role = models.CharField(_("vai trò"), max_length=10, choices=UnitEventRole.choices)
    name_before = models.CharField(_("tên trước"), max_length=255, blank=True)
    name_after = models.CharField(_("tên sau"), max_length=255, blank=True)
    parent_before = models.ForeignKey(
        Unit, verbose_name=_("cấp trên trước"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    parent_after = models.ForeignKey(
        Unit, verbose_name=_("cấp trên sau"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )

    class Meta:
        verbose_name = _("đơn vị trong lần sắp xếp")
        verbose_name_plural = _("đơn vị trong lần sắp xếp")
        ordering = ["event", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "unit", "role"], name="unit_event_link_once"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.get_role_display()} – {self.event}"
