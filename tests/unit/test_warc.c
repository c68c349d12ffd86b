/*
** test_warc.c -- the WARC / ARC reader (src/io/warc.c) on the files in
** tests/data/warc (written by make.py there) and on the shared web-archive
** test files in ../shared/data/warc when present: which pages come out, in
** which order, the record counts, the exact error messages, that reading
** goes on after a broken record without losing a good one, the record
** size cap, reading from memory, and format detection through ng_reader.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <zlib.h>

#include "core/core.h"
#include "io/warc.h"

#define DATA NG_TEST_DIR "/data/warc/"

/* What one read of an archive gave. */
typedef struct result {
	char pages[4096];    /* "PAGE-x,PAGE-y" markers of the pages, in order */
	char errors[8192];   /* reader messages, one per line */
	char warnings[4096]; /* page warnings, one per line */
	ng_warc_counts counts;
	int n_pages;
	/* fields of the first page */
	char first_id[128], first_url[128], first_date[64], first_ctype[64];
	long long first_offset;
} result;

static void cat(char *dst, size_t cap, const char *s, const char *sep)
{
	size_t n = strlen(dst);
	snprintf(dst + n, cap - n, "%s%s", (n && sep) ? sep : "", s);
}

static void marker(const ng_doc *d, char *out, size_t cap)
{
	const char *m = strstr(d->raw, "PAGE-");
	size_t n = 0;
	if (m)
		while (m[n] && m[n] != ':' && m[n] != '<' && n + 1 < cap)
			n++;
	snprintf(out, cap, "%.*s", (int)n, m ? m : "?");
}

static void read_stream(FILE *f, const char *name, size_t max_record, result *res)
{
	memset(res, 0, sizeof(*res));
	ng_warc *w = ng_warc_open(f, name, max_record, NULL, 0);
	assert_non_null(w);
	ng_doc *doc = ng_doc_create(0);
	assert_non_null(doc);
	for (int guard = 0; guard < 100000; guard++) {
		ng_doc_reset(doc);
		ng_status st = ng_warc_next(w, doc);
		if (st == NG_DONE)
			break;
		if (st != NG_OK) {
			assert_true(st == NG_EPARSE || st == NG_ELIMIT);
			cat(res->errors, sizeof res->errors, ng_warc_errmsg(w), "\n");
			continue;
		}
		/* every page: HTML bytes, NUL-terminated, with its identity */
		assert_int_equal(doc->raw_kind, NG_RAW_HTML);
		assert_int_equal(doc->raw[doc->raw_len], '\0');
		assert_true(doc->assigned & NG_F_RAW);
		assert_non_null(doc->id);
		assert_non_null(doc->source_path);
		assert_true(doc->source_offset >= 0);
		char m[128];
		marker(doc, m, sizeof m);
		cat(res->pages, sizeof res->pages, m, ",");
		for (size_t e = 0; e < doc->n_errors; e++) {
			char line[700];
			snprintf(line, sizeof line, "%s: %s", m, doc->errors[e].message);
			cat(res->warnings, sizeof res->warnings, line, "\n");
		}
		if (res->n_pages++ == 0) {
			snprintf(res->first_id, sizeof res->first_id, "%s", doc->id);
			snprintf(res->first_url, sizeof res->first_url, "%s",
				 doc->source_url ? doc->source_url : "");
			snprintf(res->first_date, sizeof res->first_date, "%s", doc->date ? doc->date : "");
			snprintf(res->first_ctype, sizeof res->first_ctype, "%s",
				 doc->content_type ? doc->content_type : "");
			res->first_offset = (long long)doc->source_offset;
		}
	}
	ng_warc_counts_get(w, &res->counts);
	ng_warc_close(w);
	ng_doc_destroy(doc);
}

static void read_file(const char *path, const char *name, size_t max_record, result *res)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	read_stream(f, name, max_record, res);
	fclose(f);
}

static void check_counts(const result *r, uint64_t records, uint64_t pages, uint64_t type,
			 uint64_t status, uint64_t media, uint64_t errors)
{
	assert_int_equal(r->counts.records, records);
	assert_int_equal(r->counts.pages, pages);
	assert_int_equal(r->counts.skipped_type, type);
	assert_int_equal(r->counts.skipped_status, status);
	assert_int_equal(r->counts.skipped_media, media);
	assert_int_equal(r->counts.errors, errors);
	assert_int_equal(r->n_pages, (int)pages);
}

/* ---- our own files */

static const char *mixed_pages = "PAGE-mixed-a,PAGE-mixed-gzip,PAGE-mixed-resource,PAGE-mixed-sniffed";

