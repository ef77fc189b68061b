"""A crash, as one line: what was raised, never a Python traceback, unless SITE_TOOLS_DEBUG=1 asks for it.

The build turns every crash (of a step, of the site engine, a RecursionError) into one Finding. A contributor
needs the sentence; a developer mending the step sets SITE_TOOLS_DEBUG=1 to see the traceback as well.
"""

from __future__ import annotations

import os
import sys
import traceback
from typing import Callable

DEBUG = "SITE_TOOLS_DEBUG"
SHOW_TRACEBACK = f"run it again with {DEBUG}=1 to see the Python traceback"


def debugging() -> bool:
    return os.environ.get(DEBUG) == "1"


def print_traceback(err: BaseException) -> None:
    """The traceback of err on stderr, only when SITE_TOOLS_DEBUG=1."""
    if debugging():
        traceback.print_exception(err, file=sys.stderr)


def without_stack(text: str) -> str:
    """text on one line, without the indented stack lines some messages carry (MkDocs puts a traceback's
    frames inside the message of an extension that fails to load)."""
    kept = [line.strip() for line in text.splitlines()
            if line.strip() and not line[:1].isspace() and not line.startswith("Traceback (most recent call last)")]
    return " ".join(kept)


def describe(err: BaseException) -> str:
    """'Type: message' on one line, such as 'RecursionError: maximum recursion depth exceeded'."""
    message = without_stack(str(err))
    return f"{type(err).__name__}: {message}" if message else type(err).__name__


def exit_code(main: Callable[[], int | None], name: str) -> int:
    """main()'s exit code; a crash outside every step (such as a RecursionError) is one line on stderr, exit 2."""
    try:
        return main() or 0
    except Exception as err:  # noqa: BLE001 - the last boundary: one line, never a traceback
        print_traceback(err)
        print(f"❌ {name} crashed: {describe(err)} — this is a bug in the tools; {SHOW_TRACEBACK}", file=sys.stderr)
        return 2
