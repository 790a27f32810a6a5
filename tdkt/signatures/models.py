"""Signing keys and signed documents (issue 20; docs/signatures.md)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class KeyKind(models.TextChoices):
    SIGNER = "signer", _("người có thẩm quyền ký")
    ORGANISATION = "organisation", _("cơ quan, tổ chức (con dấu)")


class SigningKey(models.Model):
    """Where a signer's or an organisation's private key lives: a PKCS#12 file on the server, or a
    PKCS#11 token (the USB tokens Vietnamese CAs issue). The secret that opens it (passphrase, PIN) is
    never stored: ``secret_env`` names the environment variable holding it (empty: no passphrase)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="signing_keys")
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="signing_keys")
    kind = models.CharField(_("loại"), max_length=20, choices=KeyKind.choices)
    p12_path = models.CharField(_("tệp PKCS#12"), max_length=500, blank=True)
    pkcs11_module = models.CharField(_("thư viện PKCS#11"), max_length=500, blank=True)
    pkcs11_token = models.CharField(_("nhãn token PKCS#11"), max_length=200, blank=True)
    key_label = models.CharField(_("nhãn khóa"), max_length=200, blank=True)
    secret_env = models.CharField(_("biến môi trường chứa mật khẩu/PIN"), max_length=100, blank=True)
    subject = models.CharField(_("chủ thể chứng thư"), max_length=500)
    issuer = models.CharField(_("tổ chức cấp chứng thư"), max_length=500)
    valid_from = models.DateTimeField(_("hiệu lực từ"))
    valid_to = models.DateTimeField(_("hiệu lực đến"))
    # The signer's handwritten signature (blue, transparent PNG; NĐ 30/2020 Phụ lục I, mục II.7 điểm d).
    image = models.BinaryField(_("hình chữ ký"), null=True, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("khóa ký số")
        verbose_name_plural = _("khóa ký số")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="signer", user__isnull=False) | models.Q(kind="organisation", unit__isnull=False)),
                name="signing_key_owner"),
            models.CheckConstraint(condition=~models.Q(p12_path="", pkcs11_module=""), name="signing_key_store"),
        ]

    def __str__(self) -> str:
        return self.subject


class SignedDocument(models.Model):
    """The signed PDF of one issued document. One per document: signing locks it, and a correction is a
    new document (with its own number) that is signed in turn, both kept."""

    kind = models.CharField(_("loại văn bản"), max_length=40)  # "award_decision", ...
    object_id = models.PositiveBigIntegerField()
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("văn bản"), max_length=300)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    source_sha256 = models.CharField(max_length=64)
    signed_at = models.DateTimeField(_("thời điểm ký"))
    # "server": the time is this server's clock (no RFC 3161 time-stamping authority configured).
    time_source = models.CharField(max_length=20)
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signer_key = models.ForeignKey(SigningKey, on_delete=models.PROTECT, related_name="+")
    org_key = models.ForeignKey(SigningKey, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("văn bản đã ký số")
        verbose_name_plural = _("văn bản đã ký số")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="signed_document_once")]

    def __str__(self) -> str:
        return self.title