static void test_mixed_plain(void **state)
{
	(void)state;
	result r;
	read_file(DATA "mixed.warc", "mixed.warc", 0, &r);
	assert_string_equal(r.pages, mixed_pages);
	assert_string_equal(r.errors, "");
	assert_string_equal(r.warnings, "");
	/* warcinfo, request, revisit, metadata; 404 and 301; png and text/plain */
	check_counts(&r, 12, 4, 4, 2, 2, 0);
	assert_string_equal(r.first_id, "urn:uuid:00000000-0000-0000-0000-000000000003");
	assert_string_equal(r.first_url, "http://example.org/a");
	assert_string_equal(r.first_date, "2024-03-04T12:00:00Z");
	assert_string_equal(r.first_ctype, "text/html; charset=utf-8");
	/* the third record starts after the first two */
	assert_true(r.first_offset > 300 && r.first_offset < 1000);
}

static void test_mixed_gzip(void **state)
{
	(void)state;
	result plain, per, whole;
	read_file(DATA "mixed.warc", "mixed.warc", 0, &plain);
	read_file(DATA "mixed-per-record.warc.gz", "per", 0, &per);
	read_file(DATA "mixed-whole.warc.gz", "whole", 0, &whole);
	assert_string_equal(per.pages, mixed_pages);
	assert_string_equal(whole.pages, mixed_pages);
	assert_string_equal(per.errors, "");
	assert_string_equal(whole.errors, "");
	check_counts(&per, 12, 4, 4, 2, 2, 0);
	check_counts(&whole, 12, 4, 4, 2, 2, 0);
	/* per-record gzip: the offset is that of the record's gzip member,
	** smaller than in the plain file; whole-file gzip: its only member */
	assert_true(per.first_offset > 0 && per.first_offset < plain.first_offset);
	assert_int_equal(whole.first_offset, 0);
	assert_string_equal(per.first_id, plain.first_id);
	/* members that cut across records: the offset is the member the record
	** starts in */
	result split;
	read_file(DATA "mixed-split.warc.gz", "split", 0, &split);
	assert_string_equal(split.pages, mixed_pages);
	assert_string_equal(split.errors, "");
	check_counts(&split, 12, 4, 4, 2, 2, 0);
	assert_true(split.first_offset > per.first_offset);
}

/* The payload bytes of the pages: de-chunked, decompressed. */
static void test_payloads(void **state)
{
	(void)state;
	FILE *f = fopen(DATA "mixed.warc", "rb");
	assert_non_null(f);
	ng_warc *w = ng_warc_open(f, "mixed.warc", 0, NULL, 0);
	ng_doc *d = ng_doc_create(0);
	int n = 0;
	ng_status st;
	while ((st = ng_warc_next(w, d)) != NG_DONE) {
		assert_int_equal(st, NG_OK);
		/* every page is exactly what make.py's page() wrote */
		assert_memory_equal(d->raw, "<!DOCTYPE html>\n<html><head><title>", 35);
		assert_true(d->raw_len > 100 && d->raw_len < 300);
		assert_string_equal(d->raw + d->raw_len - 15, "</body></html>\n");
		if (strstr(d->raw, "PAGE-mixed-resource"))
			assert_string_equal(d->content_type, "text/html; charset=windows-1252");
		if (strstr(d->raw, "PAGE-mixed-sniffed"))
			assert_null(d->content_type); /* no Content-Type at all */
		n++;
		ng_doc_reset(d);
	}
	assert_int_equal(n, 4);
	ng_warc_close(w);
	ng_doc_destroy(d);
	fclose(f);
}

static void test_chunked(void **state)
{
	(void)state;
	result r;
	read_file(DATA "chunked.warc", "chunked.warc", 0, &r);
	assert_string_equal(r.pages,
			    "PAGE-chunked-good,PAGE-chunked-bad,PAGE-chunked-absent,PAGE-chunked-gzip");
	check_counts(&r, 4, 4, 0, 0, 0, 0);
	assert_string_equal(r.warnings,
			    "PAGE-chunked-bad: record at offset 815: bad chunked encoding at payload "
			    "byte 46; the rest is kept as stored\n"
			    "PAGE-chunked-absent: record at offset 1322: Transfer-Encoding: chunked, "
			    "but the payload is not chunked; used as stored");
	/* the good one is de-chunked exactly: no size lines, no CR LF left */
	FILE *f = fopen(DATA "chunked.warc", "rb");
	ng_warc *w = ng_warc_open(f, "c", 0, NULL, 0);
	ng_doc *d = ng_doc_create(0);
	assert_int_equal(ng_warc_next(w, d), NG_OK);
	assert_null(strstr(d->raw, "\r\n"));
	assert_non_null(strstr(d->raw, "PAGE-chunked-good: a short article"));
	assert_string_equal(d->raw + d->raw_len - 15, "</body></html>\n");
	ng_doc_reset(d);
	ng_status st;
	while ((st = ng_warc_next(w, d)) == NG_OK) {
		if (strstr(d->raw, "PAGE-chunked-gzip")) /* chunked, then gzip */
			assert_memory_equal(d->raw, "<!DOCTYPE html>", 15);
		ng_doc_reset(d);
	}
	assert_int_equal(st, NG_DONE);
	ng_warc_close(w);
	ng_doc_destroy(d);
	fclose(f);
}

