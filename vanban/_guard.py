"""No process vanban starts outlives it, however vanban ends (even killed with SIGKILL).

Two kinds of processes are started: the batch's pool workers (Python, running vanban's code)
and LibreOffice (``soffice``, which starts ``soffice.bin``) with vanban's bridge to it. Neither
notices on its own when vanban dies: a worker waits on a queue that its siblings keep open, and
LibreOffice is in a process group of its own, so that it can be killed whole.

* A pool worker calls :func:`watch_parent` when it starts: a thread that ends the worker when
  its parent process is no longer the one that started it (the parent died, and the worker
  was given to another).
* A program vanban starts (LibreOffice, the bridge) is started through this file run as a
  script, the *guard*: ``python _guard.py PROGRAM ARGS...``. vanban starts the guard in a new
  process group; the guard starts the program in that same group, waits for it and exits as
  it does; if vanban dies first, the guard kills the whole group, itself included. vanban
  stopping the program as before (killing the group) stops the guard with it.

Why not the kernel's parent-death signal (``PR_SET_PDEATHSIG``): Linux only, not inherited by
what the program itself starts (``soffice`` starts ``soffice.bin``), and sent when the *thread*
that started the child ends, not the process: a converter started in one thread and used from
another would lose its LibreOffice. Why not the pipe the bridge reads: LibreOffice has none.
Polling the parent's pid every quarter of a second costs nothing and works the same for both.

Run as a script, this file needs only the standard library (it may be run by another Python).
"""

import os
import signal
import subprocess
import sys
import threading
import time

INTERVAL = 0.25
"""Seconds between two looks at the parent: how long a process may outlive vanban."""


def watch_parent(interval: float = INTERVAL) -> None:
    """End this process (at once, without cleanup) when the process that started it dies."""
    if os.name == "nt":  # no reparenting on Windows: wait on the parent's handle instead
        import multiprocessing
        from multiprocessing.connection import wait

        parent = multiprocessing.parent_process()
        if parent is None:
            return

        def watch() -> None:
            wait([parent.sentinel])
            os._exit(1)
    else:
        original = os.getppid()

        def watch() -> None:
            while os.getppid() == original:
                time.sleep(interval)
            os._exit(1)

    threading.Thread(target=watch, daemon=True, name="vanban-watch-parent").start()


def guarded(command: list) -> list:
    """``command`` run through the guard, with this Python (POSIX; on Windows, as it is)."""
    if os.name == "nt":
        return list(command)
    return [sys.executable, "-I", "-S", os.path.abspath(__file__), *command]


def _guard(command: list) -> int:
    parent = os.getppid()
    child = subprocess.Popen(command)  # same process group as the guard
    # The child has the pipes vanban gave; the guard lets go of its copies, so that a pipe
    # closes when the child ends, not when the guard does.
    quiet = os.open(os.devnull, os.O_RDWR)
    os.dup2(quiet, 0)
    os.dup2(quiet, 1)
    while True:
        try:
            code = child.wait(timeout=INTERVAL)
        except subprocess.TimeoutExpired:
            if os.getppid() != parent:
                os.killpg(0, signal.SIGKILL)  # vanban is gone: the group goes, the guard with it
            continue
        return 128 - code if code < 0 else code  # killed by signal N: 128 + N, as a shell says it


if __name__ == "__main__":
    sys.exit(_guard(sys.argv[1:]))
