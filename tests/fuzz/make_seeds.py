#!/usr/bin/env python3
"""Writes the seed corpora under tests/fuzz/corpus/<harness>/ from the test
data in tests/data and small hand-made documents. Run from anywhere; needs
par2 (Debian's par2cmdline) for the PAR2 seeds. Inputs that start with option
bytes (see each harness) get them here. Crash regressions (regress-*) are
committed by hand and never rewritten."""
import binascii, bz2, gzip, io, os, pathlib, random, shutil, subprocess, tempfile, zipfile, zlib

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE.parent / "data"
CORPUS = HERE / "corpus"


def put(harness, name, data):
    d = CORPUS / harness
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def yenc_encode(data, line=128):
    out, col = bytearray(), 0
    for b in data:
        c = (b + 42) & 0xFF
        if c in (0, 10, 13, 61) or (col == 0 and c in (9, 32, 46)) or (col == line - 1 and c in (9, 32)):
            out += b"=" + bytes([(c + 64) & 0xFF])
            col += 2
        else:
            out.append(c)
            col += 1
        if col >= line:
            out += b"\r\n"
            col = 0
    if col:
        out += b"\r\n"
    return bytes(out)


def nzb_seeds():
    doc = (DATA / "nzb" / "nyuu.nzb").read_bytes()
    put("nzb", "plain", b"\0" + doc)
    put("nzb", "password-name", b"\1" + doc)
    put("nzb", "gzip", b"\2" + gzip.compress(doc, mtime=0))
    put("nzb", "bzip2", b"\4" + bz2.compress(doc))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.nzb", doc)
        z.writestr("b{{pw}}.nzb.gz", gzip.compress(doc, mtime=0))
        z.writestr("__MACOSX/._a.nzb", b"junk")
    put("nzb", "zip", b"\0" + buf.getvalue())
    put("nzb", "small", b'\0<?xml version="1.0"?><nzb xmlns="http://www.newzbin.com/DTD/2003/nzb"><head>'
        b'<meta type="password">pw</meta><meta type="category">tv</meta></head>'
        b'<file poster="p" date="1700000000" subject="&quot;x.r00&quot; yEnc (1/2)"><groups><group>a.b</group></groups>'
        b'<segments><segment bytes="100" number="2">b@x</segment><segment bytes="100" number="1">a@x</segment>'
        b'</segments></file></nzb>')


def nntp_seeds():
    put("nntp", "stream", b"\0\x05\x40\x07|||222 0 <a@b>\r\nline one\r\n..dot-stuffed\r\nmid.dle.\r\n..\r\n.x\r\n.\r\n"
        b"430 No Such Article\r\n222 1 <empty@b>\r\n.\r\n222 2 <lf@b>\nbare lf\n.\n222 3 <c@b>\r\n.\r.\r\n.\r\n")
    body = yenc_encode(random.Random(1).randbytes(3000))
    put("nntp", "yenc-body", b"\3\1\2\3|||200 welcome\r\n281 ok\r\n222 0 <x@y> body\r\n=ybegin line=128 size=3000 name=a.bin\r\n"
        + body + b"=yend size=3000\r\n.\r\n205 bye\r\n")
    put("nntp", "errors", b"\1\xff|||480 auth\r\n50x bad\r\n")


def yenc_seeds():
    rnd = random.Random(2)
    data = rnd.randbytes(2000)
    crc = binascii.crc32(data)
    put("yenc", "single", b"\3\x10=ybegin line=128 size=2000 name=file.bin\r\n" + yenc_encode(data)
        + b"=yend size=2000 crc32=%08x\r\n" % crc)
    part = data[:1000]
    put("yenc", "multipart", b"\1\x80=ybegin part=1 total=2 line=128 size=2000 name=file.bin\r\n=ypart begin=1 end=1000\r\n"
        + yenc_encode(part) + b"=yend size=1000 part=1 pcrc32=%08x crc32=%08x\r\n" % (binascii.crc32(part), crc))
    critical = bytes([214, 224, 227, 19, 4, 0, 255, 254]) * 40  # bytes that encode to NUL/LF/CR/=/./TAB/SPACE
    put("yenc", "escapes", b"\2\x33=ybegin line=64 size=320 name=e\r\n" + yenc_encode(critical, 64)
        + b"..\r\n=yend size=320\r\n")
    uu = b"".join(binascii.b2a_uu(data[i:i + 45]) for i in range(0, 450, 45))
    put("yenc", "uu", b"\2\x07begin 644 file.txt\n" + uu + b"`\nend\n")


def par2_seeds():
    if not shutil.which("par2"):
        print("par2 missing: no PAR2 seeds")
        return
    with tempfile.TemporaryDirectory() as t:
        rnd = random.Random(3)
        (pathlib.Path(t) / "a.bin").write_bytes(rnd.randbytes(3000))
        (pathlib.Path(t) / "b.bin").write_bytes(rnd.randbytes(1100))
        subprocess.run(["par2", "create", "-q", "-q", "-s512", "-r10", "-n1", "set.par2", "a.bin", "b.bin"],
                       cwd=t, check=True)
        main = (pathlib.Path(t) / "set.par2").read_bytes()
        vols = sorted(p for p in pathlib.Path(t).glob("set.vol*.par2"))
        put("par2", "index", b"\0" + main)
        put("par2", "index-rehash", b"\1" + main)
        if vols:
            put("par2", "index-and-volume", b"\1" + main + b"|||" + vols[0].read_bytes())


def rar_seeds():
    for f in sorted((DATA / "rar").glob("*.rar")):
        if f.stat().st_size <= 8000:
            put("rar", f.stem, f.read_bytes())


