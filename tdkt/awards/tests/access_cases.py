"""Permission-walk cases of this app (collected by tdkt/accounts/tests/test_permission_map.py).

The objects the cases need are made with the ORM on first use (no audit rows, so the
walk's "nothing changed" snapshot is not disturbed)."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.core.testing import Case
from tdkt.core.uploads import blank_pdf

PDF = blank_pdf()


def fx(w):
    """Draft proposal (A), proposal under review (B), an issued decision (C)."""
    if getattr(w, "_awards", None):
        return w._awards
    from types import SimpleNamespace

    from tdkt.awards.bases import load_decision_bases
    from tdkt.awards.choices import DocKind, ItemStatus, ProposalStatus, RoundKind
    from tdkt.awards.models import Decision, DecisionItem, DossierFile, Proposal, ProposalItem, Round
    from tdkt.awards.reference import load_money_rules
    from tdkt.eligibility.catalogue import load_catalogue
    from tdkt.eligibility.models import AwardType

    load_catalogue()
    load_money_rules()
    from tdkt.awards.tests.pre_reform import district_office_still_decides

    district_office_still_decides()
    load_decision_bases()
    gk = AwardType.objects.get(code="giay-khen")
    rnd = Round.objects.create(unit=w.phong, kind=RoundKind.AD_HOC, name="Khen thưởng đột xuất", school_year=w.year,
                               deadline=dt.date(2099, 1, 1))
    a = Proposal.objects.create(round=rnd, unit=w.school_a, to_unit=w.phong, title="Đề nghị A")
    ProposalItem.objects.create(proposal=a, person=w.an, award_type=gk, summary="Cứu người đuối nước")
    for kind in (DocKind.TO_TRINH, DocKind.BIEN_BAN, DocKind.DANH_SACH):
        DossierFile.objects.create(proposal=a, doc_kind=kind, filename="a.pdf", file_format="pdf", size=len(PDF),
                                   content=PDF)
    b = Proposal.objects.create(round=rnd, unit=w.school_a, to_unit=w.phong, title="Đề nghị B",
                                status=ProposalStatus.UNDER_REVIEW)
    b_item = ProposalItem.objects.create(proposal=b, person=w.an, award_type=gk, summary="Thành tích B")
    c_item = ProposalItem.objects.create(proposal=b, person=w.an, award_type=gk, summary="Thành tích C",
                                         status=ItemStatus.DECIDED)
    d = Decision.objects.create(issuer=w.phong, number=7, year=2026, decision_date=dt.date(2026, 6, 20),
                                title="Về việc khen thưởng", signer_name="Võ Cao Long", signer_title="Trưởng phòng",
                                proposal=b, round=rnd, base_salary=2340000, rounding_step=10000, total=710000)
    DecisionItem.objects.create(decision=d, proposal_item=c_item, person=w.an, award_type=gk,
                                achievement="Thành tích C", coefficient="0.3", amount=710000)
    e = Proposal.objects.create(round=rnd, unit=w.school_a, to_unit=w.phong, title="Đề nghị E",
                                status=ProposalStatus.REVIEWED)
    ProposalItem.objects.create(proposal=e, person=w.an, award_type=gk, summary="Thành tích E",
                                status=ItemStatus.ACCEPTED)
    w._awards = SimpleNamespace(a=a, b=b, b_item=b_item, d=d, e=e, round=rnd, gk=gk,
                                d_item=d.items.get())
    return w._awards


def _version(p):
    p.refresh_from_db()
    return p.version


def _upload(w):
    return {"doc_kind": "khac", "file": SimpleUploadedFile("them.pdf", PDF, content_type="application/pdf"),
            "version": _version(fx(w).a)}


A = lambda name: (lambda w: reverse(name, args=[fx(w).a.pk]))  # noqa: E731
D = lambda name: (lambda w: reverse(name, args=[fx(w).d.pk]))  # noqa: E731

E = lambda name: (lambda w: reverse(name, args=[fx(w).e.pk]))  # noqa: E731
REVOKE = lambda w: reverse("awards:award_revoke", args=[fx(w).d_item.pk])  # noqa: E731


def _round_form(w):
    return {"unit": w.school_a.pk, "kind": "chuyen_de", "name": "Chuyên đề Dạy tốt", "school_year": w.year.pk,
            "deadline": "2026-05-28", "late_policy": "danh_dau"}


def _job_url(route):
    """A finished certificate job of officer_a, made with the ORM (no audit row)."""

    def url(w):
        from tdkt.documents.models import DocumentJob

        job, _ = DocumentJob.objects.get_or_create(
            kind="awards.certificates", user=w.users.officer_a,
            defaults={"status": DocumentJob.Status.DONE, "content": PDF, "size": len(PDF), "filename": "gk.pdf",
                      "content_type": "application/pdf", "params": {"unit": w.school_a.pk}, "total": 1, "done": 1})
        return reverse(route, args=[job.pk])

    return url


CASES = [
    Case("awards:round_create", "get", lambda w: reverse("awards:round_create"), other_unit=None),
    Case("awards:round_create", "post", lambda w: reverse("awards:round_create"), data=_round_form,
         allowed_status=(302,)),
    Case("awards:proposal_create", "get", lambda w: reverse("awards:proposal_create"), other_unit=None),
    Case("awards:proposal_create", "post", lambda w: reverse("awards:proposal_create"), allowed_status=(302,),
         data=lambda w: {"round": fx(w).round.pk, "unit": w.school_a.pk, "title": "Đề nghị mới"}),
    Case("awards:item_add", "get", A("awards:item_add")),
    Case("awards:item_add", "post", A("awards:item_add"), allowed_status=(302,),
         data=lambda w: {"award_type": fx(w).gk.pk, "person": w.binh.pk, "summary": "Hoàn thành xuất sắc",
                         "version": _version(fx(w).a)}),
    Case("awards:proposal_compile", "post", E("awards:proposal_compile"), allowed="office_officer",
         wrong_role="specialist_th", allowed_status=(302,)),
    Case("awards:decision_create", "get", E("awards:decision_create"), allowed="admin", other_unit=None,
         wrong_role="office_officer"),
    Case("awards:decision_create", "post", E("awards:decision_create"), allowed="admin", other_unit="head_a",
         wrong_role="office_officer", allowed_status=(302,),
         data=lambda w: {"symbol": "QĐ-UBND", "decision_date": "2026-06-20", "signer_name": "Võ Cao Long",
                         "signer_title": "Trưởng phòng"}),
    Case("awards:award_revoke", "get", REVOKE, allowed="admin", other_unit=None, wrong_role="office_officer"),
    Case("awards:award_revoke", "post", REVOKE, allowed="admin", other_unit="head_a", wrong_role="office_officer",
         allowed_status=(302,),
         data=lambda w: {"reason": "Sai thành tích", "revocation_decision": "45/QĐ-UBND", "revoked_on": "2026-09-01"}),
    Case("awards:proposal_list", "get", lambda w: reverse("awards:proposal_list"), other_unit=None,
         wrong_role="staff_a"),
    Case("awards:proposal_detail", "get", A("awards:proposal_detail"), wrong_role="staff_a",
         extra_refused=["specialist_mn"]),
    Case("awards:proposal_action", "post", A("awards:proposal_action"), allowed_status=(302,),
         data=lambda w: {"action": "submit", "version": _version(fx(w).a)}),
    Case("awards:dossier_upload", "post", A("awards:dossier_upload"), allowed_status=(302,), data=_upload),
    Case("awards:dossier_file", "get", lambda w: reverse("awards:dossier_file",
                                                         args=[fx(w).a.pk, fx(w).a.files.order_by("pk")[0].pk]),
         wrong_role="staff_a", extra_refused=["specialist_mn"]),
    Case("awards:item_review", "post", lambda w: reverse("awards:item_review", args=[fx(w).b_item.pk]),
         allowed="specialist_th", other_unit="specialist_mn", wrong_role="officer_a", allowed_status=(302,),
         data=lambda w: {"accept": "1", "version": _version(fx(w).b)}),
    Case("awards:decision_detail", "get", D("awards:decision_detail"), allowed="office_officer",
         wrong_role="staff_a"),
    Case("awards:decision_docx", "get", D("awards:decision_docx"), allowed="office_officer", wrong_role="staff_a"),
    Case("awards:decision_pdf", "get", D("awards:decision_pdf"), allowed="office_officer", wrong_role="staff_a"),
    # The world's users hold no signing key: the allowed one passes the route's guard and the service
    # refuses with a message (302 back to the decision), writing nothing, hence writes=False. The real
    # signing, and its refusals, are in tdkt/awards/tests/test_signing.py.
    Case("awards:decision_sign", "post", D("awards:decision_sign"), allowed="admin", other_unit="head_a",
         wrong_role="office_officer", allowed_status=(302,), writes=False),
    # Not signed yet: 404 for one who may see the decision; the route's guard is the same as its PDF's.
    Case("awards:decision_signed_pdf", "get", D("awards:decision_signed_pdf"), allowed="office_officer",
         allowed_status=(404,), wrong_role="staff_a"),
    Case("awards:decision_verify", "get", D("awards:decision_verify"), allowed="office_officer",
         wrong_role="staff_a"),
    Case("awards:certificates_pdf", "get", D("awards:certificates_pdf"), allowed="office_officer",
         wrong_role="staff_a"),
    Case("awards:certificates_batch", "get",
         lambda w: reverse("awards:certificates_batch") + f"?don-vi={w.school_a.pk}&nam-hoc={w.year.pk}",
         wrong_role="staff_a"),
    Case("awards:certificates_batch_pdf", "get",
         lambda w: (fx(w), reverse("awards:certificates_batch_pdf") + f"?don-vi={w.school_a.pk}")[1],
         wrong_role="staff_a"),
    # Background documents (tdkt/documents jobs; their first kind is this app's certificate batch). The job
    # is officer_a's: head_a of the same school holds VIEW_DOCUMENTS and gets 404 from the view (tested in
    # tdkt/documents/tests/test_jobs.py); staff lack VIEW_DOCUMENTS.
    *[Case(f"documents:{name}", "get", _job_url(f"documents:{name}"), other_unit=None, wrong_role="staff_a")
      for name in ("job_detail", "job_progress", "job_download")],
    Case("documents:job_list", "get", lambda w: reverse("documents:job_list"), other_unit=None,
         wrong_role="staff_a"),
    *[Case(f"api:{name}", "get", _job_url(f"api:{name}"), other_unit=None, wrong_role="staff_a",
           anon_status=(401,)) for name in ("document_job", "document_job_file")],
    # API
    Case("api:awards_proposal_list", "get", lambda w: reverse("api:awards_proposal_list"), other_unit=None,
         wrong_role="staff_a", anon_status=(401,)),
    Case("api:awards_proposal_detail", "get", A("api:awards_proposal_detail"), wrong_role="staff_a",
         anon_status=(401,)),
    Case("api:awards_proposal_action", "post", A("api:awards_proposal_action"), json_body=True, anon_status=(401,),
         data=lambda w: {"action": "submit", "version": _version(fx(w).a)}),
    Case("api:awards_round_list", "get", lambda w: reverse("api:awards_round_list"), other_unit=None,
         wrong_role="staff_a", anon_status=(401,)),
    Case("api:awards_round_list", "post", lambda w: reverse("api:awards_round_list"), json_body=True,
         anon_status=(401,), allowed_status=(201,),
         data=lambda w: {"unit": w.school_a.pk, "kind": "chuyen_de", "name": "Chuyên đề Dạy tốt",
                         "school_year": w.year.start_year, "deadline": "2026-05-28"}),
    Case("api:awards_proposal_list", "post", lambda w: reverse("api:awards_proposal_list"), json_body=True,
         anon_status=(401,), allowed_status=(201,),
         data=lambda w: {"round": fx(w).round.pk, "unit": w.school_a.pk, "title": "Đề nghị mới"}),
    Case("api:awards_item_add", "post", A("api:awards_item_add"), json_body=True, anon_status=(401,),
         allowed_status=(201,),
         data=lambda w: {"award_type": fx(w).gk.code, "person": w.binh.pk, "summary": "Hoàn thành xuất sắc",
                         "version": _version(fx(w).a)}),
    Case("api:awards_dossier_upload", "post", A("api:awards_dossier_upload"), anon_status=(401,),
         allowed_status=(201,), data=_upload),
    Case("api:awards_dossier_file", "get", lambda w: reverse("api:awards_dossier_file",
                                                             args=[fx(w).a.pk, fx(w).a.files.order_by("pk")[0].pk]),
         anon_status=(401,), wrong_role="staff_a", extra_refused=["specialist_mn"]),
    Case("api:awards_item_review", "post", lambda w: reverse("api:awards_item_review", args=[fx(w).b_item.pk]),
         json_body=True, allowed="specialist_th", other_unit="specialist_mn", wrong_role="officer_a",
         anon_status=(401,), data=lambda w: {"accept": True, "version": _version(fx(w).b)}),
    Case("api:awards_decision_list", "get", lambda w: reverse("api:awards_decision_list"), other_unit=None,
         allowed="office_officer", wrong_role="staff_a", anon_status=(401,)),
    Case("api:awards_decision_detail", "get", D("api:awards_decision_detail"), allowed="office_officer",
         wrong_role="staff_a", anon_status=(401,)),
    Case("api:awards_decision_docx", "get", D("api:awards_decision_docx"), allowed="office_officer",
         wrong_role="staff_a", anon_status=(401,)),
    Case("api:awards_decision_pdf", "get", D("api:awards_decision_pdf"), allowed="office_officer",
         wrong_role="staff_a", anon_status=(401,)),
    Case("api:awards_certificates_pdf", "get", D("api:awards_certificates_pdf"), allowed="office_officer",
         wrong_role="staff_a", anon_status=(401,)),
    Case("api:awards_decision_issue", "post", lambda w: reverse("api:awards_decision_issue"), json_body=True,
         allowed="admin", other_unit="head_a", wrong_role="office_officer", anon_status=(401,),
         allowed_status=(201,),
         data=lambda w: {"proposal": fx(w).e.pk, "decision_date": "2026-06-20", "signer_name": "Võ Cao Long",
                         "signer_title": "Trưởng phòng"}),
    Case("api:awards_award_revoke", "post", lambda w: reverse("api:awards_award_revoke", args=[fx(w).d_item.pk]),
         json_body=True, allowed="admin", other_unit="head_a", wrong_role="office_officer", anon_status=(401,),
         data=lambda w: {"reason": "Sai thành tích", "revocation_decision": "45/QĐ-UBND",
                         "revoked_on": "2026-09-01"}),
]