static void test_truncated_last(void **state)
{
	(void)state;
	result r;
	read_file(DATA "truncated-last.warc", "truncated-last.warc", 0, &r);
	assert_string_equal(r.pages, "PAGE-trunc-1,PAGE-trunc-2");
	assert_string_equal(r.errors, "truncated-last.warc: record at offset 938: truncated: the "
				      "file ends 435 bytes into a record of 866 bytes; skipped");
	check_counts(&r, 3, 2, 0, 0, 0, 1);
	read_file(DATA "truncated-last.warc.gz", "truncated-last.warc.gz", 0, &r);
	assert_string_equal(r.pages, "PAGE-trunc-1,PAGE-trunc-2");
	assert_string_equal(r.errors, "truncated-last.warc.gz: record at offset 625: truncated gzip "
				      "member; skipped");
	assert_int_equal(r.counts.errors, 1);
}

/* A truncated member and a corrupt one in the middle: every good member
** after them is still read. */
static void test_broken_members(void **state)
{
	(void)state;
	result r;
	read_file(DATA "broken-members.warc.gz", "b.warc.gz", 0, &r);
	assert_string_equal(r.pages, "PAGE-gzmid-1,PAGE-gzmid-3,PAGE-gzmid-5");
	assert_string_equal(r.errors,
			    "b.warc.gz: record at offset 320: corrupt gzip member (invalid distance "
			    "too far back); skipped\n"
			    "b.warc.gz: offset 802: corrupt gzip member (invalid bit length repeat); "
			    "skipped");
	assert_int_equal(r.counts.errors, 2);
	assert_int_equal(r.counts.pages, 3);
}

/* Garbage before, between and after records, and a record whose
** Content-Length runs into the next one: all reported, no good record lost. */
static void test_garbage(void **state)
{
	(void)state;
	result r;
	read_file(DATA "garbage.warc", "garbage.warc", 0, &r);
	assert_string_equal(r.pages, "PAGE-garbage-1,PAGE-garbage-2,PAGE-garbage-3,PAGE-garbage-5");
	assert_string_equal(r.errors,
			    "garbage.warc: offset 0: 34 bytes of garbage before the next record; skipped\n"
			    "garbage.warc: offset 506: 25 bytes of garbage before the next record; skipped\n"
			    "garbage.warc: record at offset 1003: its length (287) runs into the next "
			    "record; skipped\n"
			    "garbage.warc: offset 2419: 13 bytes of garbage at the end of the file; skipped");
	check_counts(&r, 5, 4, 0, 0, 0, 4);
}

static void test_no_length(void **state)
{
	(void)state;
	const char *files[] = {"no-length.warc", "no-length.warc.gz"};
	for (int i = 0; i < 2; i++) {
		char p[512];
		snprintf(p, sizeof p, DATA "%s", files[i]);
		result r;
		read_file(p, files[i], 0, &r);
		assert_string_equal(r.pages, "PAGE-nolen-1,PAGE-nolen-2,PAGE-nolen-4");
		check_counts(&r, 4, 3, 1, 0, 0, 0);
		assert_non_null(strstr(r.warnings, "PAGE-nolen-2: record at offset "));
		assert_non_null(strstr(r.warnings, "PAGE-nolen-4: record at offset "));
		assert_non_null(strstr(r.warnings, ": no Content-Length; the block was taken up to "
						   "the next record"));
	}
	/* the page taken up to the next record is the page, without the
	** record's trailing CR LF CR LF */
	FILE *f = fopen(DATA "no-length.warc", "rb");
	ng_warc *w = ng_warc_open(f, "n", 0, NULL, 0);
	ng_doc *d = ng_doc_create(0);
	assert_int_equal(ng_warc_next(w, d), NG_OK);
	ng_doc_reset(d);
	assert_int_equal(ng_warc_next(w, d), NG_OK);
	assert_non_null(strstr(d->raw, "PAGE-nolen-2"));
	assert_string_equal(d->raw + d->raw_len - 15, "</body></html>\n");
	ng_warc_close(w);
	ng_doc_destroy(d);
	fclose(f);
}

static void test_arc(void **state)
{
	(void)state;
	const char *files[] = {"small.arc", "small.arc.gz"};
	for (int i = 0; i < 2; i++) {
		char p[512];
		snprintf(p, sizeof p, DATA "%s", files[i]);
		result r;
		read_file(p, files[i], 0, &r);
		assert_string_equal(r.pages, "PAGE-arc-1,PAGE-arc-2");
		assert_string_equal(r.errors, "");
		/* filedesc and dns records by type, the GIF by media type */
		check_counts(&r, 5, 2, 2, 0, 1, 0);
		assert_string_equal(r.first_url, "http://example.org/arc 1"); /* a space in the URL */
		assert_string_equal(r.first_id, "http://example.org/arc 1");
		assert_string_equal(r.first_date, "2024-03-01T12:00:00Z");
		assert_string_equal(r.first_ctype, "text/html; charset=utf-8");
	}
}

