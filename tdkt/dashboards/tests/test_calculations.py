"""The pure functions: rates, labels and the SVG bar charts."""

import xml.etree.ElementTree as ET
from decimal import Decimal

from tdkt.dashboards.calculations import bar_chart_svg, number_label, percent_label, rate

SVG = "{http://www.w3.org/2000/svg}"


def test_rate_rounds_half_up_to_one_decimal_and_refuses_empty_denominators():
    assert rate(1, 3) == Decimal("33.3")
    assert rate(2, 3) == Decimal("66.7")
    assert rate(1, 8) == Decimal("12.5")
    assert rate(3, 5) == Decimal("60.0")
    assert rate(0, 4) == Decimal("0.0")
    assert rate(0, 0) is None


def test_labels_use_vietnamese_separators():
    assert percent_label(Decimal("62.5")) == "62,5%"
    assert percent_label(Decimal("60.0")) == "60%"
    assert percent_label(Decimal("0.0")) == "0%"
    assert percent_label(None) == "—"
    assert number_label(1234567) == "1.234.567"
    assert number_label(Decimal("12.5")) == "12,5"


def _parse(svg: str):
    return ET.fromstring(svg)


def test_bar_chart_draws_one_bar_per_value_scaled_to_the_largest():
    svg = bar_chart_svg(title="Đăng ký theo danh hiệu", categories=["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"],
                        series=[("Đăng ký", [40, 10])], width=600)
    root = _parse(svg)
    assert root.find(f"{SVG}title").text == "Đăng ký theo danh hiệu"
    bars = root.findall(f"{SVG}rect")
    assert len(bars) == 2
    widths = [float(b.get("width")) for b in bars]
    assert widths[0] == 4 * widths[1]
    texts = [t.text for t in root.iter(f"{SVG}text") if t.text]
    assert "Lao động tiên tiến" in texts and "40" in texts and "10" in texts


def test_grouped_percent_chart_has_a_legend_and_percent_labels():
    svg = bar_chart_svg(title="Tỷ lệ", categories=["Trường A", "Trường B"], percent=True,
                        series=[("Đăng ký LĐTT", [Decimal("100"), Decimal("50")]),
                                ("Đạt LĐTT", [Decimal("62.5"), None])])
    root = _parse(svg)
    texts = [t.text for t in root.iter(f"{SVG}text") if t.text]
    assert "Đăng ký LĐTT" in texts and "Đạt LĐTT" in texts  # legend
    assert "62,5%" in texts and "100%" in texts and "—" in texts
    # 3 values drawn + 2 legend swatches; the missing value has no bar.
    assert len(root.findall(f"{SVG}rect")) == 5
    full = [float(r.get("width")) for r in root.findall(f"{SVG}rect") if r.get("height") != "12"]
    assert full[0] == 2 * full[2]  # A's 100% is twice B's 50% on a 0–100 axis
    assert full[1] == full[0] * 0.625


def test_chart_escapes_labels_and_shortens_long_ones():
    name = "Trường <b>THCS</b> & " + "Lê Lợi " * 10
    svg = bar_chart_svg(title="A & B", categories=[name], series=[("x", [1])], label_chars=20)
    assert "<b>" not in svg and "&lt;b&gt;" in svg and "A &amp; B" in svg
    root = _parse(svg)
    label = [t for t in root.iter(f"{SVG}text") if t.text and t.text.startswith("Trường")][0]
    assert len(label.text) <= 20 and label.text.endswith("…")
    assert label.find(f"{SVG}title").text == name  # the full name on hover


def test_empty_chart_says_so():
    svg = bar_chart_svg(title="Tỷ lệ", categories=[], series=[("x", [])])
    assert "Chưa có số liệu" in svg and "<rect" not in svg
    _parse(svg)
