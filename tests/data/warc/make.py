#!/usr/bin/env python3
"""Writes the small WARC/ARC test files in this directory (run it here:
`python3 make.py`; the output is committed, so tests never run it).

Every HTML page carries a marker `PAGE-<name>` that tests/unit/test_warc.c
looks for; everything here is written by us. Gzip output uses mtime=0 so the
files are reproducible.
"""
import gzip
import io
import os
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def gz(data):
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as f:
        f.write(data)
    return buf.getvalue()


def page(name, extra=""):
    return ("<!DOCTYPE html>\n<html><head><title>%s</title></head><body>\n"
            "<p>PAGE-%s: a short article for the WARC reader tests.%s</p>\n"
            "</body></html>\n" % (name, name, extra)).encode()


def http(body, status="200 OK", ctype="text/html; charset=utf-8", extra=b"", length=True):
    h = b"HTTP/1.1 " + status.encode() + b"\r\n"
    if ctype is not None:
        h += b"Content-Type: " + ctype.encode() + b"\r\n"
    h += extra
    if length:
        h += b"Content-Length: %d\r\n" % len(body)
    return h + b"\r\n" + body


N = [0]


def record(wtype, block, uri="http://example.org/", ctype=None, length=True, extra=b""):
    N[0] += 1
    if ctype is None:
        ctype = {"response": "application/http; msgtype=response",
                 "request": "application/http; msgtype=request",
                 "warcinfo": "application/warc-fields",
                 "metadata": "application/warc-fields",
                 "revisit": "application/http; msgtype=response"}.get(wtype, "text/html")
    h = b"WARC/1.0\r\n"
    h += b"WARC-Type: " + wtype.encode() + b"\r\n"
    h += b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>\r\n" % N[0]
    h += b"WARC-Date: 2024-03-0%dT12:00:00Z\r\n" % (N[0] % 9 + 1)
    if wtype != "warcinfo":
        h += b"WARC-Target-URI: " + uri.encode() + b"\r\n"
    h += b"Content-Type: " + ctype.encode() + b"\r\n"
    h += extra
    if length:
        h += b"Content-Length: %d\r\n" % len(block)
    return h + b"\r\n" + block + b"\r\n\r\n"


def chunk(data, sizes):
    out, i = b"", 0
    for s in sizes:
        out += b"%x\r\n" % s + data[i:i + s] + b"\r\n"
        i += s
    if i < len(data):
        out += b"%x\r\n" % (len(data) - i) + data[i:] + b"\r\n"
    return out + b"0\r\n\r\n"


