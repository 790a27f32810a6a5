"""``tdkt eligibility``: print verdicts as JSON for a person, a unit or a subtree.

    tdkt eligibility --person 12 --year 2025-2026
    tdkt eligibility --unit 5 --title tap-the-lao-dong-tien-tien
    tdkt eligibility --subtree 2 --year 2024-2025 --title chien-si-thi-dua-co-so
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from tdkt.eligibility import engine, selectors
from tdkt.org.models import Unit
from tdkt.people.models import Person
from tdkt.records.selectors import latest_rated_year


class Command(BaseCommand):
    help = ("Xét điều kiện thi đua, khen thưởng và in kết quả dạng JSON. / Print eligibility verdicts as JSON "
            "for --person, --unit (that unit) or --subtree (everyone and every unit under it).")

    def add_arguments(self, parser):
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--person", type=int, metavar="ID", help="Mã cá nhân / person id")
        who.add_argument("--unit", type=int, metavar="ID", help="Mã đơn vị (xét tập thể) / unit id")
        who.add_argument("--subtree", type=int, metavar="ID", help="Mã đơn vị gốc (xét cả cây) / subtree root id")
        parser.add_argument("--year", help="Năm học, ví dụ 2025-2026 (mặc định: năm học gần nhất đã có xếp loại "
                                           "của cá nhân/đơn vị, nếu không thì năm học hiện tại)")
        parser.add_argument("--title", help="Mã danh hiệu / hình thức, ví dụ lao-dong-tien-tien")

    def handle(self, *args, **options):
        year = None if options.get("year") else self._year_with_ratings(options)
        if year is None:
            try:
                year = selectors.school_year_from(options.get("year"))
            except (selectors.NotFound, ValueError) as exc:
                raise CommandError(str(exc)) from exc
        title = options.get("title")
        if title:
            try:
                selectors.award_type_get(title)
            except selectors.NotFound as exc:
                raise CommandError(str(exc)) from exc
        titles = [title] if title else None
        try:
            if options.get("person"):
                person = Person.objects.filter(pk=options["person"]).first()
                if person is None:
                    raise CommandError(f"Không tìm thấy cá nhân mã {options['person']}.")
                results = engine.evaluate_person(person, year, titles)
            elif options.get("unit"):
                unit = Unit.objects.select_related("unit_type").filter(pk=options["unit"]).first()
                if unit is None:
                    raise CommandError(f"Không tìm thấy đơn vị mã {options['unit']}.")
                results = engine.evaluate_unit(unit, year, titles)
            else:
                unit = Unit.objects.select_related("unit_type").filter(pk=options["subtree"]).first()
                if unit is None:
                    raise CommandError(f"Không tìm thấy đơn vị mã {options['subtree']}.")
                results = engine.evaluate_subtree(unit, year, titles)
        except engine.EligibilityError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2, default=str))

    def _year_with_ratings(self, options):
        """Without --year, the latest year the person or unit has a year-end rating for:
        the year in progress has none before May, so judging it says only "Thiếu thông tin"."""
        person = Person.objects.filter(pk=options["person"]).first() if options.get("person") else None
        unit_id = options.get("unit") or options.get("subtree")
        unit = Unit.objects.filter(pk=unit_id).first() if unit_id else None
        year = latest_rated_year(person=person, unit=unit)
        if year is not None:
            self.stderr.write(f"Năm học {year.start_year}-{year.start_year + 1}: năm gần nhất đã có xếp loại "
                              f"(chọn năm khác bằng --year).")
        return year
