"""The forked helper (generator/forked.py): it does the last share of a loop in another process,
gives back what it finished, and leaves the rest to the parent when it fails."""

from __future__ import annotations

import os

from generator.forked import Helper, second_share, split_map


def test_second_share_takes_the_last_half_of_the_weight():
    keys = list("abcdef")
    assert second_share(keys, [1] * 6) == ["d", "e", "f"]
    assert second_share(keys, [10, 1, 1, 1, 1, 1]) == ["b", "c", "d", "e", "f"]
    assert second_share(keys, [1, 1, 1, 1, 1, 10]) == ["f"]
    assert second_share([], []) == []


def test_a_helper_gives_back_what_it_finished_and_nothing_after_a_failure():
    def work(key, _recorder):
        if key == "c":
            raise ValueError("boom")
        return key.upper()

    helper = Helper(["a", "b", "c", "d"], work)
    assert [getattr(helper.done(k), "value", None) for k in "abcd"] == ["A", "B", None, None]
    assert helper.done("z") is None  # not in its share


def test_a_helper_that_dies_leaves_everything_to_the_parent():
    helper = Helper(["a", "b"], lambda key, _rec: os._exit(3))
    assert helper.done("a") is None and helper.done("b") is None


def test_split_map_does_every_key_once_in_order(tmp_path):
    def work(key: str) -> int:
        (tmp_path / key).write_text(str(os.getpid()))
        return len(key)

    keys = ["x", "yy", "zzz", "wwww"]
    assert split_map(keys, [1, 1, 1, 1], work, parallel=True) == {"x": 1, "yy": 2, "zzz": 3, "wwww": 4}
    pids = {(tmp_path / k).read_text() for k in keys}
    assert str(os.getpid()) in pids and len(pids) == 2  # the last keys were done in a helper