/* Odd but readable: LF-only lines, raw and zlib deflate, HTTP/2 status
** line, XHTML, a crawler-truncated payload, an unsupported encoding and a
** continuation record (passed over), "gzip" that is not compressed. */
static void test_odd(void **state)
{
	(void)state;
	result r;
	read_file(DATA "odd.warc", "odd.warc", 0, &r);
	assert_string_equal(r.pages, "PAGE-odd-lf,PAGE-odd-deflate-raw,PAGE-odd-deflate-zlib,"
				     "PAGE-odd-truncated,PAGE-odd-http2,PAGE-odd-not-gzip,PAGE-odd-xhtml");
	assert_string_equal(r.errors, "");
	check_counts(&r, 10, 7, 1, 0, 1, 0); /* an empty response is "not HTML" */
	assert_int_equal(r.counts.skipped_encoding, 1);
	assert_string_equal(r.warnings,
			    "PAGE-odd-truncated: record at offset 1769: the crawler truncated this "
			    "payload (WARC-Truncated: length)\n"
			    "PAGE-odd-not-gzip: record at offset 3153: Content-Encoding gzip, but the "
			    "payload is not compressed; used as stored");
}

/* A small record cap: HTML pages over it are reported, the rest goes on;
** non-HTML records over it are passed over without a word. */
static void test_max_record(void **state)
{
	(void)state;
	result r;
	read_file(DATA "mixed.warc", "mixed.warc", 100, &r);
	assert_non_null(strstr(r.errors, "mixed.warc: record at offset "));
	assert_non_null(strstr(r.errors, "over the limit of 100 bytes (--max-bytes); skipped"));
	assert_int_equal(r.counts.pages + r.counts.errors, 4);
	assert_int_equal(r.counts.errors, 4);
	assert_int_equal(r.counts.skipped_type, 4);
	assert_int_equal(r.counts.skipped_status, 2);
	assert_int_equal(r.counts.skipped_media, 2);
	/* over the cap and cut short by the end of the file: said so */
	static char big[] = "WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\n"
			    "Content-Length: 5000\r\n\r\n<p>only a few bytes</p>";
	FILE *m = fmemopen(big, sizeof big - 1, "rb");
	read_stream(m, "big", 100, &r);
	fclose(m);
	assert_string_equal(r.errors, "big: record at offset 0: truncated: the file ends 103 bytes "
				      "into a record of 5080 bytes; skipped");
	assert_int_equal(r.counts.errors, 1);
	/* the same past the first 64 KiB, where the reader stops keeping it */
	size_t n = 80000;
	char *huge = malloc(n);
	assert_non_null(huge);
	int h = snprintf(huge, n, "WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\n"
				  "Content-Length: 200000\r\n\r\n<p>");
	memset(huge + h, 'x', n - (size_t)h);
	m = fmemopen(huge, n, "rb");
	read_stream(m, "huge", 100, &r);
	fclose(m);
	free(huge);
	assert_string_equal(r.errors, "huge: record at offset 0: truncated, inside a payload of "
				      "200000 bytes that is over the limit of 100 bytes (--max-bytes); "
				      "skipped");
	assert_int_equal(r.counts.errors, 1);
}

/* From memory (as the fuzz target reads), byte for byte the same. */
static void test_memory(void **state)
{
	(void)state;
	FILE *f = fopen(DATA "mixed-whole.warc.gz", "rb");
	assert_non_null(f);
	static char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	FILE *m = fmemopen(buf, n, "rb");
	assert_non_null(m);
	result r;
	read_stream(m, "mem", 0, &r);
	fclose(m);
	assert_string_equal(r.pages, mixed_pages);
	/* the first bytes given as a prefix, the rest from the stream */
	m = fmemopen(buf + 100, n - 100, "rb");
	ng_warc *w = ng_warc_open(m, "prefix", 0, buf, 100);
	ng_doc *d = ng_doc_create(0);
	int pages = 0;
	ng_status st;
	while ((st = ng_warc_next(w, d)) == NG_OK) {
		pages++;
		ng_doc_reset(d);
	}
	assert_int_equal(st, NG_DONE);
	assert_int_equal(pages, 4);
	ng_warc_close(w);
	ng_doc_destroy(d);
	fclose(m);
	/* nothing, or nothing but garbage */
	static const char *odd[] = {"", "\r\n\r\n", "hello world\n", "WARC/1.0\r\n",
				    "\x1f\x8b\x08\x00", "WARC/1.0\r\nContent-Length: 5\r\n\r\nab"};
	for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
		char tmp[64];
		size_t l = strlen(odd[i]);
		memcpy(tmp, odd[i], l);
		m = l ? fmemopen(tmp, l, "rb") : fopen("/dev/null", "rb");
		read_stream(m, "odd", 0, &r);
		fclose(m);
		assert_int_equal(r.n_pages, 0);
		assert_int_equal(r.counts.errors, i < 2 ? 0 : 1);
	}
}

