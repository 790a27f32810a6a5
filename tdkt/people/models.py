"""People (cán bộ, giáo viên, nhân viên) and their employment in units over time."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tdkt.core.vi import fold, full_name, name_sort_string

from .choices import Gender, Position, position_label


class Person(models.Model):
    """Cá nhân. Names are stored apart because Vietnamese lists sort by given name."""

    family_name = models.CharField(_("họ"), max_length=60)
    middle_name = models.CharField(_("tên đệm"), max_length=100, blank=True)
    # "tên" is also a thing's name elsewhere; here it is the given name.
    given_name = models.CharField(pgettext_lazy("person", "tên"), max_length=60)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    gender = models.CharField(_("giới tính"), max_length=5, choices=Gender.choices, blank=True)
    # NULL, not "", for "not given": the unique constraint must ignore missing identifiers.
    national_id = models.CharField(  # noqa: DJ001
        "số định danh cá nhân / CCCD", max_length=20, null=True, blank=True,
        help_text=_("Không bắt buộc; nếu nhập thì không được trùng."),
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="person",
    )
    # Derived columns, kept by save(): the database sorts and searches with
    # plain indexes instead of collations that differ between SQLite and PostgreSQL.
    sort_name = models.CharField(max_length=255, db_index=True, editable=False)
    search_name = models.CharField(max_length=255, db_index=True, editable=False)

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")
        ordering = ["sort_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["national_id"], condition=Q(national_id__isnull=False) & ~Q(national_id=""),
                name="person_national_id_unique_when_given",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        if self.national_id == "":
            self.national_id = None
        self.refresh_derived()
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return full_name(self.family_name, self.middle_name, self.given_name)

    def refresh_derived(self) -> None:
        self.sort_name = name_sort_string(self.family_name, self.middle_name, self.given_name)[:255]
        self.search_name = fold(self.full_name)[:255]


class Employment(models.Model):
    """Công tác: a person holds a position at a unit from one date to another.

    Open-ended (no end date) means "still working there". Months worked in a
    school year are computed from these periods (tdkt.people.calculations).
    """

    person = models.ForeignKey(Person, verbose_name=_("cá nhân"), on_delete=models.CASCADE, related_name="employments")
    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="employments")
    position = models.CharField(_("chức vụ"), max_length=30, choices=Position.choices, default=Position.GIAO_VIEN)
    title_note = models.CharField(_("nhiệm vụ / môn dạy"), max_length=150, blank=True)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("quá trình công tác")
        verbose_name_plural = _("quá trình công tác")
        ordering = ["-start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="employment_period_ordered",
            ),
        ]
        indexes = [models.Index(fields=["unit", "start_date"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_position_display()} – {self.unit}"

    def get_position_display(self) -> str:  # type: ignore[no-redef]  # (django-stubs declares Django's)
        # Defined here, Django keeps it instead of its own: Position labels are plain text
        # (see choices.Position), translated when shown.
        return position_label(self.position)
