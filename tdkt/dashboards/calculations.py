"""Pure functions of the dashboards: rates and server-drawn SVG bar charts.

No ORM here. Charts are plain SVG text built from numbers and labels, so the page
prints, works on offline office networks (no chart library, no CDN) and is tested
as text. Every label is escaped: unit names come from users.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from html import escape

from django.utils.translation import gettext_lazy as _

PERCENT_STEP = Decimal("0.1")


def rate(numerator: int, denominator: int) -> Decimal | None:
    """``numerator`` as a percentage of ``denominator``, one decimal, half up; None
    when there is nothing to divide by (a rate of an empty unit is not 0%)."""
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(PERCENT_STEP, rounding=ROUND_HALF_UP)


def percent_label(value: Decimal | None) -> str:
    """"62,5%" with the Vietnamese decimal comma; "50%" without a trailing ",0"; "—" for no rate."""
    if value is None:
        return "—"
    return format(value.normalize(), "f").replace(".", ",") + "%"


def number_label(value: int | float | Decimal) -> str:
    """1234567 → "1.234.567"; 12.5 → "12,5" (Vietnamese separators)."""
    if isinstance(value, Decimal | float) and value != int(value):
        whole, _, frac = f"{Decimal(str(value)).normalize():f}".partition(".")
        return f"{int(whole):,}".replace(",", ".") + "," + frac
    return f"{int(value):,}".replace(",", ".")


# --------------------------------------------------------------------------- SVG

PALETTE = ("#0d6efd", "#198754", "#fd7e14", "#6f42c1", "#d63384", "#20c997")
FONT = "Times New Roman, Liberation Serif, serif"


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bar_chart_svg(*, title: str, categories: Sequence[str], series: Sequence[tuple[str, Sequence]],
                  percent: bool = False, width: int = 760, label_chars: int = 34,
                  empty_text: str = "Chưa có số liệu") -> str:
    """A horizontal bar chart (one group of bars per category, one bar per series) as SVG.

    ``series``: ``[(name, values)]`` with one value per category (None = no value, drawn as
    "—"). ``percent`` scales the axis to 100 and prints values as "62,5%". Horizontal bars
    leave room for long Vietnamese labels ("Trường Tiểu học Đinh Tiên Hoàng")."""
    n_series = max(len(series), 1)
    bar_h, gap, group_gap = 14, 2, 10
    label_w, value_w, top, left_pad = int(label_chars * 6.2) + 6, 70, 36, 6
    legend_h = 22 if len(series) > 1 else 0
    group_h = n_series * (bar_h + gap) - gap
    height = top + legend_h + max(len(categories), 1) * (group_h + group_gap) + 8
    plot_w = max(width - label_w - value_w - left_pad, 60)
    values = [v for _, vals in series for v in vals if v is not None]
    scale_max = Decimal(100) if percent else Decimal(max(values, default=0) or 1)
    if percent and values and max(values) > 100:
        scale_max = Decimal(max(values))

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="tdkt-chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}" font-family="{FONT}" font-size="12">',
        f"<title>{escape(title)}</title>",
        f'<text x="{left_pad}" y="18" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    if not categories or not values:
        out.append(f'<text x="{left_pad}" y="{top + 14}" fill="#6c757d">{escape(empty_text)}</text>')
        out.append("</svg>")
        return "".join(out)
    if legend_h:
        x = left_pad
        for i, (name, _) in enumerate(series):
            color = PALETTE[i % len(PALETTE)]
            out.append(f'<rect x="{x}" y="{top - 2}" width="12" height="12" fill="{color}"/>')
            out.append(f'<text x="{x + 16}" y="{top + 8}">{escape(name)}</text>')
            x += 16 + 7 * len(name) + 18
    y = top + legend_h
    for c, category in enumerate(categories):
        label_y = y + group_h / 2 + 4
        out.append(f'<text x="{left_pad}" y="{label_y:g}">{escape(_fit(category, label_chars))}'
                   f"<title>{escape(category)}</title></text>")
        for s, (_name, vals) in enumerate(series):
            value = vals[c] if c < len(vals) else None
            by = y + s * (bar_h + gap)
            x0 = left_pad + label_w
            if value is None:
                out.append(f'<text x="{x0 + 4}" y="{by + bar_h - 3}" fill="#6c757d">—</text>')
                continue
            w = float(Decimal(value) / scale_max * plot_w) if scale_max else 0.0
            color = PALETTE[s % len(PALETTE)]
            text = percent_label(Decimal(value)) if percent else number_label(value)
            out.append(f'<rect x="{x0}" y="{by}" width="{max(w, 0):.1f}" height="{bar_h}" fill="{color}"/>')
            out.append(f'<text x="{x0 + w + 4:.1f}" y="{by + bar_h - 3}">{escape(text)}</text>')
        y += group_h + group_gap
    out.append("</svg>")
    return "".join(out)


# --------------------------------------------------------------------------- look-up ranking

# How a look-up result matched, best first (the order of the results).
MATCH_EXACT, MATCH_WORDS, MATCH_PREFIX, MATCH_PARTIAL = 0, 1, 2, 3

# Why a result is listed, shown beside it so a reader sees at once that "Nguyễn Văn Bảo" came
# only because "an" is inside "Văn".
MATCH_REASONS = {
    MATCH_EXACT: _("Trùng khớp toàn bộ họ tên"),
    MATCH_WORDS: _("Có đủ các từ đã gõ"),
    MATCH_PREFIX: _("Có các từ bắt đầu bằng chữ đã gõ"),
    MATCH_PARTIAL: _("Chỉ khớp một phần trong từ"),
}


def match_rank(words: Sequence[str], terms: Sequence[str]) -> int | None:
    """How the folded ``words`` of a name match the folded ``terms`` of a query: MATCH_EXACT (the same
    words, in order), MATCH_WORDS (every term is a whole word of the name), MATCH_PREFIX (every term
    begins a word), MATCH_PARTIAL (every term is somewhere inside the name), None (no match).
    "nguyen van an" is exact for Nguyễn Văn An, a prefix for Nguyễn Văn Anh and only partial for
    Nguyễn Văn Bảo ("an" inside "van")."""
    if not terms:
        return None
    if list(words) == list(terms):
        return MATCH_EXACT
    if all(t in words for t in terms):
        return MATCH_WORDS
    if all(any(w.startswith(t) for w in words) for t in terms):
        return MATCH_PREFIX
    text = " ".join(words)
    if all(t in text for t in terms):
        return MATCH_PARTIAL
    return None