/* ---- large records, built in memory */

static size_t put(char *dst, const char *s, size_t n)
{
	memcpy(dst, s, n);
	return n;
}

/* gzip of in[0..n) into a new buffer */
static char *gzip_mem(const char *in, size_t n, size_t *out_n)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
	size_t cap = deflateBound(&z, (uLong)n);
	char *out = malloc(cap);
	assert_non_null(out);
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)n;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	*out_n = cap - z.avail_out;
	deflateEnd(&z);
	return out;
}

/* Appends a WARC record with the given header lines and block. */
static size_t big_record(char *dst, const char *fields, const char *blk_head, const char *body,
			 size_t body_n)
{
	char h[512];
	size_t bh = strlen(blk_head);
	int k = snprintf(h, sizeof h, "WARC/1.0\r\n%sContent-Length: %zu\r\n\r\n", fields,
			 bh + body_n);
	size_t o = put(dst, h, (size_t)k);
	o += put(dst + o, blk_head, bh);
	o += put(dst + o, body, body_n);
	o += put(dst + o, "\r\n\r\n", 4);
	return o;
}

/* Pages far larger than the reader's first buffers (window growth, payload
** inflation growth), plain and whole-file gzip; and the caps on them. */
static void test_large(void **state)
{
	(void)state;
	size_t page_n = 600000, z_n = 2000000;
	char *page = malloc(page_n), *zp = malloc(z_n);
	assert_non_null(page);
	assert_non_null(zp);
	memset(page, 'a', page_n);
	memcpy(page, "<html><body><p>PAGE-large-plain: ", 34);
	memcpy(page + page_n - 4, "</p>", 4);
	for (size_t i = 0; i < z_n; i++)
		zp[i] = "lorem ipsum dolor "[i % 18];
	memcpy(zp, "<html><body><p>PAGE-large-gzip: ", 32);
	size_t gz_n;
	char *gzb = gzip_mem(zp, z_n, &gz_n);
	char *img = calloc(1, 300000);
	assert_non_null(img);
	char *file = malloc(page_n + gz_n + 300000 + 8192);
	assert_non_null(file);
	size_t n = 0;
	n += big_record(file + n, "WARC-Type: resource\r\nContent-Type: text/html\r\n", "", page,
			page_n);
	n += big_record(file + n, "WARC-Type: response\r\nContent-Type: application/http\r\n",
			"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n",
			gzb, gz_n);
	n += big_record(file + n, "WARC-Type: response\r\nContent-Type: application/http\r\n",
			"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n", img, 300000);
	n += big_record(file + n, "WARC-Type: resource\r\nContent-Type: text/html\r\n", "",
			"<p>PAGE-large-small</p>", 23);
	size_t whole_n;
	char *whole = gzip_mem(file, n, &whole_n);
	for (int pass = 0; pass < 2; pass++) {
		FILE *m = pass ? fmemopen(whole, whole_n, "rb") : fmemopen(file, n, "rb");
		assert_non_null(m);
		ng_warc *w = ng_warc_open(m, "large", 0, NULL, 0);
		ng_doc *d = ng_doc_create(0);
		assert_int_equal(ng_warc_next(w, d), NG_OK);
		assert_int_equal(d->raw_len, page_n);
		assert_memory_equal(d->raw, page, page_n);
		ng_doc_reset(d);
		assert_int_equal(ng_warc_next(w, d), NG_OK);
		assert_int_equal(d->raw_len, z_n);
		assert_memory_equal(d->raw, zp, z_n);
		ng_doc_reset(d);
		assert_int_equal(ng_warc_next(w, d), NG_OK);
		assert_string_equal(d->raw, "<p>PAGE-large-small</p>");
		ng_doc_reset(d);
		assert_int_equal(ng_warc_next(w, d), NG_DONE);
		ng_warc_counts c;
		ng_warc_counts_get(w, &c);
		assert_int_equal(c.records, 4);
		assert_int_equal(c.skipped_media, 1);
		ng_warc_close(w);
		fclose(m);
		/* with a 1 MB cap: the 2 MB inflated page is refused, the rest read */
		result r;
		m = pass ? fmemopen(whole, whole_n, "rb") : fmemopen(file, n, "rb");
		read_stream(m, "large", 1000000, &r);
		fclose(m);
		assert_string_equal(r.pages, "PAGE-large-plain,PAGE-large-small");
		assert_non_null(strstr(r.errors, "decompressed payload is over the limit of 1000000 bytes "
						 "(--max-bytes); skipped"));
		/* with a 100 KB cap: both big pages refused; the image passed over */
		m = pass ? fmemopen(whole, whole_n, "rb") : fmemopen(file, n, "rb");
		read_stream(m, "large", 100000, &r);
		fclose(m);
		assert_string_equal(r.pages, "PAGE-large-small");
		assert_int_equal(r.counts.errors, 2);
		assert_int_equal(r.counts.skipped_media, 1);
		ng_doc_destroy(d);
	}
	/* per-record gzip: a record passed over whose length is wrong. Within
	** the window the next record is found inside it; past the window it
	** is dropped unseen, and the end of the file is reported at the
	** record's own member offset */
	char rec_a[256], rec_b[256], rec_c[256];
	size_t na = big_record(rec_a, "WARC-Type: resource\r\nContent-Type: text/html\r\n", "",
			       "<p>PAGE-m1</p>", 14);
	size_t nb = (size_t)snprintf(rec_b, sizeof rec_b, "WARC/1.0\r\nWARC-Type: request\r\n"
				     "Content-Length: 98\r\n\r\nGET / HTTP/1.1\r\n\r\n\r\n\r\n");
	size_t nc = (size_t)snprintf(rec_c, sizeof rec_c, "WARC/1.0\r\nWARC-Type: request\r\n"
				     "Content-Length: 9999999\r\n\r\nGET / HTTP/1.1\r\n\r\n\r\n\r\n");
	size_t ga, gb, gc;
	char *za = gzip_mem(rec_a, na, &ga), *zb = gzip_mem(rec_b, nb, &gb);
	char *zc = gzip_mem(rec_c, nc, &gc);
	char two[1024];
	memcpy(two, za, ga);
	memcpy(two + ga, zb, gb);
	memcpy(two + ga + gb, za, ga);
	FILE *m = fmemopen(two, 2 * ga + gb, "rb");
	result r;
	read_stream(m, "two", 0, &r);
	fclose(m);
	char want[256];
	snprintf(want, sizeof want, "two: record at offset %zu: its length (98) runs into the next "
				    "record; skipped", ga);
	assert_string_equal(r.pages, "PAGE-m1,PAGE-m1");
	assert_string_equal(r.errors, want);
	memcpy(two + ga, zc, gc);
	memcpy(two + ga + gc, za, ga);
	m = fmemopen(two, 2 * ga + gc, "rb");
	read_stream(m, "two", 100, &r);
	fclose(m);
	/* into it: the rest of its own member and all of the next one's data */
	size_t hdr_c = (size_t)(strstr(rec_c, "\r\n\r\n") - rec_c) + 4;
	snprintf(want, sizeof want, "two: record at offset %zu: truncated: the file ends %zu bytes "
				    "into a record of %zu bytes; skipped", ga, nc + na, hdr_c + 9999999);
	assert_string_equal(r.pages, "PAGE-m1");
	assert_string_equal(r.errors, want);
	free(zc);
	free(za);
	free(zb);
	free(page);
	free(zp);
	free(gzb);
	free(img);
	free(file);
	free(whole);
}

