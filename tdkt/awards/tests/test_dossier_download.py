"""The dossier files a school sends can be opened by the level above that received them, and by no
unrelated unit."""

from django.urls import reverse

from tdkt.awards import services

from .conftest import PDF, advance, make_docx


def _file(aw, name="to-trinh.pdf", content=PDF):
    return services.dossier_upload(actor=aw.w.users.officer_a, proposal=aw.proposal, doc_kind="khac",
                                   filename=name, content=content)


def test_the_office_above_opens_what_the_school_sent(aw, client, council_passes):
    word = make_docx()
    f = _file(aw, "Tờ trình khen thưởng.docx", word)
    advance(aw, "submit", "receive")
    client.force_login(aw.w.users.office_officer)
    page = client.get(reverse("awards:proposal_detail", args=[aw.proposal.pk])).content.decode()
    url = reverse("awards:dossier_file", args=[aw.proposal.pk, f.pk])
    assert f'href="{url}"' in page
    response = client.get(url)
    assert response.status_code == 200 and response.content == word
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''T%E1%BB%9D%20tr%C3%ACnh%20khen%20th%C6%B0%E1%BB%9Fng.docx" in response["Content-Disposition"]


def test_the_sending_school_opens_its_own_pdf(aw, client):
    f = _file(aw)
    client.force_login(aw.w.users.officer_a)
    response = client.get(reverse("awards:dossier_file", args=[aw.proposal.pk, f.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content == PDF


def test_an_unrelated_school_cannot_open_it(aw, client, council_passes):
    f = _file(aw)
    advance(aw, "submit", "receive")
    client.force_login(aw.w.users.officer_b)
    response = client.get(reverse("awards:dossier_file", args=[aw.proposal.pk, f.pk]))
    assert response.status_code == 403 and PDF not in response.content


def test_a_file_of_another_proposal_is_not_served_under_this_one(aw, client):
    other = services.proposal_create(actor=aw.w.users.officer_a, round=aw.round, unit=aw.w.school_a)
    f = services.dossier_upload(actor=aw.w.users.officer_a, proposal=other, doc_kind="khac", filename="x.pdf",
                                content=PDF)
    client.force_login(aw.w.users.officer_a)
    assert client.get(reverse("awards:dossier_file", args=[aw.proposal.pk, f.pk])).status_code == 404


def test_anonymous_is_sent_to_sign_in(aw, client):
    f = _file(aw)
    response = client.get(reverse("awards:dossier_file", args=[aw.proposal.pk, f.pk]))
    assert response.status_code == 302 and response.content == b""


def test_the_api_serves_the_same_file_to_the_office_and_refuses_another_school(aw, client, council_passes):
    f = _file(aw)
    advance(aw, "submit", "receive")
    url = reverse("api:awards_dossier_file", args=[aw.proposal.pk, f.pk])
    client.force_login(aw.w.users.office_officer)
    response = client.get(url)
    assert response.status_code == 200 and response.content == PDF and response["Content-Type"] == "application/pdf"
    client.force_login(aw.w.users.officer_b)
    refused = client.get(url)
    assert refused.status_code == 403 and PDF not in refused.content
