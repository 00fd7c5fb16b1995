"""The unit-matching benchmark on a small scale: it runs, and it measures what it says."""

from pipelines.match.benchmark import run_benchmark


def test_small_benchmark_counts():
    result = run_benchmark(registrations=2_000, units=600)
    assert (result.registrations, result.units) == (2_000, 600)
    # 41 rows have no code and are not in unit_matches; the 40 with a wrong check character
    # are among the `new` ones; every one of the 81 gets its own unit as first suggestion
    assert result.statuses == {"matched": 1644, "name_differs": 58, "name_variant": 131, "new": 126}
    assert (result.rows_wanting_suggestions, result.rows_suggested, result.rows_right_first) == (
        81,
        81,
        81,
    )
    assert result.lines()[0] == "registrations 2000, master units 600"
