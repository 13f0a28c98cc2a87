"""The command line: the same services as the window (core/services), for schedulers, checks and benchmarks."""
