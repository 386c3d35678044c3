#!/usr/bin/python3
"""A real SMTP server for tests: accepts every message and writes it, as received, to DIR/NNNN.eml, headed by
X-Envelope-To (the RCPT TO addresses) and X-Sink-Peer (the client's address and port: one per SMTP connection).

Usage: smtp_sink.py DIR  — prints `smtp sink on 127.0.0.1:PORT` once it listens on a free port, then serves
until it is terminated. Uses Debian's python3-aiosmtpd.
"""
import asyncio
import itertools
import os
import signal
import socket
import sys

from aiosmtpd.controller import Controller


class SaveToDir:
    def __init__(self, directory):
        self.directory = directory
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        n = next(self.counter)
        path = os.path.join(self.directory, f"{n:04d}.eml")
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            f.write(b"X-Envelope-To: " + ", ".join(envelope.rcpt_tos).encode() + b"\r\n")
            f.write(b"X-Sink-Peer: %s:%d\r\n" % (session.peer[0].encode(), session.peer[1]))
            f.write(envelope.original_content or envelope.content)
        os.rename(tmp, path)  # readers never see half a message
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    directory = sys.argv[1]
    os.makedirs(directory, exist_ok=True)
    port = free_port()
    controller = Controller(SaveToDir(directory), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"smtp sink on 127.0.0.1:{port}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.new_event_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    loop.run_until_complete(stop.wait())
    controller.stop()


if __name__ == "__main__":
    main()