/* Through the public reader: by extension, and by content. */
static void test_reader_detection(void **state)
{
	(void)state;
	char tmp[] = "/tmp/ng_test_warc_XXXXXX";
	int fd = mkstemp(tmp);
	assert_true(fd >= 0);
	FILE *in = fopen(DATA "mixed-per-record.warc.gz", "rb");
	FILE *out = fdopen(fd, "wb");
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(in);
	fclose(out);
	const char *paths[] = {DATA "mixed-per-record.warc.gz", tmp, DATA "small.arc"};
	const int want[] = {4, 4, 2};
	for (int i = 0; i < 3; i++) {
		char err[256];
		ng_reader *r = ng_reader_open(paths[i], NG_IN_AUTO, 0, err, sizeof err);
		assert_non_null(r);
		ng_doc *d = ng_doc_create(0);
		int pages = 0;
		ng_status st;
		while ((st = ng_reader_next(r, d)) != NG_DONE) {
			assert_int_equal(st, NG_OK);
			assert_int_equal(d->raw_kind, NG_RAW_HTML);
			pages++;
		}
		assert_int_equal(pages, want[i]);
		ng_reader_counts c;
		ng_reader_counts_get(r, &c);
		assert_int_equal(c.pages, (uint64_t)want[i]);
		ng_reader_close(r);
		ng_doc_destroy(d);
	}
	remove(tmp);
}

/* ---- the shared web-archive test files */

typedef struct shared_case {
	const char *file;
	uint64_t records, pages, type, status, media, errors;
	const char *msg1, *msg2; /* substrings of the error messages, or NULL */
} shared_case;

