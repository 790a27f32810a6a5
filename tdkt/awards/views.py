"""Pages: thin — check the object's unit, call a service or selector, render.

A service's refusal comes back as a red message; nothing is written."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from tdkt.accounts.permissions import Perm
from tdkt.core.exceptions import DomainValidationError
from tdkt.core.forms import add_domain_errors, run_action
from tdkt.core.i18n import translated_columns
from tdkt.core.xlsx import ListExport, XlsxColumn, wants_xlsx, xlsx_stream_response
from tdkt.org.models import Unit

from . import documents, forms, jobs, selectors, services
from .choices import DocKind, ItemStatus, ProposalStatus
from .downloads import dossier_file_response
from .models import Decision, DecisionItem, DossierFile, Proposal, ProposalItem, Round

# Marked here, translated where raised.
REFUSED = gettext_noop("Bạn không có quyền với hồ sơ khen thưởng này.")


def _proposal(request, pk) -> Proposal:
    p = get_object_or_404(Proposal.objects.select_related("unit", "to_unit", "round", "specialist"), pk=pk)
    if not selectors.can_view_proposal(request.user, p):
        raise PermissionDenied(_(REFUSED))
    return p


def _decision(request, pk) -> Decision:
    d = get_object_or_404(Decision.objects.select_related("issuer"), pk=pk)
    if not selectors.can_view_decision(request.user, d):
        raise PermissionDenied(_(REFUSED))
    return d


def _run(request, fn, **kwargs):
    """Call a service as the user; a refusal becomes a message (validation) or a 403 (permission)."""
    return run_action(request, lambda: fn(actor=request.user, **kwargs))


# Titles marked here, translated per export (tdkt.core.i18n.translated_columns).
PROPOSAL_COLUMNS = [
    XlsxColumn(gettext_noop("STT"), "int", 6), XlsxColumn(gettext_noop("Trích yếu"), "text", 50),
    XlsxColumn(gettext_noop("Đợt khen thưởng"), "text", 36), XlsxColumn(gettext_noop("Năm học"), "text", 11),
    XlsxColumn(gettext_noop("Đơn vị đề nghị"), "text", 36), XlsxColumn(gettext_noop("Gửi đến"), "text", 36),
    XlsxColumn(gettext_noop("Trạng thái"), "text", 20), XlsxColumn(gettext_noop("Nộp muộn"), "text", 9),
    XlsxColumn(gettext_noop("Ngày gửi"), "date"), XlsxColumn(gettext_noop("Ngày lập"), "date"),
    XlsxColumn(gettext_noop("Số dòng đề nghị"), "int", 10),
    XlsxColumn(gettext_noop("Số dòng được chấp nhận"), "int", 12),
    XlsxColumn(gettext_noop("Số dòng đã khen"), "int", 10)]


def proposal_list(request):
    if request.GET.get("xuat") == "xlsx":
        return _proposals_xlsx(request)
    from tdkt.accounts.access import has_perm_anywhere

    proposals = selectors.proposals_visible_to(request.user).order_by("-created_at")[:200]
    # Only those who prepare proposals see the buttons that would otherwise answer 403.
    return render(request, "awards/proposal_list.html", {
        "proposals": proposals, "can_prepare": has_perm_anywhere(request.user, Perm.PREPARE_PROPOSALS)})


def _local_date(moment):
    return timezone.localdate(moment) if moment else None


def _proposals_xlsx(request):
    """Every proposal the page would list (the page shows the latest 200), newest first."""
    qs = selectors.proposals_for_export(request.user)
    yes = _("Có")
    rows = ((n, p.title, p.round.name, str(p.round.school_year), p.unit.name, p.to_unit.name,
             p.get_status_display(), yes if p.late else "", _local_date(p.submitted_at), _local_date(p.created_at),
             p.n_items, p.n_accepted, p.n_decided) for n, p in enumerate(qs.iterator(chunk_size=2000), start=1))
    return xlsx_stream_response(f"de-nghi-khen-thuong-{timezone.localdate():%Y%m%d}.xlsx",
                                translated_columns(PROPOSAL_COLUMNS), rows, title=_("Đề nghị khen thưởng"))


def _signature_statuses(files) -> None:
    """Each uploaded PDF's digital signatures (tdkt.signatures), checked when the page is shown."""
    from tdkt.signatures.services import signature_status

    pdfs = [f.pk for f in files if f.file_format == "pdf"]
    contents = dict(DossierFile.objects.filter(pk__in=pdfs).values_list("pk", "content"))
    for f in files:
        if f.pk in contents:
            f.signature = signature_status(bytes(contents[f.pk]))


