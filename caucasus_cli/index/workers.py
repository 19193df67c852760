"""Worker processes: they never outlive the command, never hang it, never print tracebacks.

When `caucasus index` is killed (Ctrl-C in another terminal, `kill -9`, a laptop
lid), its spawned workers would otherwise wait forever on their job queue, each
holding tens of megabytes. A daemon thread in each worker watches its parent, whose
pid the parent passes in: read with `os.getppid()` in the child, it could already
be that of init if the parent died during the spawn.

Whoosh's multi-process writer waits on its sub-writers without looking: one that
dies (a full disk) leaves it blocked on a full job queue, or committing without that
sub-writer's documents. The writer here checks on them while it waits, and fails
with one line when one has died.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import signal
import threading
import time

from ..errors import IndexWriteFailed

_POLL_SECONDS = 0.2


@contextlib.contextmanager
def deaf_to_ctrl_c_while_spawning():
    """Start processes with SIGINT blocked, so that they are born deaf to Ctrl-C.

    A spawned child imports modules before `exit_with_parent` can ignore SIGINT; a
    Ctrl-C in that window would print its traceback. The mask is inherited across
    fork and exec, and only this thread's mask changes, only while processes start:
    the parent's own Ctrl-C is delivered as soon as the mask is restored.
    """
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def exit_with_parent(parent: int, poll_seconds: float = 0.5) -> None:
    """In a worker: exit as soon as process `parent` (which started it) has gone.

    Also leaves Ctrl-C to the parent, which stops the workers itself: a terminal sends
    SIGINT to the whole process group, and each worker would print a traceback.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent_signal()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll_seconds)
        os._exit(1)

    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _die_with_parent_signal() -> None:
    """On Linux, have the kernel kill this process when its parent dies (no polling gap)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: the watching thread does it


class CtrlC:
    """Ctrl-C during an index run: noted, and raised as KeyboardInterrupt where the run
    can stop cleanly (calling the object is such a checkpoint), or at once inside
    `anywhere()`. A second Ctrl-C is raised at once wherever it lands."""

    def __init__(self) -> None:
        self.pressed = False
        self._at_once = False

    def __call__(self) -> None:
        if self.pressed:
            raise KeyboardInterrupt

    def on_signal(self, _signum, _frame) -> None:
        if self.pressed or self._at_once:
            self.pressed = True
            raise KeyboardInterrupt
        self.pressed = True

    @contextlib.contextmanager
    def anywhere(self):
        """A stretch where stopping at any point is safe: reading and extracting one file
        in this process writes nothing and holds no lock another process waits on."""
        self()
        self._at_once = True
        try:
            yield
        finally:
            self._at_once = False

    def result(self, future):
        """A worker's result, looking at Ctrl-C while it is awaited."""
        while True:
            try:
                return future.result(timeout=_POLL_SECONDS)
            except TimeoutError:
                self()


def kill_workers(pool, timeout: float = 5.0) -> None:
    """Stop a process pool's workers now, mid-task (Python 3.14 has this as a method),
    and wait for the pool's manager thread to see it and end.

    Left running, that thread closes its wake-up pipe while the interpreter's exit
    hook writes to it (a race in Python 3.11's concurrent.futures): "Exception
    ignored ... Bad file descriptor" on the way out of a Ctrl-C.
    """
    # Taken before shutdown(), which forgets them (it sets the attributes to None).
    manager = getattr(pool, "_executor_manager_thread", None)
    results = getattr(pool, "_result_queue", None)
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(OSError, AttributeError):
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
    # A worker killed while it sent its result leaves half a message in the result pipe,
    # and the manager thread would wait for the rest for ever (the exit hook with it: a
    # hang after the one line). This process holds the pipe's write end too; closed, and
    # the workers dead, the thread reads the end of the pipe and stops as on a broken pool.
    with contextlib.suppress(OSError, AttributeError):
        results._writer.close()
    if manager is not None:
        manager.join(timeout)


def close_segment_files(writer) -> None:
    """A commit or a cancel that failed on a full disk stops at the first file it cannot
    flush (the stored columns) and leaves the segment's other files open: each then
    printed "Exception ignored … No space left on device" at exit, after the one line
    that said so. Their contents are thrown away: the segment is never committed.
    (The attributes are whoosh3 3.54's, pinned; closing a file object closes it even
    when its last flush fails.)"""
    fields = getattr(writer, "fieldwriter", None)
    columns = getattr(getattr(writer, "perdocwriter", None), "_cols", None)
    for file in (
        getattr(getattr(fields, "_tindex", None), "dbfile", None),
        getattr(fields, "_postfile", None),
        getattr(columns, "_temp", None),
    ):
        if file is not None:
            with contextlib.suppress(Exception):
                file.close()