static const shared_case shared_cases[] = {
	{"ukwa-webarchive-test-suite/small-arcs-and-warcs/IAH-20080430204825-00000-blackbook-truncated.arc",
	 9, 2, 2, 0, 5, 0, NULL, NULL},
	{"ukwa-webarchive-test-suite/small-arcs-and-warcs/IAH-20080430204825-00000-blackbook-truncated.arc.gz",
	 9, 2, 2, 0, 5, 0, NULL, NULL},
	{"ukwa-webarchive-test-suite/small-arcs-and-warcs/IAH-20080430204825-00000-blackbook-truncated.warc",
	 23, 2, 15, 0, 6, 0, NULL, NULL},
	{"ukwa-webarchive-test-suite/small-arcs-and-warcs/IAH-20080430204825-00000-blackbook-truncated.warc.gz",
	 23, 2, 15, 0, 6, 0, NULL, NULL},
	{"ukwa-webarchive-test-suite/small-arcs-and-warcs/IAH-urls-wget.warc.gz",
	 36, 2, 17, 9, 8, 0, NULL, NULL},
	{"ukwa-webarchive-test-suite/wikipedia-sopa-blackout-2012/wikipedia-blackout/sopa-wikipedia-homepage.warc.gz",
	 164, 1, 87, 0, 76, 0, NULL, NULL},
	{"ukwa-webarchive-test-suite/wikipedia-sopa-blackout-2012/wikipedia-post-blackout/main-page.warc.gz",
	 151, 1, 78, 0, 72, 0, NULL, NULL},
	{"ukwa-webarchive-test-suite/wikipedia-sopa-blackout-2012/wikipedia-post-blackout/post-blackout.warc.gz",
	 117, 1, 63, 0, 53, 0, NULL, NULL},
	{"warcio-testdata/test/data/bad.arc", 4, 0, 0, 0, 1, 3,
	 "bad.arc: record at offset 0: bad length '-1' in the ARC header; skipped",
	 "bad.arc: record at offset 262: bad length 'abc' in the ARC header; skipped"},
	{"warcio-testdata/test/data/example-bad-non-chunked.warc.gz", 6, 1, 5, 0, 0, 0, NULL, NULL},
	{"warcio-testdata/test/data/example-bad.warc.gz.bad", 6, 1, 4, 1, 0, 0, NULL, NULL},
	{"warcio-testdata/test/data/example-digest.warc", 4, 0, 4, 0, 0, 0, NULL, NULL},
	{"warcio-testdata/test/data/example-iana.org-chunked.warc", 3, 1, 2, 0, 0, 0, NULL, NULL},
	{"warcio-testdata/test/data/example-resource.warc.gz", 3, 1, 2, 0, 0, 0, NULL, NULL},
	{"warcio-testdata/test/data/example-space-in-target-uri.warc.gz", 2, 0, 1, 0, 1, 0, NULL, NULL},
	{"warcio-testdata/test/data/example-space-in-url.arc", 2, 0, 1, 0, 0, 1,
	 "example-space-in-url.arc: record at offset 151: truncated: the file ends 1722 bytes into "
	 "a record of 1734 bytes; skipped", NULL},
	{"warcio-testdata/test/data/example-trunc.warc", 4, 1, 3, 0, 0, 1,
	 "example-trunc.warc: offset 2560: 6 bytes of garbage before the next record; skipped", NULL},
	{"warcio-testdata/test/data/example-wget-bad-target-uri.warc.gz", 6, 1, 3, 0, 2, 0, NULL, NULL},
	{"warcio-testdata/test/data/example-wrong-chunks.warc.gz", 2, 1, 1, 0, 0, 0, NULL, NULL},
	{"warcio-testdata/test/data/example.arc", 2, 1, 1, 0, 0, 0, NULL, NULL},
	{"warcio-testdata/test/data/example.arc.gz", 2, 1, 1, 0, 0, 0, NULL, NULL},
	{"warcio-testdata/test/data/example.warc", 6, 1, 5, 0, 0, 0, NULL, NULL},
	{"warcio-testdata/test/data/example.warc.gz", 6, 1, 5, 0, 0, 0, NULL, NULL},
	{"warcio-testdata/test/data/post-test.warc.gz", 6, 0, 3, 0, 3, 0, NULL, NULL},
};