def mixed():
    """One record of each kind; 4 HTML pages among them."""
    req = b"GET / HTTP/1.1\r\nHost: example.org\r\n\r\n"
    return [
        record("warcinfo", b"software: make.py\r\nformat: WARC File Format 1.0\r\n"),
        record("request", req, "http://example.org/a"),
        record("response", http(page("mixed-a")), "http://example.org/a"),
        record("response", http(b"\x89PNG\r\n\x1a\n" + bytes(range(64)), ctype="image/png"),
               "http://example.org/logo.png"),
        record("response", http(page("not-found"), status="404 Not Found"), "http://example.org/404"),
        record("response", http(gz(page("mixed-gzip")), extra=b"Content-Encoding: gzip\r\n"),
               "http://example.org/gz"),
        record("revisit", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n", "http://example.org/a"),
        record("metadata", b"via: http://example.org/\r\n", "http://example.org/a"),
        record("resource", page("mixed-resource"), "http://example.org/res",
               ctype="text/html; charset=windows-1252"),
        record("response", http(page("mixed-sniffed"), ctype=None), "http://example.org/sniff"),
        record("response", http(b"plain words, not a page\n", ctype="text/plain"),
               "http://example.org/t.txt"),
        record("response", http(page("mixed-redirect"), status="301 Moved Permanently"),
               "http://example.org/r"),
    ]


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def main():
    recs = mixed()
    write("mixed.warc", b"".join(recs))
    write("mixed-per-record.warc.gz", b"".join(gz(r) for r in recs))
    write("mixed-whole.warc.gz", gz(b"".join(recs)))
    # gzip members of 97 inflated bytes each, cutting across records (like BGZF)
    plain = b"".join(recs)
    write("mixed-split.warc.gz", b"".join(gz(plain[i:i + 97]) for i in range(0, len(plain), 97)))

    # chunked transfer encoding: good, broken in the middle, declared but absent
    body = page("chunked-good", " " + "x" * 300)
    bad = chunk(page("chunked-bad"), [40, 30])
    bad = bad.replace(b"1e\r\n", b"zz\r\n", 1)  # the second size line is not hex
    te = b"Transfer-Encoding: chunked\r\n"
    write("chunked.warc", b"".join([
        record("response", http(chunk(body, [100, 7, 150]), extra=te, length=False),
               "http://example.org/c1"),
        record("response", http(bad, extra=te, length=False), "http://example.org/c2"),
        record("response", http(page("chunked-absent"), extra=te, length=False),
               "http://example.org/c3"),
        record("response", http(chunk(gz(page("chunked-gzip")), [50]),
                                extra=te + b"Content-Encoding: gzip\r\n", length=False),
               "http://example.org/c4"),
    ]))

    # truncated last record, plain and gzip (the last member cut short)
    good = [record("response", http(page("trunc-1")), "http://example.org/t1"),
            record("response", http(page("trunc-2")), "http://example.org/t2")]
    last = record("response", http(page("trunc-3", " " + "y" * 400)), "http://example.org/t3")
    write("truncated-last.warc", b"".join(good) + last[:len(last) // 2])
    lastgz = gz(last)
    write("truncated-last.warc.gz", b"".join(gz(r) for r in good) + lastgz[:len(lastgz) // 2])

    # a gzip member broken in the middle of the file, then good ones again
    members = [gz(record("response", http(page("gzmid-%d" % i, " " + "z" * 200)),
                         "http://example.org/g%d" % i)) for i in range(1, 6)]
    cut = members[1][:len(members[1]) // 2]           # truncated member
    corrupt = bytearray(members[3])
    for k in range(30, 60):
        corrupt[k] ^= 0x55                             # corrupt deflate data
    write("broken-members.warc.gz", members[0] + cut + members[2] + bytes(corrupt) + members[4])

    # garbage between records, and a Content-Length that runs into the next record
    r1 = record("response", http(page("garbage-1")), "http://example.org/1")
    r2 = record("response", http(page("garbage-2")), "http://example.org/2")
    r3 = record("response", http(page("garbage-3")), "http://example.org/3")
    r4 = record("response", http(page("garbage-4")), "http://example.org/4")
    r5 = record("response", http(page("garbage-5")), "http://example.org/5")
    n4 = len(r4.split(b"\r\n\r\n", 1)[1]) - 4
    long4 = r4.replace(b"Content-Length: %d\r\n" % n4, b"Content-Length: %d\r\n" % (n4 + 60), 1)
    assert long4 != r4
    write("garbage.warc", b"some junk before the first record\n" + r1 +
          b"\x00\x01 binary junk\nmore junk\n" + r2 + long4 + r3 + r5 + b"trailing junk")

    # records without Content-Length, plain and per-record gzip
    nl = [record("response", http(page("nolen-1")), "http://example.org/n1"),
          record("response", http(page("nolen-2")), "http://example.org/n2", length=False),
          record("request", b"GET /n3 HTTP/1.1\r\n\r\n", "http://example.org/n3", length=False),
          record("response", http(page("nolen-4")), "http://example.org/n4", length=False)]
    write("no-length.warc", b"".join(nl))
    write("no-length.warc.gz", b"".join(gz(r) for r in nl))

    # odd but readable records
    def lf_only(wtype, block, uri):
        """A record with LF line ends only, in the WARC and the HTTP header."""
        rec = record(wtype, block.replace(b"\r\n", b"\n"), uri)
        head, rest = rec.split(b"\r\n\r\n", 1)
        return head.replace(b"\r\n", b"\n") + b"\n\n" + rest[:-4] + b"\n\n"
    raw = zlib.compressobj(6, zlib.DEFLATED, -15)
    raw_deflate = raw.compress(page("odd-deflate-raw")) + raw.flush()
    write("odd.warc", b"".join([
        lf_only("response", http(page("odd-lf")), "http://example.org/lf"),
        record("response", http(b"\x1b\x00\x00\x00brotli", extra=b"Content-Encoding: br\r\n"),
               "http://example.org/br"),
        record("response", http(raw_deflate, extra=b"Content-Encoding: deflate\r\n"),
               "http://example.org/raw"),
        record("response", http(zlib.compress(page("odd-deflate-zlib")),
                                extra=b"Content-Encoding: deflate\r\n"), "http://example.org/z"),
        record("response", http(page("odd-truncated")), "http://example.org/tr",
               extra=b"WARC-Truncated: length\r\n"),
        record("continuation", page("odd-continuation"), "http://example.org/seg",
               extra=b"WARC-Segment-Number: 2\r\n"),
        record("response", http(page("odd-http2")).replace(b"HTTP/1.1 200 OK", b"HTTP/2 200", 1),
               "http://example.org/h2"),
        record("response", http(page("odd-not-gzip"), extra=b"Content-Encoding: gzip\r\n"),
               "http://example.org/ng"),
        record("response", http(page("odd-xhtml"), ctype="application/xhtml+xml"),
               "http://example.org/x"),
        record("response", b"", "http://example.org/empty"),  # nothing captured
    ]))

    # ARC version 1, plain and per-record gzip
    vblock = (b"1 0 newsgraph tests\n"
              b"URL IP-address Archive-date Content-type Archive-length\n")
    filedesc = b"filedesc://test.arc 0.0.0.0 20240301120000 text/plain %d\n" % len(vblock) + vblock + b"\n"
    def arc(url, mime, block, date=b"20240301120000"):
        return (url.encode() + b" 192.0.2.1 " + date + b" " + mime.encode() +
                b" %d\n" % len(block) + block + b"\n")
    arcs = [filedesc,
            arc("http://example.org/arc 1", "text/html", http(page("arc-1"))),
            arc("dns:example.org", "text/dns", b"20240301120000\nexample.org. 300 IN A 192.0.2.1\n"),
            arc("http://example.org/img.gif", "image/gif", http(b"GIF89a....", ctype="image/gif")),
            arc("http://example.org/arc2", "text/html", http(page("arc-2")), b"20240302101010")]
    write("small.arc", b"".join(arcs))
    write("small.arc.gz", b"".join(gz(a) for a in arcs))


if __name__ == "__main__":
    main()
