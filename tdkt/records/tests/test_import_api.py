"""The import through the API: upload, read the check, commit; refusals write nothing."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tdkt.records.models import PersonRating

from .helpers import counts
from .kinds import RATINGS, book, rating_row


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_import_through_the_api(rec, media):
    client = _client(rec.officer)
    data = book(RATINGS, [rating_row(), rating_row(year="2024-2025", rating="HTTNV")])
    r = client.post("/api/records/imports/xep-loai", {"file": SimpleUploadedFile("x.xlsx", data)})
    assert r.status_code == 202, r.content
    job = r.json()
    assert job["status"] == "checked" and job["counts"]["new"] == 2 and job["can_commit"]
    assert client.get(f"/api/records/imports/jobs/{job['id']}").json()["total_rows"] == 2
    assert not PersonRating.objects.exists()
    done = client.post(f"/api/records/imports/jobs/{job['id']}/commit")
    assert done.status_code == 202 and done.json()["status"] == "done" and done.json()["summary"]["created"] == 2
    assert PersonRating.objects.filter(person=rec.an).count() == 2
    # another user cannot read or commit it
    other = _client(rec.w.users.office_officer)
    assert other.get(f"/api/records/imports/jobs/{job['id']}").status_code == 404


def test_api_names_row_and_column_and_refuses_commit(rec, media):
    client = _client(rec.officer)
    data = book(RATINGS, [rating_row(rating="Giỏi")])
    refused = client.post("/api/records/imports/xep-loai", {"file": SimpleUploadedFile("x.xlsx", data)})
    assert refused.status_code == 422, refused.content
    job = refused.json()
    assert job["errors"][0]["row"] == 2 and job["errors"][0]["column"] == "Xếp loại"
    assert job["detail"][0]["field"] == "dòng 2, cột «Xếp loại»" and job["status"] == "checked"
    before = counts()
    r = client.post(f"/api/records/imports/jobs/{job['id']}/commit")
    assert r.status_code == 422 and "Không có dòng nào để nhập" in r.json()["detail"][0]["message"]
    assert counts() == before
    bad = client.post("/api/records/imports/xep-loai", {"file": SimpleUploadedFile("x.xlsx", b"PK\x03\x04 no")})
    assert bad.status_code == 422 and bad.json()["status"] == "failed"
    assert "không phải là bảng tính Excel" in bad.json()["detail"][0]["message"]
    assert bad.json()["detail"][0]["field"] == "file"
    assert client.post("/api/records/imports/khong-co",
                       {"file": SimpleUploadedFile("x.xlsx", data)}).status_code == 422
