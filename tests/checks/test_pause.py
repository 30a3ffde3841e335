"""The collector pause of validation: off while loading, on again after, the plan frozen."""

from __future__ import annotations

import gc

from dotool.checks.pause import paused_gc


def test_the_collector_is_off_inside_and_on_after_with_what_was_made_frozen() -> None:
    gc.unfreeze()
    try:
        with paused_gc():
            assert not gc.isenabled()
            made = [[n] for n in range(1000)]
            with paused_gc():  # nested: the outer pause decides
                assert not gc.isenabled()
            assert gc.get_freeze_count() == 0
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(made)
    finally:
        gc.unfreeze()


def test_a_collector_switched_off_before_stays_off_and_nothing_is_frozen() -> None:
    gc.unfreeze()
    gc.disable()
    try:
        with paused_gc():
            made = [[n] for n in range(100)]
        assert not gc.isenabled() and gc.get_freeze_count() == 0 and made
    finally:
        gc.enable()
