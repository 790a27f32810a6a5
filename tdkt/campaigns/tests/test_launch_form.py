"""/phong-trao/phat-dong/ after one submit (issue 12, item 8): every error at once, each on its
field (the form's own, every wrong line of the targets and milestones, the service's checks), the
chosen file kept ("Đã chọn: …") and used by the next submit, unit groups named in words in the
hint and in the milestone lines, and the error note naming the button the page has."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.core.uploads import blank_pdf

from ..models import Campaign, CampaignDocument

PDF = blank_pdf()
URL = reverse("campaigns:campaign_create")


def _errors(response) -> dict[str, list[str]]:
    return {k: [str(e) for e in v] for k, v in response.context["form"].errors.items()}


def _post(client, data, **files):
    return client.post(URL, {**data, **files})


def test_four_errors_show_after_one_submit(w, client):
    client.force_login(w.users.office_officer)
    before = (Campaign.objects.count(), AuditEvent.objects.count())
    response = _post(client, {
        "unit": w.phong.pk, "name": "", "kind": "thuong_xuyen",
        "period_start": "2025-10-01", "period_end": "2025-09-01",  # ends before it starts
        "targets": "Tỷ lệ LĐTT; tám mươi; %\nKhông có giá trị",  # two wrong lines
        "milestones": "Sơ kết; 31/02/2026",  # no such day
    })
    assert response.status_code == 200
    errors = _errors(response)
    assert set(errors) >= {"name", "period_end", "targets", "milestones"}, errors
    assert len(errors["targets"]) == 2 and "Dòng 1" in errors["targets"][0] and "Dòng 2" in errors["targets"][1]
    html = response.content.decode()
    assert len(re.findall(r'<ul class="errorlist" data-field="', html)) >= 4
    assert (Campaign.objects.count(), AuditEvent.objects.count()) == before


def test_the_services_checks_show_beside_the_forms_own(w, client):
    client.force_login(w.users.office_officer)
    # The form refuses the missing unit; the service, in the same submit, the missing year and the
    # document that is not a PDF.
    response = _post(client, {"name": "Dạy tốt", "kind": "thuong_xuyen"},
                     document=SimpleUploadedFile("bang.xlsx", b"not a document"))
    errors = _errors(response)
    assert set(errors) >= {"unit", "school_year", "document"}, errors
    assert "Đã chọn" not in response.content.decode()  # a refused file is not kept


def test_a_chosen_file_is_kept_across_a_refused_submit(w, client):
    client.force_login(w.users.office_officer)
    data = {"unit": w.phong.pk, "name": "", "kind": "thuong_xuyen", "school_year": w.year.pk}
    response = _post(client, data, document=SimpleUploadedFile("ke-hoach.pdf", PDF, "application/pdf"))
    assert set(_errors(response)) == {"name"}
    html = response.content.decode()
    assert "Đã chọn: ke-hoach.pdf" in html
    token = re.search(r'name="document__kept" value="([^"]+)"', html).group(1)

    # Another user cannot use the token.
    other = client.__class__()
    other.force_login(w.users.officer_a)
    response = other.post(URL, {**data, "unit": w.school_a.pk, "name": "Của trường A", "document__kept": token})
    assert response.status_code == 302
    assert not CampaignDocument.objects.filter(campaign__name="Của trường A").exists()

    response = client.post(URL, {**data, "name": "Dạy tốt – Học tốt", "document__kept": token})
    assert response.status_code == 302, _errors(response)
    doc = CampaignDocument.objects.get(campaign__name="Dạy tốt – Học tốt")
    assert (doc.original_name, doc.file_kind) == ("ke-hoach.pdf", "pdf")
    with doc.file.open("rb") as f:
        assert f.read() == PDF
    assert client.session.get("kept_uploads") == {}


def test_unit_groups_in_words_and_the_button_the_note_names(w, client):
    client.force_login(w.users.office_officer)
    html = client.get(URL).content.decode()
    assert "school, education_authority" not in html and "cơ sở giáo dục" in html
    response = _post(client, {"unit": w.phong.pk, "name": "Dạy tốt", "kind": "thuong_xuyen",
                              "school_year": w.year.pk,
                              "milestones": "Nộp đăng ký; 27/10/2025; Cơ sở giáo dục, co quan quan ly giao duc\n"
                                            "Sơ kết; 26/01/2026; trường"})
    errors = _errors(response)
    assert "«trường» không có" in errors["milestones"][0]
    assert "education_authority" not in errors["milestones"][0]
    html = response.content.decode()
    button = re.search(r'<button class="btn btn-primary" type="submit">([^<]+)</button>', html).group(1)
    assert f"bấm «{button}»" in html
    response = _post(client, {"unit": w.phong.pk, "name": "Dạy tốt", "kind": "thuong_xuyen",
                              "school_year": w.year.pk,
                              "milestones": "Nộp đăng ký; 27/10/2025; Cơ sở giáo dục, co quan quan ly giao duc"})
    assert response.status_code == 302
    ms = Campaign.objects.get(name="Dạy tốt").milestones.get()
    assert ms.categories == ["school", "education_authority"]
    assert "Đã phát động phong trào «Dạy tốt»" in client.get(response["Location"]).content.decode()