_FAILED = "failed"  # first item of what a sub-writer that failed puts on the result queue


def run_subwriter(parent: int, *args) -> None:
    """Entry point of a Whoosh sub-writer process: watch the parent, report failure as data."""
    from whoosh.multiproc import _run_subwriter

    from .safeload import install

    exit_with_parent(parent)
    install()  # the sub-writer reads the index's TOC itself
    resultqueue = args[3]
    try:
        _run_subwriter(*args)
    except BaseException as error:  # reported to the parent, which says it in one line
        reason = error.strerror if isinstance(error, OSError) and error.strerror else repr(error)
        try:
            resultqueue.put((_FAILED, reason, None), timeout=5)
            resultqueue.close()
            resultqueue.join_thread()  # the queue sends from a thread: let it finish
        finally:
            os._exit(3)


def parallel_writer(ix, **options):
    """Whoosh's multi-process writer (multisegment), watching its sub-writers."""
    from whoosh.multiproc import MpWriter

    class Writer(MpWriter):
        # Same as whoosh3 3.54's MpWriter._new_task (start_method given), but with a
        # target that watches the parent. whoosh3 is pinned; tests cover this path.
        def _new_task(self):
            args = (
                os.getpid(),
                self.storage,
                self.indexname,
                self.jobqueue,
                self.resultqueue,
                self.subargs,
                self.multisegment,
            )
            task = self._mpctx.Process(target=run_subwriter, args=args)
            self.tasks.append(task)
            with deaf_to_ctrl_c_while_spawning():
                task.start()
            return task

        def _enqueue(self):
            # MpWriter._enqueue, but never blocking forever on a full job queue.
            from whoosh.util import random_name

            filename = f"{random_name()}.doclist"
            with self.temp_storage().create_file(filename).raw_file() as out:
                for item in self.docbuffer:
                    pickle.dump(item, out, 2)
            if len(self.tasks) < self.procs:
                self._new_task()
            self._put_watching((filename, len(self.docbuffer)))
            self.docbuffer = []

        checkpoint = staticmethod(lambda: None)  # the caller's Ctrl-C check, while waiting

        def _put_watching(self, item) -> None:
            while True:
                try:
                    self.jobqueue.put(item, timeout=_POLL_SECONDS)
                    return
                except queue.Full:
                    self.checkpoint()
                    self._fail_if_a_subwriter_died()

        def _fail_if_a_subwriter_died(self, reason: str | None = None) -> None:
            dead = [task for task in self.tasks if task.exitcode not in (None, 0)]
            if dead or reason:
                reason = reason or self._reported_failure() or "a writer process died"
                raise IndexWriteFailed(f"cannot write the index: {reason}")

        def _reported_failure(self) -> str | None:
            """What a dead sub-writer said before it went, if it could."""
            with contextlib.suppress(queue.Empty, OSError, EOFError):
                while True:
                    result = self.resultqueue.get(timeout=_POLL_SECONDS)
                    if result[0] == _FAILED:
                        return result[1]
            return None

        def _commit(self, mergetype, optimize, merge):
            # MpWriter._commit for multisegment, waiting on results while watching.
            if self.docbuffer:
                self._enqueue()
            for _task in self.tasks:
                self._put_watching(None)
            finalsegments = self._merge_segments(mergetype, optimize, merge)
            results = self._collect_results()
            for task in self.tasks:
                task.join()
            finalsegments += [segment for _, _, segment in results]
            if self._added:
                finalsegments.append(self._finalize_segment())
            else:
                self._close_segment()
            self._commit_toc(finalsegments)
            self._finish()

        def _collect_results(self) -> list:
            results = []
            while len(results) < len(self.tasks):
                try:
                    result = self.resultqueue.get(timeout=_POLL_SECONDS)
                except queue.Empty:
                    self.checkpoint()
                    self._fail_if_a_subwriter_died()
                    continue
                if result[0] == _FAILED:
                    self._fail_if_a_subwriter_died(result[1])
                results.append(result)
            return results

        def cancel(self):
            """Stop the sub-writers and drop what was written; never raise a second error
            over the one that made the caller cancel."""
            for task in self.tasks:
                if task.is_alive():
                    task.kill()
            for task in self.tasks:
                task.join(timeout=5)
            try:
                super().cancel()
            except OSError:
                # Its own segment (no documents: the sub-writers have them) has its
                # files open from the start; the failed cancel left them open.
                close_segment_files(self)
                self._release_lock_quietly()

        def _release_lock_quietly(self):
            with contextlib.suppress(Exception):  # the lock goes with the process anyway
                self.writelock.release()

    assert options.get("multisegment"), "only the multisegment path is watched"
    return Writer(ix, **options)
