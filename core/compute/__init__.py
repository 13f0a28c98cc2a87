"""Where heavy per-product work runs (core.compute.executors) and how it is cut into chunks of products."""
