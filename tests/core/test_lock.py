"""core/store/lock.py: one writer per shop. A shop open in a window (another process) refuses a second window and
the command line's writes with who holds it; a lock left by a process that is gone is taken over."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest

from core.store import lock
from core.store.lock import ShopInUse

REPO = __import__("pathlib").Path(__file__).resolve().parents[2]


@pytest.fixture
def held_elsewhere(shop_path):
    """Another process holding the shop's lock, as a window would."""
    script = (f"import sys, time; sys.path.insert(0, {str(REPO)!r}); from core.store import lock; "
              f"lock.acquire({str(shop_path)!r}); print('held', flush=True); time.sleep(60)")
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "held"
    yield process
    process.kill()
    process.wait()


def test_a_shop_open_in_another_process_is_refused_with_who_holds_it(shop_path, held_elsewhere):
    with pytest.raises(ShopInUse, match=r"open in another ShelfWise window \(on this computer, since"):
        lock.check_free(shop_path)
    with pytest.raises(ShopInUse):
        lock.acquire(shop_path)


def test_the_command_line_does_not_write_to_a_shop_open_in_a_window(shop_path, held_elsewhere, run_cli, tmp_path):
    sales = tmp_path / "sales.csv"
    sales.write_text("Item,Date,Qty\nA1,2025-05-01,3\n", encoding="utf-8")
    done = run_cli("import", sales, "--db", shop_path, "--kind", "sales")
    assert done.returncode == 1
    assert "is open in another ShelfWise window" in done.stderr and "nothing was changed" in done.stderr
    assert run_cli("imports", "--db", shop_path).returncode == 0          # reading it is fine


def test_a_lock_left_by_a_process_that_is_gone_is_taken_over(shop_path, held_elsewhere):
    held_elsewhere.kill()
    held_elsewhere.wait()
    lock.acquire(shop_path)                    # the stale lock is this process's now
    assert lock.holder(shop_path).is_me()
    lock.release(shop_path)
    assert not lock.lock_path(shop_path).exists()


def test_this_process_may_take_its_own_lock_again(shop_path):
    lock.acquire(shop_path)
    lock.acquire(shop_path)
    lock.check_free(shop_path)
    lock.release(shop_path)
    assert lock.holder(shop_path) is None
