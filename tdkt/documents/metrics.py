"""Text widths, to size the short rules of the header (ND 30: the rule under the
issuer is 1/3–1/2 of its line; the one under the Tiêu ngữ as long as the line).

Liberation Serif has the metrics of Times New Roman, so its advance widths give
the width the text takes in Word, LibreOffice and WeasyPrint alike. Without the
font on the machine an average glyph width keeps the rules plausible.
"""

from __future__ import annotations

import functools
from pathlib import Path

_CANDIDATES = {
    (False, False): ("liberation2/LiberationSerif-Regular.ttf", "liberation/LiberationSerif-Regular.ttf",
                     "msttcorefonts/Times_New_Roman.ttf", "times.ttf"),
    (True, False): ("liberation2/LiberationSerif-Bold.ttf", "liberation/LiberationSerif-Bold.ttf",
                    "msttcorefonts/Times_New_Roman_Bold.ttf", "timesbd.ttf"),
    (False, True): ("liberation2/LiberationSerif-Italic.ttf", "liberation/LiberationSerif-Italic.ttf",
                    "msttcorefonts/Times_New_Roman_Italic.ttf", "timesi.ttf"),
    (True, True): ("liberation2/LiberationSerif-BoldItalic.ttf", "liberation/LiberationSerif-BoldItalic.ttf",
                   "msttcorefonts/Times_New_Roman_Bold_Italic.ttf", "timesbi.ttf"),
}
_ROOTS = ("/usr/share/fonts/truetype", "/usr/share/fonts", "/usr/local/share/fonts", "C:/Windows/Fonts")
_PT_TO_MM = 25.4 / 72


@functools.lru_cache(maxsize=8)
def _font(bold: bool, italic: bool):
    try:
        from PIL import ImageFont
    except ImportError:  # pragma: no cover - Pillow comes with WeasyPrint/python-docx deps
        return None
    for root in _ROOTS:
        for rel in _CANDIDATES[(bold, italic)]:
            path = Path(root) / rel
            if path.exists():
                # A large nominal size keeps the rounding of advance widths negligible.
                return ImageFont.truetype(str(path), 100)
    return None


def text_width_mm(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    font = _font(bold, italic)
    if font is not None:
        return font.getlength(text) / 100 * size_pt * _PT_TO_MM
    average = 0.68 if text.isupper() else 0.5
    if bold:
        average *= 1.07
    return len(text) * size_pt * average * _PT_TO_MM


def has_font_metrics() -> bool:
    """True when the real font's widths are at hand (not the average-width guess)."""
    return _font(False, False) is not None and _font(True, False) is not None


def text_width_pt(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Advance width in points, from the font (no kerning: a little wider than laid out)."""
    font = _font(bold, False)
    if font is None:
        return len(text) * size_pt * 0.55
    return font.getlength(text) / 100 * size_pt
