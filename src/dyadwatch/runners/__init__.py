"""Runners: the same per-batch function in one process (local) or on a cluster (dask)."""
