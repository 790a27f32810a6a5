"""Giấy khen (individual and collective), the yearly ground: completing tasks well."""

from __future__ import annotations

import datetime as dt

from tdkt.eligibility import engine

from .helpers import GIAY_KHEN, GIAY_KHEN_TT, discipline, rate, sy


def test_individual_pass_fail_and_missing(w):
    rate(w.an, 2025, "htt")
    rate(w.binh, 2025, "ht")
    assert engine.evaluate(w.an, GIAY_KHEN, sy(2025)).outcome == "du_dieu_kien"
    assert engine.evaluate(w.binh, GIAY_KHEN, sy(2025)).outcome == "khong_du_dieu_kien"
    assert engine.evaluate(w.cuong, GIAY_KHEN, sy(2025)).outcome == "thieu_thong_tin"


def test_individual_disciplined_fails(w):
    rate(w.an, 2025, "htxs")
    discipline(w.an, "khien_trach", dt.date(2025, 12, 1))
    assert engine.evaluate(w.an, GIAY_KHEN, sy(2025)).outcome == "khong_du_dieu_kien"


def test_collective(w):
    rate(w.school_a, 2025, "htt")
    assert engine.evaluate(w.school_a, GIAY_KHEN_TT, sy(2025)).outcome == "du_dieu_kien"
    assert engine.evaluate(w.school_b, GIAY_KHEN_TT, sy(2025)).outcome == "thieu_thong_tin"
