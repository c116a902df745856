#!/usr/bin/python3
"""A tiny NNTP client for the test rig (stdlib only).

As a command:
  rig_nntp.py [--host H] --port P [--tls] [--auth USER:PASS] [--expect CODE] [--out FILE] CMD...
sends each CMD (e.g. "GROUP alt.binaries.test", "BODY <id>") and prints every status line.
Multi-line answers are read up to the final "." and un-dot-stuffed; with --out, the data of the
last multi-line answer is written there (lines joined by CRLF, as on the wire without stuffing).
Exit status: 0 when the last status starts with --expect (or is 2xx/3xx without it), else 1.
"""
import argparse
import socket
import ssl
import sys

# Status codes followed by a multi-line block (211 only after LISTGROUP).
MULTILINE = {100, 101, 215, 220, 221, 222, 224, 225, 230, 231}


class NntpError(Exception):
    pass


class Nntp:
    def __init__(self, host, port, tls=False, timeout=30.0):
        sock = socket.create_connection((host, port), timeout=timeout)
        if tls:
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE  # the rig's certificate is self-signed
            sock = ctx.wrap_socket(sock, server_hostname=host)
        self.sock = sock
        self.file = sock.makefile("rb")
        self.greeting = self.status()

    def close(self):
        try:
            self.send_line(b"QUIT")
            self.status()
        except (OSError, NntpError):
            pass
        self.file.close()
        self.sock.close()

    def send_line(self, line):
        if isinstance(line, str):
            line = line.encode()
        self.sock.sendall(line + b"\r\n")

    def read_line(self):
        line = self.file.readline(1 << 20)
        if not line:
            raise NntpError("connection closed by server")
        return line.rstrip(b"\r\n")

    def status(self):
        line = self.read_line().decode("utf-8", "replace")
        if len(line) < 3 or not line[:3].isdigit():
            raise NntpError("bad status line: %r" % line)
        return line

    def read_data(self):
        """Reads a multi-line block and returns its lines with dot-stuffing undone."""
        lines = []
        while True:
            line = self.read_line()
            if line == b".":
                return lines
            lines.append(line[1:] if line.startswith(b"..") else line)

    def command(self, cmd):
        """Sends one command; returns (status line, data lines or None)."""
        self.send_line(cmd)
        st = self.status()
        code = int(st[:3])
        verb = cmd.split()[0].upper() if cmd.split() else ""
        multi = code in MULTILINE or (code == 211 and verb == "LISTGROUP")
        return st, (self.read_data() if multi else None)

    def login(self, user, password):
        st, _ = self.command("AUTHINFO USER " + user)
        if st.startswith("381"):
            st, _ = self.command("AUTHINFO PASS " + password)
        return st

    def post(self, header_lines, body_lines):
        """POSTs an article; body lines are bytes without line ends. Returns the final status."""
        st, _ = self.command("POST")
        if not st.startswith("340"):
            return st
        out = bytearray()
        for h in header_lines:
            out += h.encode() + b"\r\n"
        out += b"\r\n"
        for line in body_lines:
            if line.startswith(b"."):
                out += b"."  # dot-stuffing (RFC 3977 3.1.1)
            out += line + b"\r\n"
        out += b".\r\n"
        self.sock.sendall(bytes(out))
        return self.status()


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--tls", action="store_true", help="implicit TLS (certificate not verified)")
    ap.add_argument("--auth", help="USER:PASS for AUTHINFO USER/PASS before the commands")
    ap.add_argument("--expect", help="status code (prefix) the last answer must have")
    ap.add_argument("--out", help="write the last multi-line answer's data here")
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("commands", nargs="*")
    args = ap.parse_args(argv)

    try:
        conn = Nntp(args.host, args.port, args.tls, args.timeout)
    except (OSError, NntpError) as e:
        print("connect failed: %s" % e, file=sys.stderr)
        return 1
    print(conn.greeting)
    last = conn.greeting
    try:
        if args.auth:
            user, _, password = args.auth.partition(":")
            last = conn.login(user, password)
            print(last)
        for cmd in args.commands:
            last, data = conn.command(cmd)
            print(last)
            if data is not None and args.out:
                with open(args.out, "wb") as f:
                    f.write(b"".join(line + b"\r\n" for line in data))
    except (OSError, NntpError) as e:
        print("error: %s" % e, file=sys.stderr)
        return 1
    finally:
        conn.close()
    if args.expect:
        return 0 if last.startswith(args.expect) else 1
    return 0 if last[0] in "23" else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
