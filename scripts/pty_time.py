#!/usr/bin/env python3
"""Times whole processes under a pseudo-terminal, for scripts/bench.sh.

usage: pty_time.py RUNS COLSxROWS [ENV=VALUE ...] -- COMMAND [ARGS...] [:: [ENV=VALUE ...] -- COMMAND ...]

Runs each COMMAND RUNS times in a fresh pty of the given size (its output is read and
discarded, as a terminal would). With several commands (separated by `::`) the runs are
interleaved, so that noise on a shared machine hits all of them alike. Prints one line
per command:
    median_ms=<float> min_ms=<float>
A run that exits non-zero, or takes longer than 60 s, fails the script.
(Peak memory is not measured here: a child forked from Python inherits Python's peak.)
"""

import fcntl
import os
import pty
import select
import statistics
import struct
import sys
import termios
import time


def run_once(cols, rows, env, argv):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(env)
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    deadline = start + 60
    done, status, usage = 0, 0, None
    while True:
        r, _, _ = select.select([fd], [], [], 0.5)
        if r:
            try:
                if not os.read(fd, 65536):
                    break
            except OSError:
                break
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            # Drain what is left, then stop.
            try:
                while select.select([fd], [], [], 0)[0] and os.read(fd, 65536):
                    pass
            except OSError:
                pass
            break
        if time.perf_counter() > deadline:
            os.kill(pid, 9)
            sys.exit(f"timed out: {' '.join(argv)}")
    if not done:
        done, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    os.close(fd)
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"exit status {code}: {' '.join(argv)}")
    return elapsed, usage.ru_maxrss


def parse_group(args):
    env = {}
    while args and args[0] != "--":
        k, v = args.pop(0).split("=", 1)
        env[k] = v
    return env, args[1:]


def main():
    args = sys.argv[1:]
    runs = int(args.pop(0))
    cols, rows = (int(x) for x in args.pop(0).split("x"))
    groups, current = [], []
    for a in args:
        if a == "::":
            groups.append(parse_group(current))
            current = []
        else:
            current.append(a)
    groups.append(parse_group(current))
    times = [[] for _ in groups]
    for env, argv in groups:
        run_once(cols, rows, env, argv)  # warm-up
    for _ in range(runs):
        for i, (env, argv) in enumerate(groups):
            t, _ = run_once(cols, rows, env, argv)
            times[i].append(t * 1000)
    for t in times:
        print(f"median_ms={statistics.median(t):.2f} min_ms={min(t):.2f}")


if __name__ == "__main__":
    main()