def entry_path_seeds():
    for i, s in enumerate(["a/b/c.txt\n../x", "dir/link\n../sibling", "./a//b/./c\nx/../../y", "../x\nz",
                           "a/b/c/link\n../../d/./e", "link\n/etc/passwd", "a..b/..c\n..c/..", "dir/\n"]):
        put("entry_path", "case%d" % i, s)


def http_seeds():
    put("http_form", "query", b"\0mode=addurl&name=http%3A%2F%2Fx%2Fa.nzb&apikey=K&cat=tv&priority=-1&x=%zz&&=v|||")
    put("http_form", "urlencoded", b"\3apikey=K|||application/x-www-form-urlencoded|||mode=set_config&section=misc&keyword=x+y&value=%E2%9C%93")
    body = (b"--XyZ\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\naddfile\r\n"
            b"--XyZ\r\nContent-Disposition: form-data; name=\"name\"; filename=\"job.nzb\"\r\n"
            b"Content-Type: application/x-nzb\r\n\r\n<nzb></nzb>\r\n--XyZ--\r\n")
    put("http_form", "multipart", b"\5apikey=K||||||" + body)
    put("http_form", "multipart-own-type", b"\1|||multipart/form-data; boundary=\"XyZ\"|||" + body)


def ini_seeds():
    put("ini", "sabnzbd", """__version__ = 19
__encoding__ = utf-8
[misc]
api_key = 0123456789abcdef0123456789abcdef
nzb_key = fedcba9876543210fedcba9876543210
download_dir = Downloads/incomplete
complete_dir = /data/complete
bandwidth_max = 1.5 G
cache_limit = 400M
host_whitelist = nas, nas.local,
password = "a # not a comment"
[logging]
log_level = 1
[servers]
[[news.example.com]]
name = news.example.com
host = news.example.com
port = 563
ssl = 1
username = me
password = "p,w"
connections = 8
[categories]
[[*]]
name = *
pp = 3
[[tv]]
name = tv
dir = TV
newzbin = TV > HD,
[rss]
[[My Feed]]
uri = https://indexer.example/rss?t=5000&r=KEY
cat = tv
filter0 = "", "", "", A, "S01E", 0, 1
filter1 = "", "", "", R, '.*480p.*', 0, 1
""")
    put("ini", "quotes", 'a = """x\ny"""\n[s]\nk = \'it\'\'s\', "b"\n[[i]]\n  v=1 # c\n[bad\n')


def text_seeds():
    rows = [l.split("\t")[0] for l in (DATA / "parser" / "cases.tsv").read_text().splitlines()
            if l and not l.startswith("#")]
    for i, r in enumerate(rows[::12]):
        put("release_name", "case%02d" % i, r)
    put("release_name", "path", "/tv/Show Name (2019)/Season 02/Show.Name.2019.S02E03.1080p.WEB-DL-GRP.mkv")
    for f in sorted((DATA / "tvmaze").glob("*.json")):
        put("tvmaze", f.stem, f.read_bytes())


def feed_seeds():
    item = """<item><title>Show.Name.S01E02.720p.HDTV-GRP</title><link>https://indexer.example/details/abc</link>
<guid>https://indexer.example/details/abc</guid><pubDate>Mon, 01 Jun 2026 12:00:00 +0000</pubDate>
<category>TV &gt; HD</category>
<enclosure url="https://indexer.example/getnzb/abc.nzb?r=KEY" length="734003200" type="application/x-nzb"/>
<newznab:attr name="size" value="1000"/><newznab:attr name="season" value="S01"/><newznab:attr name="episode" value="E02"/>
<newznab:attr name="tvdbid" value="12345"/><newznab:attr name="usenetdate" value="Sun, 31 May 2026 10:00:00 +0000"/></item>"""
    put("feed", "newznab", '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:newznab="http://www.newznab.com/DTD/2010/feeds/attributes/"><channel><title>indexer</title>'
        '<newznab:response offset="0" total="1"/>' + item + "<item><title>Other</title><link>/get/2</link>"
        "<description>Size: 1.50 GB</description></item></channel></rss>")
    put("feed", "atom", '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A.S01E01</title>'
        '<link rel="enclosure" href="http://x/a.nzb" length="10"/><updated>2026-06-01T12:00:00Z</updated>'
        '<category term="TV"/></entry></feed>')
    put("feed", "rdf", '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">'
        '<item><title>R</title><link>http://x/r.nzb</link></item></rdf:RDF>')
    put("feed", "caps", '<caps><server title="x"/><limits max="100" default="50"/><searching><search available="yes" '
        'supportedParams="q"/><tv-search available="yes" supportedParams="q,season,ep,tvdbid"/></searching>'
        '<categories><category id="5000" name="TV"><subcat id="5040" name="HD"/></category></categories></caps>')
    put("feed", "error", '<?xml version="1.0"?><error code="100" description="Incorrect user credentials"/>')
    put("feed", "nzb", '<?xml version="1.0"?><!DOCTYPE nzb PUBLIC "-//newzBin//DTD NZB 1.1//EN" '
        '"http://www.newzbin.com/DTD/nzb/nzb-1.1.dtd"><nzb><file subject="s"><segments>'
        '<segment bytes="1" number="1">a@b</segment></segments></file></nzb>')


if __name__ == "__main__":
    for f in (nzb_seeds, nntp_seeds, yenc_seeds, par2_seeds, rar_seeds, entry_path_seeds, http_seeds, ini_seeds,
              text_seeds, feed_seeds):
        f()
    for d in sorted(CORPUS.iterdir()):
        print(d.name, len(list(d.iterdir())), "files", sum(f.stat().st_size for f in d.iterdir()), "bytes")
