"""The per-product forecast work in chunks of products, run in this process, in local worker processes and on a
real Dask LocalCluster: the same forecast to the bit on each, Cancel that stops the rest and stores nothing, and the
choice of where to run."""
from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from core.compute.executors import DaskCluster, InProcess, LocalProcesses, gather
from core.compute.settings import ComputeSettings, load_compute_settings, save_compute_settings
from core.errors import Cancelled, UserError
from core.forecasting.chunks import CHUNK_ROWS, row_chunks
from core.jobs import JobContext
from core.store import open_shop

DEMO_TODAY = dt.date(2025, 3, 1)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    from core.demo import build_demo_shop

    return build_demo_shop(tmp_path_factory.mktemp("compute") / "demo.db", today=DEMO_TODAY)


@pytest.fixture
def demo(tmp_path, demo_template) -> Path:
    import shutil

    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)
    return path


def _forecast_csv(path: Path, out: Path, **where) -> bytes:
    from core.services.forecast import forecast_to_file

    forecast_to_file(path, neural=False, out=out, **where)
    return out.read_bytes()


def test_products_are_cut_into_contiguous_chunks_that_cover_them_once():
    for n, workers in ((1, 1), (7, 2), (300, 2), (823, 4), (20_000, 2)):
        chunks = row_chunks(n, workers)
        covered = np.concatenate([np.arange(n)[c] for c in chunks])
        assert covered.tolist() == list(range(n))
        assert max(c.stop - c.start for c in chunks) <= CHUNK_ROWS
        assert len(chunks) >= min(n, 4 * workers)          # enough chunks to keep every worker busy
    assert row_chunks(0, 2) == []


def test_gather_keeps_the_order_and_a_cancel_stops_the_calls_not_started():
    executor = InProcess()
    assert gather([executor.submit(pow, k, 2) for k in range(5)]) == [0, 1, 4, 9, 16]
    ran = []
    ctx = JobContext(None)

    def step(k):
        ran.append(k)
        if k == 1:
            ctx.cancel()
        return k

    with pytest.raises(Cancelled):
        gather([executor.submit(step, k) for k in range(5)], ctx)
    assert ran == [0, 1]                                    # nothing after the cancel ran


