"""Work on two cores: a forked helper process does the last items of a loop while this process
does the first ones, and hands back what it computed (values, log records), read when first needed.

A helper only saves time: an item it did not finish (an error, a crash, a value that cannot be
pickled) is done by the parent itself, which then meets the error as it would have alone. Used by
the MkDocs build (`parallel_build`, `print_plugin`) and the PDF stage (`pdf`). POSIX only (fork).
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from dataclasses import dataclass
from typing import Any, Callable

log = logging.getLogger("briefing.forked")


def cpus() -> int:
    """The CPUs this process may use (the one count for spaCy workers, helpers and PDF engines)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def worth_forking() -> bool:
    """A helper process pays off: there is a second CPU, and fork."""
    return cpus() > 1 and hasattr(os, "fork")


def second_share(keys: list[str], weights: list[float]) -> list[str]:
    """The last keys, carrying about half of the total weight: the helper's share."""
    total, run = sum(weights), 0.0
    for i in range(len(keys) - 1, -1, -1):
        run += weights[i]
        if run * 2 >= total:
            return keys[i + 1:] if run * 2 - total > weights[i] else keys[i:]
    return []


class Recorder(logging.Handler):
    """In the helper: every log record, its message made final so that it can be pickled."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self.mark = 0  # where the current page's records start

    def start(self) -> None:
        """The records that matter for this page start here (the ones before are the parent's too)."""
        self.mark = len(self.records)

    def emit(self, record: logging.LogRecord) -> None:
        if self.records and self.records[-1] is record:  # seen by two handlers on its way up
            return
        record.msg, record.args = record.getMessage(), None
        record.exc_info = record.exc_text = None
        self.records.append(record)

    def install(self) -> None:
        for name in ("mkdocs", ""):
            logging.getLogger(name).handlers = [self]


def replay(records: list[logging.LogRecord]) -> None:
    for record in records:
        logging.getLogger(record.name).handle(record)


@dataclass
class Done:
    value: Any
    records: list[logging.LogRecord]


class Helper:
    """A forked process doing `work(key)` for each key of its share, in order; what it did is read
    once, when the parent first asks (`done`). A key it did not finish gives None: do it yourself."""

    def __init__(self, share: list[str], work: Callable[[str, Recorder], Any], what: str = "work",
                 logger: logging.Logger = log):
        self.share, self.what, self.log = set(share), what, logger
        fd, self.path = tempfile.mkstemp(prefix="briefing-parallel-", suffix=".pickle")
        os.close(fd)
        self.results: dict[str, Done] | None = None
        self.pid = os.fork()
        if self.pid == 0:
            self._run(share, work)

    def _run(self, share: list[str], work: Callable[[str, Recorder], Any]) -> None:
        code = 1
        try:
            recorder = Recorder()
            recorder.install()
            results: dict[str, Done] = {}
            for key in share:
                recorder.start()
                try:
                    value = work(key, recorder)
                except BaseException:  # the parent does this page, and reports its error
                    break
                results[key] = Done(value, recorder.records[recorder.mark:])
            with open(self.path, "wb") as out:
                pickle.dump(results, out, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)

    def done(self, key: str) -> Done | None:
        if key not in self.share:
            return None
        if self.results is None:
            self.results = self._collect()
        return self.results.pop(key, None)

    def _collect(self) -> dict[str, Done]:
        try:
            _pid, status = os.waitpid(self.pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                return {}
            with open(self.path, "rb") as f:
                results = pickle.load(f)
            self.log.debug(f"briefing-parallel: {self.what} {len(results)} of {len(self.share)} done in a helper process")
            return results
        except (OSError, EOFError, pickle.UnpicklingError, ChildProcessError):
            return {}
        finally:
            self.close()

    def close(self) -> None:
        """Reap the helper (stopping it if it still runs) and remove its file."""
        if self.results is None:
            self.results = {}
            try:
                os.kill(self.pid, 9)
                os.waitpid(self.pid, 0)
            except (OSError, ChildProcessError):
                pass
        try:
            os.unlink(self.path)
        except OSError:
            pass


def split_map(keys: list[str], weights: list[float], work: Callable[[str], Any], parallel: bool,
              what: str = "work", logger: logging.Logger = log) -> dict[str, Any]:
    """key -> work(key) for every key; with `parallel`, a helper does the last keys (about half the
    weight) while this process does the first ones. For work whose effect is its value or its files."""
    parallel = parallel and len(keys) > 1 and hasattr(os, "fork")
    helper = Helper(second_share(keys, weights), lambda key, _rec: work(key), what, logger) if parallel else None
    out: dict[str, Any] = {}
    try:
        for key in keys:
            done = helper.done(key) if helper else None
            if done is None:
                out[key] = work(key)
            else:
                replay(done.records)
                out[key] = done.value
    finally:
        if helper:
            helper.close()
    return out
