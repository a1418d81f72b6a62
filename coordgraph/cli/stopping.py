"""Stop cleanly on Ctrl-C, SIGTERM and SIGHUP: only the command installs this.

The handler raises :class:`Stopped`, so every ``finally`` block runs on the
way out: a temporary file is removed, and ``subprocess.run`` kills a ``dot``
it started. The exit code is the shell's for a signal: 128 + its number
(130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP), never a findings code.
"""

import signal

#: The signals that stop a command; SIGHUP does not exist on Windows.
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
                     if hasattr(signal, name))


class Stopped(SystemExit):
    """A signal asked the command to stop; ``code`` is 128 + the signal's number.

    A :class:`SystemExit`, so that click and ``except Exception`` let it pass.

    >>> Stopped(signal.SIGTERM).code
    143
    """

    def __init__(self, signum: int):
        super().__init__(128 + signum)
        self.signum = signum

    def __str__(self):
        return f"interrupted ({signal.Signals(self.signum).name})"


def stop_on_signals() -> None:
    """Make Ctrl-C, SIGTERM and SIGHUP raise :class:`Stopped`.

    A signal that was ignored when the command started stays ignored
    (``nohup coordgraph ...`` survives the terminal closing). Only the first
    signal raises: the clean-up it starts is short, and a second Ctrl-C must
    not cut it half-way.
    """
    stopping: list[int] = []

    def stop(signum, frame):
        if stopping:
            return
        stopping.append(signum)
        raise Stopped(signum)

    for signum in STOP_SIGNALS:
        if signal.getsignal(signum) is not signal.SIG_IGN:
            signal.signal(signum, stop)