def test_where_the_work_runs(monkeypatch):
    monkeypatch.delenv("SHELFWISE_WORKERS", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    monkeypatch.setattr("os.sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    auto = ComputeSettings()
    assert isinstance(auto.executor(100_000, fits=0), InProcess)       # a small shop: starting processes costs more
    assert isinstance(auto.executor(100_000, fits=40), LocalProcesses)  # ETS and ARIMA on 40 products pay for them
    assert auto.executor(10_000_000).workers == 2
    assert isinstance(ComputeSettings(workers=1).executor(10_000_000, 40), InProcess)
    assert ComputeSettings(workers=3).executor(10_000_000).workers == 3
    monkeypatch.setenv("SHELFWISE_WORKERS", "1")                         # the automatic setting only
    assert isinstance(auto.executor(10_000_000, 40), InProcess)
    assert isinstance(ComputeSettings(workers=2).executor(10_000_000, 40), LocalProcesses)
    cluster = ComputeSettings(scheduler=" tcp://10.0.0.5:8786 ").check().executor(10)
    assert isinstance(cluster, DaskCluster) and cluster.address == "tcp://10.0.0.5:8786"
    with pytest.raises(UserError, match="not a scheduler address"):
        ComputeSettings(scheduler="my cluster").check()
    with pytest.raises(UserError, match="must be 0"):
        ComputeSettings(workers=-1).check()


def test_only_the_cores_this_process_may_use_are_counted(monkeypatch):
    # a container or `taskset` that allows one core of eight: one worker is no worker, and the trees train on one
    # thread (two OpenMP threads on one core only wait for each other)
    from core.compute import usable_cores
    from core.forecasting.boosted import GlobalBoosted

    monkeypatch.delenv("SHELFWISE_WORKERS", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    monkeypatch.setattr("os.sched_getaffinity", lambda _pid: {5}, raising=False)
    assert usable_cores() == 1
    assert isinstance(ComputeSettings().executor(10_000_000, 40), InProcess)
    assert LocalProcesses().workers == 1 and GlobalBoosted().threads == 1
    assert GlobalBoosted(threads=2).threads == 2                       # asked for: as asked
    monkeypatch.setattr("os.sched_getaffinity", lambda _pid: {0, 1, 2, 3, 4, 5}, raising=False)
    assert ComputeSettings().count() == 6 and GlobalBoosted().threads == 2
    monkeypatch.delattr("os.sched_getaffinity", raising=False)          # a system without affinity: the machine's
    assert usable_cores() == 8 and ComputeSettings().count() == 8


def test_the_setting_is_kept_in_the_shop_file(demo):
    with open_shop(demo) as shop:
        assert load_compute_settings(shop) == ComputeSettings()
        save_compute_settings(shop, ComputeSettings(workers=2, scheduler="tcp://planner:8786"))
    with open_shop(demo) as shop:
        assert load_compute_settings(shop) == ComputeSettings(workers=2, scheduler="tcp://planner:8786")


@pytest.mark.slow
def test_local_processes_give_the_same_forecast_to_the_bit_as_one_process(demo, tmp_path):
    one = _forecast_csv(demo, tmp_path / "one.csv", workers=1)
    two = _forecast_csv(demo, tmp_path / "two.csv", workers=2)
    assert len(one) > 100_000 and one == two
    with open_shop(demo) as shop:
        assert shop.conn.execute("SELECT COUNT(*) FROM forecast_runs").fetchone()[0] == 2
        weights = [row[0] for row in shop.conn.execute("SELECT weights FROM forecast_products").fetchall()]
    assert sum("lightgbm" in w for w in weights) > len(weights) // 4   # the trees carry weight


@pytest.mark.slow
def test_the_neural_model_trains_in_a_worker_and_forecasts_the_same_to_the_bit(demo, tmp_path, monkeypatch):
    """On worker processes the neural model is trained in one of them (it held the caller up beside LightGBM); on
    one thread either way, so the forecast is the one process's to the bit, the neural model's weight included.
    Here the arrays reach the workers through shared memory (core.compute.shared: every array shared, as a big
    shop's are), and every shared block is gone once the forecast is stored."""
    from multiprocessing import shared_memory

    import core.compute.shared as shared
    from core.forecasting.neural import GlobalNeural, device_name
    from core.forecasting.run import _neural_in_worker
    from core.services.forecast import forecast_to_file

    if device_name() != "cpu":
        pytest.skip("a GPU trains the neural model in the caller")
    assert _neural_in_worker(GlobalNeural(), LocalProcesses(2)) and not _neural_in_worker(GlobalNeural(), InProcess())
    assert not _neural_in_worker(GlobalNeural(), DaskCluster("tcp://127.0.0.1:9"))   # a cluster's are other cores
    forecast_to_file(demo, neural=True, out=tmp_path / "one.csv", workers=1)
    sharing = shared.usable() and shared.room_for(2 ** 20)
    if sharing:
        made = []
        share = shared.SharedHandoff._share

        def counted(self, array):
            held = share(self, array)
            made.append(held[0].name)
            return held
        monkeypatch.setattr(shared, "SHARE_FROM_BYTES", 0)
        monkeypatch.setattr(shared.SharedHandoff, "_share", counted)
    forecast_to_file(demo, neural=True, out=tmp_path / "two.csv", workers=2)
    one, two = (tmp_path / "one.csv").read_bytes(), (tmp_path / "two.csv").read_bytes()
    assert len(one) > 100_000 and one == two
    if sharing:
        # the history, the promotion days and the prices once; the backtests' arrays of the calibration and the
        # quantiles' chunks once a round
        assert len(made) >= 5
        for name in made:
            with pytest.raises(FileNotFoundError):
                shared_memory.SharedMemory(name=name)
    with open_shop(demo) as shop:
        weights = [row[0] for row in shop.conn.execute("SELECT model FROM forecast_products").fetchall()]
    assert any("neural" in w for w in weights)


@pytest.mark.slow
def test_cancel_during_a_multi_process_forecast_stops_within_a_second_and_stores_nothing(demo):
    from core.forecasting import ForecastSettings, forecast_shop

    cancelled_at = []

    def progress(_fraction, text):
        if "chunks" in text and not cancelled_at:
            cancelled_at.append(time.monotonic())
            ctx.cancel()

    ctx = JobContext(progress, min_interval=0.0)
    with open_shop(demo) as shop:
        with pytest.raises(Cancelled):
            forecast_shop(shop, settings=ForecastSettings(neural=False), ctx=ctx, executor=LocalProcesses(2))
        stopped = time.monotonic()
        assert shop.conn.execute("SELECT COUNT(*) FROM forecast_runs").fetchone()[0] == 0
    assert cancelled_at and stopped - cancelled_at[0] < 1.0


@pytest.mark.slow
def test_a_forecast_and_a_plan_run_on_a_real_dask_local_cluster(demo, tmp_path):
    distributed = pytest.importorskip("distributed")
    from core.services.plan import plan_to_file

    here = _forecast_csv(demo, tmp_path / "here.csv", workers=1)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster:
        address = cluster.scheduler_address
        assert _forecast_csv(demo, tmp_path / "cluster.csv", scheduler=address) == here
        with open_shop(demo) as shop:
            shop.conn.execute("DELETE FROM forecast_daily")
            shop.conn.execute("DELETE FROM forecast_products")
            shop.conn.execute("DELETE FROM forecast_runs")
            shop.conn.commit()
        done = plan_to_file(demo, scheduler=address, out=tmp_path / "plan.csv")   # forecasts first, on the cluster
    assert done.products == 300 and (tmp_path / "plan.csv").exists()


def test_a_scheduler_nobody_answers_is_a_clear_refusal(demo, monkeypatch):
    pytest.importorskip("distributed")
    from core.services.forecast import forecast_to_file

    monkeypatch.setattr("core.compute.executors.CONNECT_SECONDS", 2)
    started = time.monotonic()
    with pytest.raises(UserError, match="Could not reach the Dask scheduler at tcp://127.0.0.1:9"):
        forecast_to_file(demo, neural=False, scheduler="tcp://127.0.0.1:9")
    assert time.monotonic() - started < 15
    with open_shop(demo) as shop:
        assert shop.conn.execute("SELECT COUNT(*) FROM forecast_runs").fetchone()[0] == 0


def test_the_window_and_the_command_line_never_import_dask_unless_asked():
    import subprocess
    import sys

    code = ("import sys, main\nfrom core.compute.settings import ComputeSettings\n"
            "ComputeSettings().executor(10 ** 8, 40)\nprint('dask' in sys.modules or 'distributed' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "False"
