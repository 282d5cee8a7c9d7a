"""PartialDate: the one partial ISO date."""

import datetime as dt

import pytest
from pydantic import BaseModel, ValidationError

from generator.partialdate import PartialDate


@pytest.mark.parametrize("iso, precision", [("2022", "year"), ("2023-01", "month"), ("2024-04-27", "day")])
def test_parse_round_trips_and_gives_precision(iso, precision):
    d = PartialDate.parse(iso)
    assert d.iso == iso and str(d) == iso and d.precision == precision


@pytest.mark.parametrize("bad", ["24", "2024-4", "2024-04-27T10:00", "27/04/2024", "", "2024-13", "2023-02-29",
                                 "0000", "2024-00"])
def test_parse_rejects_what_is_not_a_real_partial_iso_date(bad):
    with pytest.raises(ValueError):
        PartialDate.parse(bad)


def test_leap_day_exists_in_leap_years_only():
    assert PartialDate.parse("2024-02-29").day == 29
    with pytest.raises(ValueError, match="does not exist"):
        PartialDate.parse("2023-02-29")


def test_day_needs_month():
    with pytest.raises(ValueError):
        PartialDate(2024, None, 3)


def test_order_year_before_its_months_before_its_days():
    dates = [PartialDate.parse(s) for s in ["2024-04-27", "2024", "2023-12-31", "2024-04", "2024-01-05"]]
    assert [d.iso for d in sorted(dates)] == ["2023-12-31", "2024", "2024-01-05", "2024-04", "2024-04-27"]


def test_period():
    assert (PartialDate.parse("2024").first_day, PartialDate.parse("2024").last_day) == (
        dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert PartialDate.parse("2024-02").last_day == dt.date(2024, 2, 29)
    assert PartialDate.parse("2023-02").last_day == dt.date(2023, 2, 28)
    day = PartialDate.parse("2024-04-27")
    assert day.first_day == day.last_day == dt.date(2024, 4, 27)


def test_french_labels():
    assert PartialDate.parse("2023-01").label() == "janvier 2023"
    assert PartialDate.parse("2024-04-27").label() == "27 avril 2024"
    assert PartialDate.parse("2024-05-01").label() == "1er mai 2024"
    assert PartialDate.parse("2024-08-15").label() == "15 août 2024"
    assert PartialDate.parse("2022", approximate=True).label() == "vers 2022"
    assert PartialDate.parse("2024-04-27").at("month").label() == "avril 2024"


def test_at_never_makes_a_date_finer():
    assert PartialDate.parse("2024-04-27").at("year").iso == "2024"
    assert PartialDate.parse("2024").at("day").iso == "2024"


def test_timeline_object():
    assert PartialDate.parse("2024-04-07").timeline() == {"year": "2024", "month": "4", "day": "7"}
    assert PartialDate.parse("2023-01").timeline() == {"year": "2023", "month": "1"}
    assert PartialDate.parse("2022").timeline() == {"year": "2022"}


class _Holder(BaseModel):
    date: PartialDate


@pytest.mark.parametrize("raw, iso", [("2024-04-27", "2024-04-27"), (2022, "2022"),
                                      (dt.date(2024, 4, 7), "2024-04-07"), ("2023-01", "2023-01")])
def test_pydantic_field_validates_and_serialises_to_the_iso_string(raw, iso):
    h = _Holder(date=raw)
    assert isinstance(h.date, PartialDate)
    assert h.model_dump(mode="json") == {"date": iso}
    assert h.model_dump() == {"date": iso}


def test_pydantic_field_rejects_bad_dates_with_the_reason():
    with pytest.raises(ValidationError, match="does not exist"):
        _Holder(date="2024-02-30")
    with pytest.raises(ValidationError, match="not YYYY-MM-DD"):
        _Holder(date="avril 2024")