def proposal_detail(request, pk: int):
    p = _proposal(request, pk)
    ctx = selectors.proposal_page(p, request.user)
    ctx["doc_kinds"] = DocKind.choices
    _signature_statuses(ctx["files"])
    return render(request, "awards/proposal_detail.html", ctx)


@require_POST
def proposal_action(request, pk: int):
    p = _proposal(request, pk)
    done = _run(request, services.proposal_transition, proposal=p, action=request.POST.get("action", ""),
                expected_version=request.POST.get("version") or None, reason=request.POST.get("reason", ""))
    if done is not None:
        messages.success(request, _("Đề nghị chuyển sang «%(status)s».") % {"status": done.get_status_display()})
    return redirect("awards:proposal_detail", pk=p.pk)


@require_POST
def item_review(request, pk: int):
    item = get_object_or_404(ProposalItem.objects.select_related("proposal"), pk=pk)
    p = _proposal(request, item.proposal_id)
    done = _run(request, services.item_review, item=item, accept=request.POST.get("accept") == "1",
                note=request.POST.get("note", ""), expected_version=request.POST.get("version") or None)
    if done is not None:
        messages.success(request, _("%(subject)s: %(status)s.") % {"subject": item.subject_name,
                                                                      "status": done.get_status_display()})
    return redirect("awards:proposal_detail", pk=p.pk)


