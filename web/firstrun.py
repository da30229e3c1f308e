"""A fresh checkout has no data/curated (it is built, not committed): build it on first start, once.

Several sessions, or several server processes sharing the checkout, may arrive together. A thread lock
keeps the sessions of one process apart and an exclusive flock on a lock file beside data/curated keeps
the processes apart; whoever gets the lock second finds the data there and builds nothing. The build
itself writes to a temporary folder and swaps it in whole, so a reader never sees half a dataset.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from streamlit.logger import get_logger

from funding import paths

from .locks import exclusive

_LOG = get_logger(__name__)
_THREAD_LOCK = threading.Lock()


def target() -> Path | None:
    """The folder a first start may build into, or None when it must not build at all.

    FUNDING_CURATED_DIR points at data someone else made (the benchmark's synthetic data, a test's
    deliberately damaged copy): the app must not write the real data there, and a problem there must
    stay visible as the error page.
    """
    if os.environ.get("FUNDING_CURATED_DIR"):
        return None
    return paths.curated_dir()


def missing() -> bool:
    """True when the curated data have never been built here. Broken data are not "missing": they give
    the error page, which names the problem, rather than being silently replaced."""
    folder = target()
    return folder is not None and not (folder / "manifest.json").exists()


def ensure_curated() -> None:
    """Build data/curated if it has never been built; wait for a build already under way elsewhere.

    Never raises for a failed build: the failure goes to the server log with its traceback, and the app's
    own loader then shows visitors the error page (the problem, no traceback).
    """
    if not missing():
        return
    folder = target()
    folder.parent.mkdir(parents=True, exist_ok=True)
    # data/.curated.lock: beside the data, ignored by git and removed by make clean (data/.curated.*).
    with exclusive(folder.parent / f".{folder.name}.lock", _THREAD_LOCK):
        if not missing():  # another session or process built it while this one waited
            return
        shown = folder.relative_to(paths.ROOT) if folder.is_relative_to(paths.ROOT) else folder
        _LOG.info("Bygger datan första gången … / Building the data for the first time (%s is missing) …", shown)
        began = time.monotonic()
        try:
            # The one call into the build; funding.build stays the name when it becomes a package.
            from funding.build import build

            result = build(out_dir=folder)
        except Exception:  # whatever stops the build, the error page will name what is missing
            _LOG.exception("The first-start build failed; visitors see the error page until it is fixed "
                           "(make data shows the same error).")
            return
        _LOG.info("Built the data (version %s) in %.1f s.", result.version, time.monotonic() - began)
