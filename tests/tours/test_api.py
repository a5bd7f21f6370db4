import pytest

from tests.factories import EventFactory
from timeline.models import Event
from tours.models import Tour, TourStop

pytestmark = pytest.mark.django_db


@pytest.fixture
def tour(db):
    tour = Tour.objects.create(title="Strike", slug="strike", summary="Twenty minutes.", status="published")
    for order, slug in enumerate(["first", "second", "third"], start=1):
        TourStop.objects.create(tour=tour, event=EventFactory(slug=slug), order=order, note="For the teacher")
    TourStop.objects.filter(order=2).update(focus="Look at the map.")
    Tour.objects.create(title="Unfinished", slug="unfinished")
    return tour


def test_tours_lists_published_tours_only(client, tour):
    data = client.get("/api/tours/").json()
    assert [item["slug"] for item in data] == ["strike"]
    assert data[0]["stop_count"] == 3
    assert data[0]["url"] == "http://testserver/present/strike/"
    assert client.get("/api/tours/unfinished/").status_code == 404


def test_a_tour_gives_its_stops_in_order_without_the_teachers_notes(client, tour):
    data = client.get("/api/tours/strike/").json()
    assert [stop["event"]["slug"] for stop in data["stops"]] == ["first", "second", "third"]
    assert data["stops"][1]["text"] == "Look at the map."
    assert data["stops"][0]["text"] == "The event, in a sentence."
    assert "For the teacher" not in str(data)


def test_stops_at_unpublished_events_are_left_out(client, tour):
    Event.objects.filter(slug="second").update(status=Event.Status.DRAFT)
    data = client.get("/api/tours/strike/").json()
    assert [stop["event"]["slug"] for stop in data["stops"]] == ["first", "third"]
    assert client.get("/api/tours/").json()[0]["stop_count"] == 2


def test_a_tour_costs_a_fixed_number_of_queries(client, tour, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get("/api/tours/strike/")
    for order, slug in enumerate(["x", "y", "z"], start=4):
        TourStop.objects.create(tour=tour, event=EventFactory(slug=slug), order=order)
    with django_assert_max_num_queries(6):
        assert len(client.get("/api/tours/strike/").json()["stops"]) == 6


def test_tours_are_read_only(client, tour):
    assert client.post("/api/tours/", {}).status_code == 405
    assert client.delete("/api/tours/strike/").status_code == 405
