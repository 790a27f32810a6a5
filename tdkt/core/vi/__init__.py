"""Vietnamese-language helpers: money, dates, personal names and search folding.

Pure standard-library code, with no Django import, so it can be used from
management commands, importers and tests alike.
"""

from tdkt.core.vi.dates import (
    format_date_short,
    format_date_vn,
    parse_date_vn,
    parse_school_year,
    place_date_line,
    school_year_label,
)
from tdkt.core.vi.names import (
    full_name,
    letter_key,
    name_sort_key,
    name_sort_string,
    split_full_name,
)
from tdkt.core.vi.numbers import amount_in_words, format_decimal, format_vnd, number_to_words, parse_vnd
from tdkt.core.vi.text import fold, search_terms

__all__ = [
    "amount_in_words",
    "fold",
    "format_decimal",
    "format_date_short",
    "format_date_vn",
    "format_vnd",
    "full_name",
    "letter_key",
    "name_sort_key",
    "name_sort_string",
    "number_to_words",
    "parse_date_vn",
    "parse_school_year",
    "parse_vnd",
    "place_date_line",
    "school_year_label",
    "search_terms",
    "split_full_name",
]
