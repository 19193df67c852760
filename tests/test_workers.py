"""Stopping the worker pool on Ctrl-C: nothing of the pool is left for the exit hook."""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor

from caucasus_cli.index.workers import kill_workers


def test_kill_workers_returns_after_the_pools_manager_thread_has_ended():
    """Left running, the manager thread races the interpreter's exit hook, which then
    prints a traceback ("Bad file descriptor") after the one Ctrl-C line."""
    pool = ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"))
    busy = [pool.submit(time.sleep, 30) for _ in range(4)]
    manager = pool._executor_manager_thread
    workers = list(pool._processes.values())
    while not all(process.is_alive() for process in workers):
        time.sleep(0.05)

    kill_workers(pool)

    assert not manager.is_alive()
    assert all(not process.is_alive() for process in workers)
    assert all(future.done() for future in busy)
