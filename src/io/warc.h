/*
** warc.h -- a streaming reader for web archives: WARC (1.0, 1.1 and the
** older 0.x drafts) and ARC (versions 1 and 2), plain or gzip-compressed
** (one gzip member per record, any other member layout, or one gzip stream
** for the whole file).
**
** It returns the HTML pages the archive holds: response and resource
** records (and ARC records) whose payload is HTML, with the HTTP headers
** parsed, chunked transfer encoding and gzip/deflate content encoding
** undone. Everything else is counted and passed over. A broken record is
** reported with its file offset and skipped; reading goes on at the next
** record. Only the current record is held in memory, capped in size.
** See docs/internals/warc.md.
**
** Internal to the engine (src/io/reader.c and the tests use it).
*/
#ifndef NG_WARC_H
#define NG_WARC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/core.h"

typedef struct ng_warc ng_warc;

/* What a reader has seen so far. Every record lands in exactly one of
** pages, skipped_* or errors (garbage between records is counted in errors
** too, without being a record). */
typedef struct ng_warc_counts {
	uint64_t records;          /* record headers read */
	uint64_t pages;            /* HTML pages returned */
	uint64_t skipped_type;     /* warcinfo, request, metadata, revisit, conversion,
				      continuation; ARC filedesc and dns records */
	uint64_t skipped_status;   /* HTTP status other than 200 */
	uint64_t skipped_media;    /* payload is not HTML */
	uint64_t skipped_encoding; /* Content-Encoding we cannot undo (br, zstd, ...) */
	uint64_t errors;           /* broken records and stretches of garbage */
} ng_warc_counts;

/* Starts reading the archive from `f` (not closed by the reader; may come
** from fmemopen()). `prefix` holds bytes already read from the front of
** the stream (may be NULL); they are read first. `name` is used in
** messages (copied). `max_record` caps one page's payload (0: 16 MiB).
** Returns NULL when out of memory. */
ng_warc *ng_warc_open(FILE *f, const char *name, size_t max_record, const void *prefix,
		      size_t prefix_len);

/* Reads the next HTML page into `doc` (which the caller has reset): raw
** (NUL-terminated, in the doc's arena), raw_kind NG_RAW_HTML, id, source_*,
** date (the crawl date, a fallback) and content_type (the HTTP Content-Type,
** or the WARC/ARC one for records without HTTP; NULL when absent); sets
** NG_F_RAW.
** Problems that did not stop the page (bad chunking, truncated gzip
** content) are added to doc's errors. Returns NG_OK, NG_DONE at the end,
** NG_EPARSE or NG_ELIMIT for one broken or over-long record or stretch of
** garbage (see ng_warc_errmsg(); call again to go on), NG_EIO on a read
** error (stop) or NG_ENOMEM. */
NG_WARN_UNUSED ng_status ng_warc_next(ng_warc *w, ng_doc *doc);

/* "NAME: record at offset N: what; skipped". Owned by the reader. */
const char *ng_warc_errmsg(const ng_warc *w);

/* Bytes read from the stream so far (compressed bytes for gzip). */
uint64_t ng_warc_bytes(const ng_warc *w);

void ng_warc_counts_get(const ng_warc *w, ng_warc_counts *out);

/* Frees the reader (not the FILE). NULL is a no-op. */
void ng_warc_close(ng_warc *w);

/* True when buf[0..n) starts like a WARC or ARC file, plain or gzipped
** (it inflates the start of a gzip stream to look). */
bool ng_warc_sniff(const void *buf, size_t n);

#endif
