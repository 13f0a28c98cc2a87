"""ShelfWise: no arguments opens the window; sub-commands run the same core headless."""
import multiprocessing
import sys

from cli.main import main

if __name__ == "__main__":
    # a worker process of a frozen build (the forecast's local processes, core.compute.executors) runs its task here
    # and exits instead of starting the app again
    multiprocessing.freeze_support()
    sys.exit(main())
