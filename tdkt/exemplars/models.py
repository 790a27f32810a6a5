"""The register of exemplary people, collectives and good deeds — "phát hiện, bồi dưỡng, tổng kết, nhân rộng điển
hình tiên tiến" (seeds 001, 002) — and the models and solutions a unit registers at the start of the year and
checks at its review (seed 001)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ExemplarKind(models.TextChoices):
    PERSON = "ca_nhan", _("Cá nhân điển hình")
    COLLECTIVE = "tap_the", _("Tập thể điển hình")
    GOOD_DEED = "nguoi_tot_viec_tot", _("Người tốt, việc tốt")


class Stage(models.TextChoices):
    FOUND = "phat_hien", _("Phát hiện")
    NURTURED = "boi_duong", _("Bồi dưỡng")
    REVIEWED = "tong_ket", _("Tổng kết")
    SPREAD = "nhan_rong", _("Nhân rộng")


STAGE_ORDER = [Stage.FOUND, Stage.NURTURED, Stage.REVIEWED, Stage.SPREAD]


class Exemplar(models.Model):
    """Một điển hình: a person or a collective of the unit's tree, or a good deed (by a person), with the stage it
    has reached, the evidence, who follows it, and — once proposed — the award proposal line."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="exemplars",
                             verbose_name=_("đơn vị theo dõi"))
    kind = models.CharField(_("loại"), max_length=30, choices=ExemplarKind.choices)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("cá nhân"))
    collective = models.ForeignKey("org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("tập thể"))
    title = models.CharField(_("điển hình"), max_length=300, help_text=_("Ví dụ «Cô giáo 20 năm dạy lớp ghép»."))
    movement = models.CharField(_("phong trào thi đua"), max_length=300, blank=True)
    description = models.TextField(_("thành tích, việc làm"))
    evidence = models.TextField(_("minh chứng"), blank=True, help_text=_("Văn bản, bài báo, đường dẫn; mỗi dòng một."))
    stage = models.CharField(_("giai đoạn"), max_length=20, choices=Stage.choices, default=Stage.FOUND)
    followers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="followed_exemplars", blank=True,
                                       verbose_name=_("người theo dõi, giúp đỡ"))
    public = models.BooleanField(_("tôn vinh công khai"), default=False)
    proposal_item = models.ForeignKey("awards.ProposalItem", on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name=_("dòng đề nghị khen thưởng"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("điển hình tiên tiến")
        verbose_name_plural = _("điển hình tiên tiến")
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(
            condition=Q(kind="tap_the", collective__isnull=False, person__isnull=True)
            | ~Q(kind="tap_the") & Q(person__isnull=False, collective__isnull=True),
            name="exemplar_subject_matches_kind")]

    def __str__(self) -> str:
        return self.title

    @property
    def subject_name(self) -> str:
        return self.person.full_name if self.person_id and self.person else (
            self.collective.name if self.collective else "")


class ExemplarStep(models.Model):
    """A stage reached, with what was done (the history the register shows)."""

    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="steps")
    stage = models.CharField(_("giai đoạn"), max_length=20, choices=Stage.choices)
    day = models.DateField(_("ngày"))
    note = models.CharField(_("nội dung"), max_length=500)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["day", "id"]
        verbose_name = _("bước theo dõi điển hình")
        verbose_name_plural = _("các bước theo dõi điển hình")

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} – {self.get_stage_display()}"


class ResultKind(models.TextChoices):
    DONE = "da_thuc_hien", _("Đã thực hiện")
    PARTLY = "mot_phan", _("Thực hiện một phần")
    NOT_DONE = "chua_thuc_hien", _("Chưa thực hiện")


class ModelPledge(models.Model):
    """Mô hình, giải pháp a unit registers at the start of the year (seed 001), checked at the year's review:
    carried out or not, with the evidence."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="model_pledges",
                             verbose_name=_("đơn vị"))
    school_year = models.ForeignKey("org.SchoolYear", on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("năm học"))
    title = models.CharField(_("mô hình, giải pháp"), max_length=300)
    description = models.TextField(_("nội dung"), blank=True)
    registered_on = models.DateField(_("ngày đăng ký"))
    result = models.CharField(_("kết quả"), max_length=20, choices=ResultKind.choices, blank=True)
    evidence = models.TextField(_("minh chứng"), blank=True)
    checked_on = models.DateField(_("ngày kiểm tra"), null=True, blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("mô hình, giải pháp đăng ký")
        verbose_name_plural = _("mô hình, giải pháp đăng ký")
        ordering = ["school_year__start_year", "unit__path", "id"]

    def __str__(self) -> str:
        return self.title