static void test_shared(void **state)
{
	(void)state;
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/data/warc", NG_SHARED_DIR);
	struct stat sb;
	if (stat(dir, &sb) != 0) {
		print_message("skipped: %s is absent\n", dir);
		skip();
	}
	for (size_t i = 0; i < sizeof shared_cases / sizeof shared_cases[0]; i++) {
		const shared_case *c = &shared_cases[i];
		char p[2048];
		snprintf(p, sizeof p, "%s/%s", dir, c->file);
		const char *base = strrchr(c->file, '/') + 1;
		result r;
		read_file(p, base, 0, &r);
		print_message("%s: %llu records, %d pages, %llu errors\n", base,
			      (unsigned long long)r.counts.records, r.n_pages,
			      (unsigned long long)r.counts.errors);
		check_counts(&r, c->records, c->pages, c->type, c->status, c->media, c->errors);
		if (c->msg1)
			assert_non_null(strstr(r.errors, c->msg1));
		if (c->msg2)
			assert_non_null(strstr(r.errors, c->msg2));
	}
	/* the plain and gzip versions of the same crawl give the same pages */
	static const char *pairs[][2] = {
		{"IAH-20080430204825-00000-blackbook-truncated.warc",
		 "IAH-20080430204825-00000-blackbook-truncated.warc.gz"},
		{"IAH-20080430204825-00000-blackbook-truncated.arc",
		 "IAH-20080430204825-00000-blackbook-truncated.arc.gz"}};
	for (int i = 0; i < 2; i++) {
		result a, b;
		char p[2048];
		snprintf(p, sizeof p, "%s/ukwa-webarchive-test-suite/small-arcs-and-warcs/%s", dir,
			 pairs[i][0]);
		read_file(p, "a", 0, &a);
		snprintf(p, sizeof p, "%s/ukwa-webarchive-test-suite/small-arcs-and-warcs/%s", dir,
			 pairs[i][1]);
		read_file(p, "b", 0, &b);
		assert_string_equal(a.first_id, b.first_id);
		assert_string_equal(a.first_url, b.first_url);
		assert_string_equal(a.first_date, b.first_date);
		assert_int_equal(a.n_pages, b.n_pages);
	}
}

/* One WARC response record holding an HTML page of `body` bytes. */
static size_t warc_page(char *dst, size_t body, const char *tag)
{
	char http[256];
	int hn = snprintf(http, sizeof http, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n");
	size_t blen = (size_t)hn + body;
	size_t n = (size_t)sprintf(dst, "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <%s>\r\n"
					"Content-Length: %zu\r\n\r\n%s", tag, blen, http);
	memset(dst + n, 'x', body);
	memcpy(dst + n, "<html>", 6);
	n += body;
	memcpy(dst + n, "\r\n\r\n", 4);
	return n + 4;
}

/* Out of memory while reading (issue 29, item 8): each failure moves the
** reader on (the record it cannot hold is skipped) and the reader comes to
** the end, at every allocation made to fail in turn: it never returns the
** same failure forever (it did: take() left the record where it was and
** the runner asked again, 231,543 times in 10 minutes). */
static void test_out_of_memory(void **state)
{
	(void)state;
	size_t cap = (size_t)3 << 20;
	char *buf = malloc(cap);
	assert_non_null(buf);
	size_t n = warc_page(buf, (size_t)1 << 20, "big-1"); /* the window must grow */
	n += warc_page(buf + n, 100, "small");
	n += warc_page(buf + n, (size_t)1 << 20, "big-2");
	uint64_t k;
	for (k = 1; k < 200; k++) {
		FILE *m = fmemopen(buf, n, "rb");
		assert_non_null(m);
		ng_doc *d = ng_doc_create(0);
		assert_non_null(d);
		ng_alloc_fail_after(k);
		ng_warc *w = ng_warc_open(m, "oom.warc", 0, NULL, 0);
		ng_status st = NG_OK;
		int calls = 0, pages = 0;
		while (w && calls < 50) {
			calls++;
			ng_doc_reset(d);
			st = ng_warc_next(w, d);
			if (st == NG_DONE)
				break;
			pages += st == NG_OK;
			if (st != NG_OK && st != NG_ENOMEM && st != NG_EPARSE)
				fail_msg("allocation %llu: status %d: %s", (unsigned long long)k, st,
					 ng_warc_errmsg(w));
			if (st == NG_ENOMEM && !ng_warc_errmsg(w)[0])
				fail_msg("allocation %llu: out of memory without a message",
					 (unsigned long long)k);
		}
		ng_alloc_fail_after(0);
		if (w && st != NG_DONE)
			fail_msg("allocation %llu: %d calls without coming to the end (last: %s)",
				 (unsigned long long)k, calls, ng_warc_errmsg(w));
		ng_warc_close(w);
		ng_doc_destroy(d);
		fclose(m);
		if (w && pages == 3)
			break; /* no failure left */
	}
	assert_true(k > 3 && k < 200);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mixed_plain),
		cmocka_unit_test(test_mixed_gzip),
		cmocka_unit_test(test_payloads),
		cmocka_unit_test(test_chunked),
		cmocka_unit_test(test_truncated_last),
		cmocka_unit_test(test_broken_members),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_no_length),
		cmocka_unit_test(test_arc),
		cmocka_unit_test(test_odd),
		cmocka_unit_test(test_max_record),
		cmocka_unit_test(test_large),
		cmocka_unit_test(test_memory),
		cmocka_unit_test(test_out_of_memory),
		cmocka_unit_test(test_reader_detection),
		cmocka_unit_test(test_shared),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
