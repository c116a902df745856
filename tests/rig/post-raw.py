#!/usr/bin/python3
"""Posts a hand-made article to the rig's news server, for tests the uploader cannot make.

  post-raw.py --port P [--host H] [--tls] [--auth USER:PASS] [--message-id ID] [--subject S]
              [--from F] [--newsgroups G] [--header 'Name: value']... BODYFILE

BODYFILE ('-' for stdin) holds the body lines exactly as the reader should get them back; it is
read as bytes and split on LF (a CR before the LF is dropped). Lines starting with '.' are
dot-stuffed on the wire, as RFC 3977 requires, so a reader that un-stuffs correctly sees the
file's lines again. Lines must not contain NUL, CR or LF (NNTP cannot carry them).
Prints the Message-ID (with brackets) on success; exits 1 if the server refuses the article.
"""
import argparse
import os
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rig_nntp import Nntp, NntpError  # noqa: E402


def body_lines(data):
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # the file's final newline ends the last line, it starts no new one
    out = []
    for n, line in enumerate(lines, 1):
        if line.endswith(b"\r"):
            line = line[:-1]
        if b"\0" in line or b"\r" in line:
            raise ValueError("line %d contains NUL or CR" % n)
        out.append(line)
    return out


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--tls", action="store_true")
    ap.add_argument("--auth", help="USER:PASS")
    ap.add_argument("--message-id", help="default: a unique <rig-...@nzbd.test>")
    ap.add_argument("--subject", default="nzbd rig raw article")
    ap.add_argument("--from", dest="sender", default="nzbd test rig <rig@nzbd.test>")
    ap.add_argument("--newsgroups", default="alt.binaries.test")
    ap.add_argument("--header", action="append", default=[], help="extra header line, repeatable")
    ap.add_argument("body", help="file with the body lines, or - for stdin")
    args = ap.parse_args(argv)

    msgid = args.message_id or "rig-%d-%s@nzbd.test" % (int(time.time()), uuid.uuid4().hex[:12])
    msgid = "<" + msgid.strip("<>") + ">"
    data = sys.stdin.buffer.read() if args.body == "-" else open(args.body, "rb").read()
    try:
        lines = body_lines(data)
    except ValueError as e:
        print("post-raw: %s" % e, file=sys.stderr)
        return 2
    headers = [
        "From: " + args.sender,
        "Newsgroups: " + args.newsgroups,
        "Subject: " + args.subject,
        "Message-ID: " + msgid,
    ] + args.header
    for h in headers:
        if "\r" in h or "\n" in h or ":" not in h:
            print("post-raw: bad header %r" % h, file=sys.stderr)
            return 2

    try:
        conn = Nntp(args.host, args.port, args.tls)
        try:
            if args.auth:
                user, _, password = args.auth.partition(":")
                st = conn.login(user, password)
                if not st.startswith("281"):
                    print("post-raw: login refused: %s" % st, file=sys.stderr)
                    return 1
            st = conn.post(headers, lines)
        finally:
            conn.close()
    except (OSError, NntpError) as e:
        print("post-raw: %s" % e, file=sys.stderr)
        return 1
    if not st.startswith("240"):
        print("post-raw: article refused: %s" % st, file=sys.stderr)
        return 1
    print(msgid)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
