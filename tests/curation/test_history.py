"""Directions and continuity, as pure rules."""

import datetime

from api.curation.history import LevelKey, Step, continuity_errors, direction

LOW, HIGH, OLD = LevelKey("low", "s2", 1), LevelKey("high", "s2", 2), LevelKey("old", "s1", 2)


def step(change_id, day, from_level, to_level, areas=()):
    return Step(change_id, datetime.date(2024, 1, day), None, from_level, to_level, tuple(areas))


def test_direction_is_derived_from_levels():
    assert direction(None, LOW) == "initial"
    assert direction(LOW, HIGH) == "raise"
    assert direction(HIGH, LOW) == "lower"
    assert direction(OLD, LOW) == "rescale"


def test_a_continuous_history_has_no_errors_whatever_the_input_order():
    steps = [step("c", 3, "high", "low"), step("a", 1, None, "low"), step("b", 2, "low", "high")]
    assert continuity_errors(steps) == []


def test_a_gap_is_reported_on_the_change_after_it():
    steps = [step("a", 1, None, "low"), step("b", 2, "high", "low")]
    assert continuity_errors(steps) == [
        ("b", "from_level", "from_level must be 'low', the level set by a just before it (got 'high').")
    ]


def test_two_starts_are_an_error():
    errors = continuity_errors([step("a", 1, None, "low"), step("b", 2, None, "high")])
    assert [(change_id, field) for change_id, field, _ in errors] == [("b", "from_level")]


def test_regional_changes_do_not_break_the_national_history():
    steps = [step("a", 1, None, "low"), step("r", 2, "low", "high", ["FR-67"]), step("b", 3, "low", "high"),
             step("r2", 4, "high", "low", ["FR-67"])]  # fmt: skip
    assert continuity_errors(steps) == []


def test_a_regional_change_before_any_national_level_is_an_error():
    assert continuity_errors([step("r", 1, "low", "high", ["FR-67"])])[0][1] == "effective_date"


def test_a_national_change_after_a_regional_one_sets_the_level_in_that_area_too():
    steps = [step("a", 1, None, "low"), step("r", 2, "low", "high", ["BE-BRU"]), step("b", 3, "low", "mid"),
             step("r2", 4, "mid", "high", ["BE-BRU"])]  # fmt: skip
    assert continuity_errors(steps) == []
    stale = [step("a", 1, None, "low"), step("r", 2, "low", "high", ["BE-BRU"]), step("b", 3, "low", "mid"),
             step("r2", 4, "high", "low", ["BE-BRU"])]  # fmt: skip
    assert continuity_errors(stale) == [
        ("r2", "from_level", "from_level must be 'mid', the level in force in BE-BRU before it.")
    ]
