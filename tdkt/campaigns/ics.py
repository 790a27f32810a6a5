"""A minimal RFC 5545 writer for the deadline feed (all-day VEVENTs with stable UIDs)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    out: list[str] = []
    current = b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(current) + len(b) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += b
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def _alarm(days: int, title: str) -> list[str]:
    """A display alarm ``days`` before the all-day event (on the day itself: at 8:00)."""
    trigger = f"-P{days}D" if days else "PT8H"
    return ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{_escape(title)}", f"TRIGGER:{trigger}", "END:VALARM"]


def build_calendar(items, *, host: str = "tdkt", name: str = "Hạn thi đua, khen thưởng",
                   now: dt.datetime | None = None, alarm_days: tuple[int, ...] = ()) -> str:
    """``alarm_days``: a VALARM per number of days before each deadline (the user's reminder days)."""
    stamp = (now or timezone.now()).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//TDKT//Phong trao thi dua//VI", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{_escape(name)}"]
    for item in items:
        end = item.due + dt.timedelta(days=1)
        lines += ["BEGIN:VEVENT", f"UID:{item.uid}@{host}", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{item.due:%Y%m%d}", f"DTEND;VALUE=DATE:{end:%Y%m%d}",
                  f"SUMMARY:{_escape(item.title)}",
                  f"DESCRIPTION:{_escape(f'Đơn vị: {item.unit.name}. {item.campaign.name}.')}"]
        for days in alarm_days:
            lines += _alarm(days, item.title)
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
