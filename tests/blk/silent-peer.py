#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A vhost-user peer that never answers: listens on a UNIX socket, accepts
every connection, reads and discards what arrives and replies nothing, so a
front-end must end its wait on its own timeout.  A front-end's close is
noticed and the connection dropped; the peer itself never closes one.

Usage: silent-peer.py SOCKET PIDFILE
Writes PIDFILE (atomically) once the socket listens; SIGTERM or SIGINT
removes the socket and exits 0.  Started and stopped by tests/blk/qsd.sh.
"""
import os
import selectors
import signal
import socket
import sys


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[-3], file=sys.stderr)
        return 2
    path, pidfile = sys.argv[1], sys.argv[2]
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(16)

    def finish(_signum, _frame):
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        sys.exit(0)

    signal.signal(signal.SIGTERM, finish)
    signal.signal(signal.SIGINT, finish)
    with open(pidfile + ".tmp", "w") as f:
        f.write("%d\n" % os.getpid())
    os.rename(pidfile + ".tmp", pidfile)

    sel = selectors.DefaultSelector()
    sel.register(listener, selectors.EVENT_READ)
    while True:
        for key, _ in sel.select():
            if key.fileobj is listener:
                conn, _ = listener.accept()
                sel.register(conn, selectors.EVENT_READ)
                continue
            # Drain (SCM_RIGHTS fds arrive as ancillary data and are dropped with it).
            try:
                data = key.fileobj.recv(65536)
            except OSError:
                data = b""
            if not data:
                sel.unregister(key.fileobj)
                key.fileobj.close()


if __name__ == "__main__":
    sys.exit(main())