@require_POST
def dossier_upload(request, pk: int):
    p = _proposal(request, pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Chọn tệp để tải lên."))
        return redirect("awards:proposal_detail", pk=p.pk)
    item = None
    if request.POST.get("item"):
        item = p.items.filter(pk=request.POST["item"]).first()
    done = _run(request, services.dossier_upload, proposal=p, doc_kind=request.POST.get("doc_kind", ""),
                filename=upload.name, content=upload.read(), item=item,
                expected_version=request.POST.get("version") or None)
    if done is not None:
        messages.success(request, _("Đã tải lên «%(file)s».") % {"file": done.filename})
    return redirect("awards:proposal_detail", pk=p.pk)


def dossier_file(request, pk: int, file_pk: int):
    """One file of a proposal's dossier, for whoever may see the proposal (the sending unit, the
    units above it and the unit it was sent to: selectors.proposals_visible_to); anyone else gets
    the 403 page, as for the proposal itself."""
    p = _proposal(request, pk)
    return dossier_file_response(get_object_or_404(p.files.all(), pk=file_pk))


# Titles marked here, translated per export (tdkt.core.i18n.translated_columns).
DECISION_ITEMS = ListExport(
    "danh-sach-khen-thuong", gettext_noop("Danh sách khen thưởng"),
    [XlsxColumn(gettext_noop("Cá nhân / tập thể"), "text", 32), XlsxColumn(gettext_noop("Đơn vị"), "text", 36),
     XlsxColumn(gettext_noop("Danh hiệu / hình thức"), "text", 30), XlsxColumn(gettext_noop("Hệ số"), "decimal", 8),
     XlsxColumn(gettext_noop("Tiền thưởng (đồng)"), "money"), XlsxColumn(gettext_noop("Ghi chú"), "text", 30),
     XlsxColumn(gettext_noop("Ngày hủy bỏ"), "date"),
     XlsxColumn(gettext_noop("Số tiền phải thu hồi (đồng)"), "money"),
     XlsxColumn(gettext_noop("Mã xác minh"), "text", 38)],
    lambda i: (i.subject_name, str(documents.item_unit(i) or ""), str(i.award_type), i.coefficient, i.amount,
               i.money_note, i.revoked_on, i.amount_to_recover, str(i.public_code)))


def decision_detail(request, pk: int):
    d = _decision(request, pk)
    if wants_xlsx(request):
        # The list the finance office pays from: one row per line, revoked lines kept and marked.
        items = d.items.select_related("person", "unit", "award_type", "award_record__unit",
                                       "proposal_item__proposal__unit").order_by("order", "id")
        return DECISION_ITEMS.response(
            items, filename=f"danh-sach-khen-thuong-{d.number}-{d.year}.xlsx",
            title=_("Danh sách kèm theo Quyết định số %(number)s") % {"number": d.number_label})
    summary = selectors.decision_summary(d)
    return render(request, "awards/decision_detail.html", {
        "decision": d, "c": documents.decision_context(d), "summary": summary, "items": summary["items"],
        "can_decide": selectors.can_decide(request.user, d), "signed": _signed(d)})


def _file(content: bytes, name: str, mime: str) -> HttpResponse:
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def decision_docx(request, pk: int):
    d = _decision(request, pk)
    return _file(documents.decision_docx(d), f"quyet-dinh-{d.number}-{d.year}.docx",
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def decision_pdf(request, pk: int):
    d = _decision(request, pk)
    return _file(documents.decision_pdf(d), f"quyet-dinh-{d.number}-{d.year}.pdf", "application/pdf")


def _certificates(request, items, *, params: dict, title: str, filename: str, count: int | None = None):
    """The certificates' PDF at once when the batch is small; else a background job and its page."""
    count = items.count() if count is None else count
    if count > jobs.INLINE_MAX_CERTIFICATES:
        job = jobs.certificates_job(actor=request.user, params=params, title=title, count=count)
        messages.info(request, _("%(count)s giấy khen, bằng khen: tệp PDF đang được tạo ở chế độ nền; trang này "
                                 "tự cập nhật và có nút tải về khi xong.") % {"count": count})
        return redirect("documents:job_detail", pk=job.pk)
    pattern = jobs.verify_url_pattern(request)
    pages = documents.certificate_pages(items, lambda i: jobs.verify_url(pattern, i))
    return _file(documents.certificates_pdf(pages), filename, "application/pdf")


def certificates_pdf(request, pk: int):
    d = _decision(request, pk)
    return _certificates(request, jobs.live_items(d), params=jobs.decision_params(
        decision=d, url_pattern=jobs.verify_url_pattern(request)), title=jobs.decision_title(d),
        filename=f"giay-khen-{d.number}-{d.year}.pdf")


def _batch_filters(request):
    """Unit (in the user's reach), round or school year of the certificate batch; None when not chosen."""
    from tdkt.accounts.access import can
    from tdkt.org.models import SchoolYear

    def pick(model, key):
        value = request.GET.get(key) or ""
        return model.objects.filter(pk=value).first() if value.isdigit() else None

    unit = pick(Unit, "don-vi")
    if unit is not None and not can(request.user, Perm.VIEW_PROPOSALS, unit):
        raise PermissionDenied(_("Bạn không có quyền xem khen thưởng của «%(unit)s».") % {"unit": unit})
    return unit, pick(Round, "dot"), pick(SchoolYear, "nam-hoc")


def certificates_batch(request):
    """In giấy khen, bằng khen theo lô: a unit and its subtree, a round or a school year, across decisions."""
    from tdkt.org.models import SchoolYear

    unit, rnd, year = _batch_filters(request)
    if unit is not None and request.GET.get("xuat") == "xlsx":
        return _certificates_xlsx(unit, rnd, year)
    batch = selectors.certificate_batch(unit, round_=rnd, school_year=year) if unit else None
    return render(request, "awards/certificates_batch.html", {
        "unit": unit, "round": rnd, "year": year, "batch": batch, "query": request.GET.urlencode(),
        "inline_max": jobs.INLINE_MAX_CERTIFICATES,
        "units": _units(request.user, Perm.VIEW_PROPOSALS)[:500],
        "rounds": Round.objects.select_related("school_year").order_by("-created_at")[:100],
        "years": SchoolYear.objects.order_by("-start_year")[:20]})


# Titles marked here, translated per export (tdkt.core.i18n.translated_columns).
CERTIFICATE_COLUMNS = [
    XlsxColumn(gettext_noop("STT"), "int", 6), XlsxColumn(gettext_noop("Họ và tên / Tập thể"), "text", 30),
    XlsxColumn(gettext_noop("Đơn vị"), "text", 36),
    XlsxColumn(gettext_noop("Danh hiệu / hình thức khen thưởng"), "text", 30),
    XlsxColumn(gettext_noop("Thành tích"), "text", 40), XlsxColumn(gettext_noop("Quyết định số"), "text", 16),
    XlsxColumn(gettext_noop("Ngày ký"), "date"), XlsxColumn(gettext_noop("Cơ quan ban hành"), "text", 36),
    XlsxColumn(gettext_noop("Hệ số"), "decimal", 8), XlsxColumn(gettext_noop("Tiền thưởng (đồng)"), "money"),
    XlsxColumn(gettext_noop("Mã xác minh"), "text", 38)]


def _certificates_xlsx(unit, rnd, year):
    """The certificates of the batch, one row each, in the order the PDF prints them."""
    qs = selectors.certificate_items_for_export(unit, round_=rnd, school_year=year)
    rows = ((n, i.subject_name, str(documents.item_unit(i) or ""), str(i.award_type), i.achievement,
             i.decision.number_label, i.decision.decision_date, i.decision.issuer.name, i.coefficient, i.amount,
             str(i.public_code)) for n, i in enumerate(qs.iterator(chunk_size=2000), start=1))
    title = _("Giấy khen, bằng khen – %(unit)s") % {"unit": unit.name}
    return xlsx_stream_response(f"giay-khen-{unit.pk}.xlsx", translated_columns(CERTIFICATE_COLUMNS), rows,
                                title=title)


def certificates_batch_pdf(request):
    unit, rnd, year = _batch_filters(request)
    if unit is None:
        messages.error(request, _("Chọn đơn vị để in giấy khen, bằng khen."))
        return redirect("awards:certificates_batch")
    items = selectors.certificate_items(unit, round_=rnd, school_year=year)
    count = items.count()
    if not count:
        messages.error(request, _("Không có khen thưởng nào (còn hiệu lực) để in với lựa chọn này."))
        return redirect(reverse("awards:certificates_batch") + "?" + request.GET.urlencode())
    title = f"Giấy khen, bằng khen của {unit.name} và các đơn vị trực thuộc"
    title += f" – {rnd.name}" if rnd else ""
    title += f" – năm học {year}" if year else ""
    return _certificates(request, items, params=jobs.batch_params(
        unit=unit, round_=rnd, school_year=year, url_pattern=jobs.verify_url_pattern(request)),
        title=title, filename=f"giay-khen-{unit.pk}.pdf", count=count)


# --------------------------------------------------------------------------- public


def verify(request, code=None):
    """Xác minh khen thưởng (công khai): no birth date, no identifier, no money."""
    code = code or request.GET.get("ma", "").strip()
    award = None
    if code:
        try:
            award = selectors.public_award(code)
        except (ValueError, ValidationError):  # a malformed code is simply "not found"
            award = None
    return render(request, "awards/verify.html", {
        "code": code, "award": selectors.public_item(award) if award else None})


def disclosure(request):
    """Công khai danh sách đề nghị và quyết định khen thưởng theo đơn vị, đợt."""
    unit = Unit.objects.filter(pk=request.GET.get("don-vi") or 0).first() if (
        request.GET.get("don-vi") or "").isdigit() else None
    rnd = Round.objects.filter(pk=request.GET.get("dot") or 0).first() if (
        request.GET.get("dot") or "").isdigit() else None
    data = selectors.disclosure(unit, rnd) if unit else None
    return render(request, "awards/disclosure.html", {
        "unit": unit, "round": rnd, "data": data,
        "units": Unit.objects.filter(award_proposals__isnull=False).distinct().select_related("unit_type")
                 .order_by("path")[:500],
        "rounds": Round.objects.order_by("-created_at")[:100]})


# --------------------------------------------------------------------------- forms


def _units(user, perm):
    from tdkt.accounts.access import unit_scope_q

    return Unit.objects.filter(unit_scope_q(user, perm)).select_related("unit_type").order_by("path")


def _form_page(request, form, title, back=None):
    return render(request, "awards/form.html", {"form": form, "title": title, "back": back})


def _submit_form(request, form, fn, **kwargs):
    try:
        return fn(actor=request.user, **kwargs)
    except DomainValidationError as exc:
        add_domain_errors(form, exc)
        return None


def round_create(request):
    # The form offers the user's units; on POST it takes any unit and the service refuses those out of reach (403).
    form = forms.RoundForm(request.POST or None, units=_units(request.user, Perm.PREPARE_PROPOSALS))
    if request.method == "POST" and form.is_valid():
        r = _submit_form(request, form, services.round_create, **form.cleaned_data)
        if r is not None:
            messages.success(request, _("Đã mở đợt «%(name)s».") % {"name": r.name})
            return redirect("awards:proposal_list")
    return _form_page(request, form, _("Mở đợt khen thưởng"))


def proposal_create(request):
    units = _units(request.user, Perm.PREPARE_PROPOSALS)
    # the form offers the user's open rounds and units; the service refuses others posted (403)
    form = forms.ProposalForm(request.POST or None, units=units, rounds=selectors.rounds_open_to(request.user))
    if request.method == "POST" and form.is_valid():
        p = _submit_form(request, form, services.proposal_create, round=form.cleaned_data["round"],
                         unit=form.cleaned_data["unit"], title=form.cleaned_data["title"])
        if p is not None:
            messages.success(request, _("Đã lập đề nghị «%(title)s». Thêm các dòng đề nghị và tải lên hồ sơ, "
                                        "rồi gửi đề nghị.") % {"title": p.title})
            return redirect("awards:proposal_detail", pk=p.pk)
    return _form_page(request, form, _("Lập đề nghị khen thưởng"))


def item_add(request, pk: int):
    p = _proposal(request, pk)
    people, units, achievements = selectors.item_choices(p, request.user)
    form = forms.ItemForm(request.POST or None, people=people, units=units, achievements=achievements,
                          initial={"version": p.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        item = _submit_form(request, form, services.item_add, proposal=p, award_type=data["award_type"],
                            person=data["person"], unit=data["unit"], summary=data["summary"],
                            achievement=data["achievement"], justification=data["justification"],
                            expected_version=data["version"])
        if item is not None:
            messages.success(request, _("Đã thêm %(subject)s.") % {"subject": item.subject_name})
            return redirect("awards:proposal_detail", pk=p.pk)
    return _form_page(request, form, _("Thêm dòng đề nghị – %(title)s") % {"title": p.title},
                      back=reverse("awards:proposal_detail", args=[p.pk]))


def decision_create(request, pk: int):
    from . import bases

    p = _proposal(request, pk)
    issuer, today = p.to_unit, timezone.localdate()
    proposed = "\n".join(bases.proposed_bases(issuer, today, p))
    accepted = list(p.items.filter(status=ItemStatus.ACCEPTED).select_related("proposal", "award_type"))
    form = forms.DecisionForm(
        request.POST or None, signer_titles=bases.signer_title_choices(issuer, today),
        basis_notes=bases.basis_notes(issuer, today), unverified=selectors.unverified_rules(accepted, today),
        initial={"symbol": selectors.decision_symbol(issuer), "decision_date": today, "legal_basis": proposed})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if data["decision_date"] != today and _same_lines(data["legal_basis"], proposed):
            data["legal_basis"] = ""  # the untouched proposal of today: the service cites the texts of that date
        d = _submit_form(request, form, services.decision_issue, issuer=issuer, proposal=p, items=accepted, **data)
        if d is not None:
            messages.success(request, _("Đã ban hành Quyết định số %(number)s.") % {"number": d.number_label})
            return redirect("awards:decision_detail", pk=d.pk)
    return _form_page(request, form, _("Ra quyết định khen thưởng – %(title)s") % {"title": p.title},
                      back=reverse("awards:proposal_detail", args=[p.pk]))


def _same_lines(a: str, b: str) -> bool:
    def lines(text):
        return [line.strip() for line in (text or "").splitlines() if line.strip()]

    return lines(a) == lines(b)


def award_revoke(request, pk: int):
    item = get_object_or_404(DecisionItem.objects.select_related("decision", "decision__issuer"), pk=pk)
    d = _decision(request, item.decision_id)
    form = forms.RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _submit_form(request, form, services.award_revoke, item=item, **form.cleaned_data)
        if done is not None:
            messages.success(request, _("Đã hủy bỏ khen thưởng của %(subject)s.") % {"subject": done.subject_name})
            return redirect("awards:decision_detail", pk=d.pk)
    return _form_page(request, form, _("Hủy bỏ khen thưởng – %(subject)s") % {"subject": item.subject_name},
                      back=reverse("awards:decision_detail", args=[d.pk]))


@require_POST
def proposal_compile(request, pk: int):
    """The receiving level compiles this proposal's accepted items into its own proposal upward."""
    p = _proposal(request, pk)
    parent = Unit.objects.filter(path=p.to_unit.path[:-Unit.steplen]).first() if p.to_unit.depth > 1 else None
    if parent is None:
        messages.error(request, _("Không có cấp trên để trình."))
        return redirect("awards:proposal_detail", pk=p.pk)
    # One compiled dossier upward (seed 003): the accepted items of every reviewed proposal of this round
    # sent to this level, not one dossier per school.
    items = list(ProposalItem.objects.filter(
        status=ItemStatus.ACCEPTED, proposal__round=p.round, proposal__to_unit=p.to_unit,
        proposal__status=ProposalStatus.REVIEWED).select_related("proposal", "proposal__unit", "award_type", "person")
        .order_by("proposal__unit__path", "proposal_id", "order", "id"))
    up = _run(request, services.proposal_compile, round=p.round, unit=p.to_unit, to_unit=parent, items=items)
    if up is None:
        return redirect("awards:proposal_detail", pk=p.pk)
    return redirect("awards:proposal_detail", pk=up.pk)


def _signed(d: Decision):
    from tdkt.signatures.services import signed_document

    return signed_document(services.DECISION_DOCUMENT, d.pk)


def decision_sign(request, pk: int):
    """"Ký số": the decision's PDF signed by the one who may decide over its issuer, then its verification."""
    d = _decision(request, pk)
    done = _run(request, services.decision_sign, decision=d)
    if done is None:
        return redirect("awards:decision_detail", pk=d.pk)
    messages.success(request, _("Đã ký số Quyết định số %(number)s.") % {"number": d.number_label})
    return redirect("awards:decision_verify", pk=d.pk)


def decision_signed_pdf(request, pk: int):
    from django.http import Http404

    d = _decision(request, pk)
    signed = _signed(d)
    if signed is None:
        raise Http404(_("Quyết định này chưa được ký số."))
    return _file(bytes(signed.content), f"quyet-dinh-{d.number}-{d.year}-da-ky.pdf", "application/pdf")


def decision_verify(request, pk: int):
    """Kiểm tra chữ ký số: what pyHanko finds in the signed file against the configured trust roots."""
    from tdkt.signatures.services import verify

    d = _decision(request, pk)
    signed = _signed(d)
    return render(request, "awards/decision_verify.html", {
        "decision": d, "signed": signed, "reports": verify(bytes(signed.content)) if signed else [],
        "can_decide": selectors.can_decide(request.user, d)})
