"""Where the shop's heavy work runs, as the owner set it (Settings ▸ Advanced, or the command line's --workers and
--scheduler): kept in the shop file (settings key 'compute') so the window, the command line and a nightly job
agree. The environment variable SHELFWISE_WORKERS, where set, is the worker count of the automatic setting (0): the
test suite sets it to 1 so that only the tests that ask for worker processes start them."""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass

from core.compute import usable_cores
from core.compute.executors import PROCESS_CELLS, DaskCluster, Executor, InProcess, LocalProcesses
from core.errors import UserError
from core.i18n import _
from core.store.db import ShopDb

SETTINGS_KEY = "compute"
ENV_WORKERS = "SHELFWISE_WORKERS"
# a product's ETS and ARIMA fits take about 0.15 s: with this many of them a pool of processes pays for its start
PROCESS_FITS = 20


@dataclass
class ComputeSettings:
    workers: int = 0          # 0: one process per core; 1: everything in this process; n: n local processes
    scheduler: str = ""       # a dask.distributed scheduler (tcp://host:8786); "": this computer

    def check(self) -> "ComputeSettings":
        if not isinstance(self.workers, int) or self.workers < 0:
            raise UserError(_("The number of worker processes must be 0 (one per core) or more, not {workers}.")
                            .format(workers=self.workers))
        address = (self.scheduler or "").strip()
        if address and "://" not in address and ":" not in address:
            raise UserError(_("'{address}' is not a scheduler address.").format(address=address),
                            hint=_("Give it as tcp://host:8786, or leave it empty to run on this computer."))
        self.scheduler = address
        return self

    def count(self) -> int:
        """The local worker processes this asks for: its own number; for 0 (automatic) SHELFWISE_WORKERS where
        set, else one per core this process may use."""
        if self.workers > 0:
            return self.workers
        override = os.environ.get(ENV_WORKERS, "").strip()
        workers = int(override) if override.isdigit() else 0
        return workers if workers > 0 else usable_cores()

    def executor(self, cells: int, fits: int = 0) -> Executor:
        """The executor for a job of `cells` product-days and `fits` products with statistical fits: the Dask
        cluster where a scheduler is set; else local processes where there is more than one and the job pays for
        starting them (PROCESS_CELLS product-days, or PROCESS_FITS products to fit); else this process."""
        if self.scheduler.strip():
            return DaskCluster(self.scheduler)
        count = self.count()
        if count <= 1 or (cells < PROCESS_CELLS and fits < PROCESS_FITS):
            return InProcess()
        return LocalProcesses(count)


def load_compute_settings(shop: ShopDb) -> ComputeSettings:
    stored = shop.get_setting(SETTINGS_KEY, {}) or {}
    known = {k: v for k, v in stored.items() if k in ComputeSettings.__dataclass_fields__}
    return ComputeSettings(**known)


def save_compute_settings(shop: ShopDb, settings: ComputeSettings) -> None:
    shop.set_setting(SETTINGS_KEY, asdict(settings.check()))
