"""Stopping the worker pool on Ctrl-C: nothing of the pool is left for the exit hook."""

from __future__ import annotations

import multiprocessing
import os
import struct
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


def test_kill_workers_ends_a_manager_thread_left_reading_half_a_result():
    """A worker killed while it sent its result leaves half a message in the result pipe:
    the manager thread waited for the rest for ever, and the run hung at exit after its
    one error line (seen in test_robust_faults under load)."""
    pool = ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"))
    busy = [pool.submit(time.sleep, 30) for _ in range(2)]
    manager = pool._executor_manager_thread
    workers = list(pool._processes.values())
    while not all(process.is_alive() for process in workers):
        time.sleep(0.05)
    # What a worker killed mid-send leaves: a message header for 1,000 bytes, and 10.
    os.write(pool._result_queue._writer.fileno(), struct.pack("!i", 1000) + b"x" * 10)
    time.sleep(0.3)  # the manager thread is now reading the rest

    kill_workers(pool)

    assert not manager.is_alive()
    assert all(future.done() for future in busy)
