"""On the demo: the ward's TĐKT officer opens a file that Đinh Tiên Hoàng sent with its proposal;
another school's officer, given the same link, is refused."""

import pytest

from .conftest import as_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_ward_downloads_a_school_dossier_file_and_another_school_cannot(page, demo, tmp_path):
    from tdkt.awards.models import Proposal

    proposal = (Proposal.objects.filter(unit__name__contains="Đinh Tiên Hoàng", files__isnull=False,
                                        submitted_at__isnull=False).order_by("pk").first())
    assert proposal is not None
    f = proposal.files.order_by("pk").first()

    as_user(page, "tdkt.saigon")
    page.goto(page.base_url + f"/khen-thuong/de-nghi/{proposal.pk}/")
    link = page.locator("[data-testid=dossier-files] a", has_text=f.filename).first
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == f.filename
    saved = tmp_path / f.filename
    download.save_as(saved)
    assert saved.read_bytes() == bytes(f.content) and saved.read_bytes().startswith(b"%PDF-")

    url = page.base_url + f"/khen-thuong/de-nghi/{proposal.pk}/tai-lieu/{f.pk}/"
    as_user(page, "tdkt.nbk")
    response = page.request.get(url)
    assert response.status == 403 and not response.body().startswith(b"%PDF")
