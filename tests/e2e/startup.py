#!/usr/bin/env python3
"""Start time in a real pseudo-terminal (issue 11, "Speed"): spawn -> first full frame.

    startup.py RUNS COLS ROWS MARKER -- PROGRAM ARGS...

Spawns PROGRAM RUNS times, each in a fresh pseudo-terminal of COLS x ROWS (its controlling
terminal, the size set before exec), and times from just before the fork until MARKER (UTF-8)
has been read from the terminal, escape sequences aside (a terminal drawing moves the cursor
between the cells of one word); then sends `q` and waits for the program to exit (it is
killed after 5 s). The same harness times a trivial program when given one (`/bin/echo
READY` with marker READY), so the two figures share every cost of the harness itself.

Prints one line per run (milliseconds) and a last line `min=… median=…`; exit 1 when the
marker never came (10 s) and 2 on a usage error.
"""

import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import termios
import time


# CSI sequences (cursor moves, colours, modes) and two-byte escapes.
ESCAPES = re.compile(rb"\x1b(\[[0-9;?<=>]*[ -/]*[@-~]|[^\[])")


def once(argv, cols, rows, marker, timeout=10.0):
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        # The child: its terminal gets the size before the program can ask for it.
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    seen = b""
    took = None
    deadline = t0 + timeout
    while took is None:
        left = deadline - time.perf_counter()
        if left <= 0:
            break
        r, _, _ = select.select([fd], [], [], left)
        if not r:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if marker in ESCAPES.sub(b"", seen):
            took = time.perf_counter() - t0
    # Let the program go: `q` quits scorebook; a program already gone ignores it.
    try:
        os.write(fd, b"q")
    except OSError:
        pass
    end = time.perf_counter() + 5
    while time.perf_counter() < end:
        # Drain, so a program writing its last frame is never blocked on a full terminal.
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                if not os.read(fd, 65536):
                    pass
            except OSError:
                pass
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    os.close(fd)
    if took is None:
        tail = seen[-400:].decode("utf-8", "replace")
        sys.stderr.write(f"marker {marker!r} not seen; last output: {tail!r}\n")
    return took


def main():
    args = sys.argv[1:]
    if "--" not in args or args.index("--") != 4:
        sys.stderr.write(__doc__)
        return 2
    runs, cols, rows = int(args[0]), int(args[1]), int(args[2])
    marker = args[3].encode("utf-8")
    argv = args[5:]
    times = []
    for _ in range(runs):
        took = once(argv, cols, rows, marker)
        if took is None:
            return 1
        times.append(took * 1000)
        print(f"{took * 1000:.2f}")
    print(f"min={min(times):.2f} median={statistics.median(times):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
