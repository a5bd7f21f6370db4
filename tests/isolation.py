"""Run a piece of a test in a forked child, for code that may kill the process it runs in."""

import os
import pickle
import signal
import traceback


def in_child_process(function):
    """``function()``'s result, computed in a fork of this process (with its database as it is).

    Fails the test, and only the test, when the child dies instead of returning (GEOS aborts the
    whole process on some input)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        status = 1
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump(function(), pipe)
            status = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        output = pipe.read()
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        raise AssertionError(f"the child process was killed by {signal.Signals(os.WTERMSIG(status)).name}")
    assert os.WEXITSTATUS(status) == 0, "the child process failed (see its traceback above)"
    return pickle.loads(output)
