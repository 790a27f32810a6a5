"""QR codes as data: URIs (the CSP allows ``img-src data:``): one owner for the certificates' verification codes,
the second factor's setup code and the events' check-in codes."""

from __future__ import annotations

import base64
import io


def qr_image(text: str, *, box_size: int = 4):
    """The QR of ``text`` with the standard 4-module quiet zone; 4 pixels a module keeps a batch of certificates
    quick to render (the PDF scales it without smoothing)."""
    import qrcode

    qr = qrcode.QRCode(box_size=box_size, border=4)
    qr.add_data(text)
    qr.make(fit=True)
    return qr.make_image()


def qr_png_data_uri(text: str, *, box_size: int = 4) -> str:
    buf = io.BytesIO()
    qr_image(text, box_size=box_size).save(buf, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def qr_svg_data_uri(text: str, *, box_size: int = 8) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=box_size)
    buf = io.BytesIO()
    image.save(buf)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()
