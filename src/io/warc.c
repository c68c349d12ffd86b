/*
** warc.c -- a streaming WARC / ARC reader that yields the HTML pages of a
** web archive.
**
** Three layers:
**   1. the source and the window (warc_gz.c): the decompressed stream, and
**      the bytes of the current record from its start (win_pos) on, grown on
**      demand up to a cap. Offsets into a record are relative to win_pos, so
**      the window may move.
**   2. the records (here): WARC header + block of Content-Length bytes, or
**      ARC header line + block. A record whose block does not end where its
**      length says (no next record there, but one inside the block), which
**      is truncated, or whose header is malformed is reported and skipped,
**      and reading resumes one byte after its start, at the next line that
**      starts a record: no good record after a broken one is lost.
**   3. the HTTP side (warc_http.c): for response/resource records the HTTP
**      header is parsed, then the payload is de-chunked, inflated and
**      checked for HTML.
** A record the reader has no memory for is skipped like a broken one, and
** the reader goes on after it; when it cannot move on at all, the rest of
** the file is given up with a message (never the same record again).
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "io/warc_int.h"

/* ---- record boundaries */

/* True when window index i starts a line: after a LF, at the stream
** start or at the start of a gzip member. */
static bool line_start(const ng_warc *w, size_t i)
{
	uint64_t u = w->win_off + i;
	if (u == 0)
		return true;
	unsigned char prev = i > 0 ? w->win[i - 1] : w->byte_before;
	return prev == '\n' || (w->gz && ng_warc_is_mark(w, u));
}

static bool arc_ip(const unsigned char *s, size_t n)
{
	if (n == 0 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = lower(s[i]);
		if (!(is_digit(c) || c == '.' || c == ':' || c == '-' || (c >= 'a' && c <= 'z')))
			return false;
	}
	return true;
}

static bool arc_date(const unsigned char *s, size_t n)
{
	if (n < 8 || n > 20)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return false;
	return true;
}

typedef struct arc_line {
	fspan url, date, mime, len;
} arc_line;

/* Splits an ARC header line s[0..n) (no LF): URL (may hold spaces) IP DATE
** MIME [v2: CODE CHECKSUM LOCATION OFFSET FILENAME] LENGTH. Returns true
** when it has that shape (the length field is checked later). */
static bool arc_split(const unsigned char *s, size_t n, int version, arc_line *out)
{
	if (n && s[n - 1] == '\r')
		n--;
	/* the scheme: letters then ':' */
	size_t k = 0;
	while (k < n && k < 16 && lower(s[k]) >= 'a' && lower(s[k]) <= 'z')
		k++;
	if (k == 0 || k >= n || s[k] != ':')
		return false;
	fspan tok[10];
	size_t nt = 0, end = n;
	/* up to 9 fields from the right */
	while (nt < 9 && end > 0) {
		size_t b = end;
		while (b > 0 && s[b - 1] != ' ')
			b--;
		if (b == 0)
			break;
		tok[nt].off = b;
		tok[nt].len = end - b;
		nt++;
		end = b - 1;
		while (end > 0 && s[end - 1] == ' ')
			end--;
	}
	/* tok[0] is the last field. v1: tok[3] IP, tok[2] date; v2: tok[8], tok[7] */
	for (int v = 1; v <= 2; v++) {
		if (version && v != version)
			continue;
		size_t ip = v == 1 ? 3 : 8, dt = v == 1 ? 2 : 7, mi = v == 1 ? 1 : 6;
		if (nt <= ip)
			continue;
		if (!arc_ip(s + tok[ip].off, tok[ip].len) || !arc_date(s + tok[dt].off, tok[dt].len))
			continue;
		size_t url_end = tok[ip].off;
		while (url_end > 0 && s[url_end - 1] == ' ')
			url_end--;
		if (url_end == 0)
			continue;
		out->url.off = 0;
		out->url.len = url_end;
		out->date = tok[dt];
		out->mime = tok[mi];
		out->len = tok[0];
		return true;
	}
	return false;
}

/* 1 when a record starts at window index i, 0 when not, -1 when more
** bytes are needed to tell. */
static int record_start_at(const ng_warc *w, size_t i)
{
	size_t a = w->win_len - i;
	const unsigned char *p = w->win + i;
	bool warc_possible = w->mode != MODE_ARC;
	if (warc_possible) {
		static const char sig[] = "WARC/";
		size_t k = 0;
		while (k < 5 && k < a && p[k] == (unsigned char)sig[k])
			k++;
		if (k == 5 && a > 5)
			return is_digit(p[5]) ? 1 : 0;
		if (k == a && !w->s_eof)
			return -1;
	}
	if (w->mode == MODE_WARC)
		return 0;
	/* ARC: a scheme, then a whole header line */
	size_t k = 0;
	while (k < a && k < 16 && lower(p[k]) >= 'a' && lower(p[k]) <= 'z')
		k++;
	if (k == a)
		return w->s_eof ? 0 : -1;
	if (k == 0 || p[k] != ':')
		return 0;
	size_t lim = a < ARC_LINE_CAP ? a : ARC_LINE_CAP;
	const unsigned char *nl = memchr(p, '\n', lim);
	if (!nl)
		return (a < ARC_LINE_CAP && !w->s_eof) ? -1 : 0;
	arc_line al;
	return arc_split(p, (size_t)(nl - p), w->arc_version, &al) ? 1 : 0;
}

/* Index of the next gzip member start in (from, to) of the window, or to. */
static size_t next_mark_in(const ng_warc *w, size_t from, size_t to)
{
	if (!w->gz)
		return to;
	uint64_t uf = w->win_off + from, ut = w->win_off + to;
	size_t lo = 0, hi = w->n_marks;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (w->marks[mid].u <= uf)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < w->n_marks && w->marks[lo].u < ut)
		return (size_t)(w->marks[lo].u - w->win_off);
	return to;
}

/* Finds the next record start in window indexes [from, to): its index, or
** `to` when there is none; *undecided = true when a candidate at the
** returned index needs more bytes. Only line starts are candidates. */
static size_t find_start(const ng_warc *w, size_t from, size_t to, bool *undecided)
{
	*undecided = false;
	size_t c = from;
	if (c < to && line_start(w, c)) {
		int r = record_start_at(w, c);
		if (r != 0) {
			*undecided = r < 0;
			return c;
		}
	}
	while (c < to) {
		const unsigned char *nl = memchr(w->win + c, '\n', to - c);
		size_t nc = nl ? (size_t)(nl - w->win) + 1 : to;
		size_t m = next_mark_in(w, c, nc);
		c = m < nc ? m : nc;
		if (c >= to) {
			if (nl && c == to && c == w->win_len && !w->s_eof) {
				*undecided = true; /* a line starts right at the end */
				return c;
			}
			return to;
		}
		int r = record_start_at(w, c);
		if (r != 0) {
			*undecided = r < 0;
			return c;
		}
	}
	return to;
}

/* Moves win_pos to the next record start, counting the bytes passed in
** *skipped. NG_OK there; NG_DONE at the end of the stream; a source error
** (after which the scan may go on) or NG_EIO/NG_ENOMEM. */
static ng_status scan_to_record(ng_warc *w, uint64_t *skipped)
{
	for (;;) {
		bool und;
		size_t at = find_start(w, w->win_pos, w->win_len, &und);
		*skipped += at - w->win_pos;
		w->win_pos = at;
		if (at < w->win_len && !und)
			return NG_OK;
		ng_status st = ng_warc_more(w);
		if (st == NG_DONE) {
			if (und)
				continue; /* decide now that the end is known */
			*skipped += avail(w);
			w->win_pos = w->win_len;
			return NG_DONE;
		}
		if (st)
			return st;
	}
}

/* ---- reporting */

static ng_status record_fail(ng_warc *w, uint64_t u, ng_status st, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

/* Reports the record at stream offset u (now at win_pos) as broken and
** arranges to resync one byte after its start. */
static ng_status record_fail(ng_warc *w, uint64_t u, ng_status st, const char *fmt, ...)
{
	char at[96], msg[600];
	if (u == w->cur_u && w->cur_at[0])
		memcpy(at, w->cur_at, sizeof at);
	else
		ng_warc_where(w, u, at, sizeof at);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	ng_warc_set_err(w, "record at %s: %s; skipped", at, msg);
	w->counts.errors++;
	if (spos(w) == u && avail(w) > 0)
		w->win_pos++;
	w->resyncing = true;
	return st;
}

/* A source error met inside the record at u. */
static ng_status record_src_fail(ng_warc *w, uint64_t u)
{
	char msg[sizeof w->src_msg];
	memcpy(msg, w->src_msg, sizeof msg);
	ng_status st = ng_warc_src_ack(w);
	if (st)
		return st;
	return record_fail(w, u, NG_EPARSE, "%s", msg);
}

/* No memory to hold the record at u (of `need` bytes, 0 when unknown): it
** is passed over unread, so that the next call goes on after it. */
static ng_status record_nomem(ng_warc *w, uint64_t u, uint64_t need)
{
	char at[96];
	if (u == w->cur_u && w->cur_at[0])
		memcpy(at, w->cur_at, sizeof at);
	else
		ng_warc_where(w, u, at, sizeof at);
	uint64_t done = spos(w) - u;
	if (need > done) {
		ng_status st = ng_warc_drop(w, need - done);
		if (st == NG_EPARSE)
			(void)ng_warc_src_ack(w);
	} else {
		if (spos(w) == u && avail(w) > 0)
			w->win_pos++;
		w->resyncing = true;
	}
	w->counts.errors++;
	if (need)
		ng_warc_set_err(w, "record at %s: out of memory holding its %llu bytes; skipped", at,
				(unsigned long long)need);
	else
		ng_warc_set_err(w, "record at %s: out of memory; skipped", at);
	return NG_ENOMEM;
}

/* Maps a failure of ensure()/drop() inside the record at u to a report. */
static ng_status record_io(ng_warc *w, uint64_t u, ng_status st, uint64_t need)
{
	if (st == NG_EPARSE)
		return record_src_fail(w, u);
	if (st == NG_DONE) {
		/* bytes of the record read: those dropped (passing over) and those kept */
		uint64_t into = spos(w) - u + avail(w);
		return record_fail(w, u, NG_EPARSE,
				   "truncated: the file ends %llu bytes into a record of %llu bytes",
				   (unsigned long long)into, (unsigned long long)need);
	}
	if (st == NG_ENOMEM)
		return record_nomem(w, u, need);
	return st; /* NG_EIO: the message is set or generic */
}

/* ---- headers */

/* Reads the WARC header of the record at win_pos into r. */
static ng_status warc_header(ng_warc *w, rec *r)
{
	size_t ls = 0; /* start of the current line */
	bool first = true;
	for (;;) {
		const unsigned char *p = cur(w);
		size_t a = avail(w);
		const unsigned char *nl = ls < a ? memchr(p + ls, '\n', a - ls) : NULL;
		if (!nl) {
			if (a >= HDR_CAP)
				return record_fail(w, r->u, NG_EPARSE, "WARC header over %zu bytes", HDR_CAP);
			ng_status st = ng_warc_ensure(w, a + 1);
			if (st)
				return record_io(w, r->u, st, 0);
			continue;
		}
		size_t le = (size_t)(nl - p);
		size_t len = le - ls;
		if (len && p[le - 1] == '\r')
			len--;
		if (first) {
			first = false;
			ls = le + 1;
			continue; /* WARC/x.y, checked by the caller */
		}
		if (len == 0) {
			r->hdr_len = le + 1;
			return NG_OK;
		}
		const unsigned char *s = p + ls;
		if (len >= 5 && !memcmp(s, "WARC/", 5) && is_digit(s[5 < len ? 5 : 0]))
			return record_fail(w, r->u, NG_EPARSE,
					   "WARC header ends without a blank line (a new record starts at "
					   "byte %zu)", ls);
		const unsigned char *colon = memchr(s, ':', len);
		if (colon && s[0] != ' ' && s[0] != '\t') {
			size_t kl = (size_t)(colon - s);
			fspan v = {ls + kl + 1, len - kl - 1};
			trim(p, &v);
			fspan *dst = NULL;
			if (ieq(s, kl, "warc-type"))
				dst = &r->wtype;
			else if (ieq(s, kl, "warc-target-uri"))
				dst = &r->uri;
			else if (ieq(s, kl, "warc-record-id"))
				dst = &r->id;
			else if (ieq(s, kl, "warc-date"))
				dst = &r->date;
			else if (ieq(s, kl, "content-type"))
				dst = &r->ctype;
			else if (ieq(s, kl, "content-length"))
				dst = &r->len;
			else if (ieq(s, kl, "warc-segment-number"))
				dst = &r->seg;
			else if (ieq(s, kl, "warc-truncated"))
				dst = &r->trunc;
			if (dst)
				*dst = v;
		}
		ls = le + 1;
	}
}

/* Parses the HTTP header at the start of the block (block[0..n) holds all
** of it, or as much as the cap allows). Returns false when it is malformed
** or not terminated in n bytes. */
/* ---- records */

static char *arena_span(ng_doc *doc, const unsigned char *base, fspan f, bool strip_angle)
{
	const unsigned char *s = base + f.off;
	size_t n = f.len;
	if (strip_angle && n >= 2 && s[0] == '<' && s[n - 1] == '>') {
		s++;
		n -= 2;
	}
	return ng_doc_strndup(doc, (const char *)s, n);
}

/* 20140216050221 -> 2014-02-16T05:02:21Z */
static char *arc_iso_date(ng_doc *doc, const unsigned char *s, size_t n)
{
	char buf[32];
	if (n >= 14)
		snprintf(buf, sizeof buf, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", s, s + 4, s + 6, s + 8,
			 s + 10, s + 12);
	else
		snprintf(buf, sizeof buf, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
	return ng_doc_strndup(doc, buf, strlen(buf));
}

/* Checks what follows a block that ends at record offset `end`: line
** breaks, then a record start or the end of the stream. 1 good, 0 not;
** or a negative ng_status negated... returned through *st. */
static int block_end_ok(ng_warc *w, size_t end, ng_status *st)
{
	*st = NG_OK;
	size_t k = end;
	for (;;) {
		while (k < avail(w) && (cur(w)[k] == '\r' || cur(w)[k] == '\n'))
			k++;
		if (k > end + HDR_CAP)
			return 0;
		size_t need = k + 1;
		if (k < avail(w)) {
			int r = record_start_at(w, w->win_pos + k);
			if (r >= 0)
				return r;
			need = avail(w) + 1; /* undecided: more bytes */
		}
		ng_status s = ng_warc_ensure(w, need);
		if (s == NG_DONE)
			return k < avail(w) ? record_start_at(w, w->win_pos + k) == 1 : 1;
		if (s == NG_ELIMIT)
			return 0;
		if (s == NG_EPARSE)
			return 1; /* a broken next member: the block itself was complete */
		if (s) {
			*st = s;
			return 0;
		}
	}
}

/* After a block that did not end well: is there a record start inside it
** (its length was wrong)? */
static bool start_inside(const ng_warc *w, size_t from, size_t to)
{
	bool und;
	size_t at = find_start(w, w->win_pos + from, w->win_pos + to, &und);
	return at < w->win_pos + to;
}

/* The end of a block that runs up to `e`, without the record's trailing
** CR LF CR LF (or LF LF). */
static size_t strip_trailer(const unsigned char *p, size_t from, size_t e)
{
	if (e >= from + 4 && !memcmp(p + e - 4, "\r\n\r\n", 4))
		return e - 4;
	if (e >= from + 2 && p[e - 1] == '\n' && p[e - 2] == '\n')
		return e - 2;
	return e;
}

/* Finds the block end of a record without a usable length: the next
** record start (or the end of the stream). */
static ng_status block_to_next(ng_warc *w, rec *r)
{
	size_t from = r->hdr_len;
	for (;;) {
		bool und;
		size_t at = find_start(w, w->win_pos + from, w->win_len, &und);
		if (at < w->win_len && !und) {
			r->blen = strip_trailer(cur(w), r->hdr_len, at - w->win_pos) - r->hdr_len;
			return NG_OK;
		}
		from = at - w->win_pos;
		if (avail(w) > w->max_record + 2 * HDR_CAP)
			return record_fail(w, r->u, NG_ELIMIT,
					   "no Content-Length, and no next record within %zu bytes",
					   w->max_record);
		ng_status st = ng_warc_ensure(w, avail(w) + 1);
		if (st == NG_DONE) {
			if (und)
				continue;
			r->blen = strip_trailer(cur(w), r->hdr_len, avail(w)) - r->hdr_len;
			return NG_OK;
		}
		if (st)
			return record_io(w, r->u, st, 0);
	}
}

/* Passes over the record at win_pos (not wanted), checking that it ends
** where it says. CONTINUE when fine. */
static ng_status pass_over(ng_warc *w, rec *r, uint64_t *counter)
{
	uint64_t total = r->hdr_len + r->blen;
	if (total <= w->max_record + 2 * HDR_CAP) {
		ng_status st = ng_warc_ensure(w, (size_t)total);
		if (st)
			return record_io(w, r->u, st, total);
		int ok = block_end_ok(w, (size_t)total, &st);
		if (st)
			return st;
		if (!ok && start_inside(w, r->hdr_len, (size_t)total))
			return record_fail(w, r->u, NG_EPARSE,
					   "its length (%llu) runs into the next record",
					   (unsigned long long)r->blen);
		w->win_pos += (size_t)total;
	} else {
		ng_status st = ng_warc_drop(w, total);
		if (st)
			return record_io(w, r->u, st, total);
	}
	(*counter)++;
	return CONTINUE;
}

/* The HTTP header of a wanted record (when it has one) and what it says of
** the payload: its content type, encoding, whether it must be sniffed.
** NG_OK to take it; CONTINUE when it was passed over; else an error. */
static ng_status take_header(ng_warc *w, rec *r, http *h, fspan *ctype, int *ce, bool *sniff)
{
	size_t peek = r->blen < HDR_CAP ? (size_t)r->blen : HDR_CAP;
	ng_status st = ng_warc_ensure(w, r->hdr_len + peek);
	if (st)
		return record_io(w, r->u, st, r->hdr_len + r->blen);
	const unsigned char *blk = cur(w) + r->hdr_len;
	bool is_http = r->type == T_RESPONSE && peek >= 5 && !memcmp(blk, "HTTP/", 5);
	memset(h, 0, sizeof *h);
	h->status = 200;
	*ctype = r->ctype;
	if (is_http) {
		if (!ng_warc_http_parse(blk, peek, r->hdr_len, h)) {
			if (peek == HDR_CAP)
				return record_fail(w, r->u, NG_EPARSE, "HTTP header over %zu bytes", HDR_CAP);
			return record_fail(w, r->u, NG_EPARSE, "malformed HTTP header");
		}
		*ctype = h->ctype;
		if (!ctype->len && r->arc)
			*ctype = r->ctype; /* the ARC line's type came from the same header */
	} else if (r->type == T_RESPONSE && !r->arc && r->ctype.len &&
		   istarts(cur(w) + r->ctype.off, r->ctype.len, "application/http")) {
		return record_fail(w, r->u, NG_EPARSE, "no HTTP status line in a response record");
	}
	char media[64];
	ng_warc_media_type(cur(w), *ctype, media, sizeof media);
	if (h->status != 200)
		return pass_over(w, r, &w->counts.skipped_status);
	*sniff = ng_warc_media_unknown(media);
	if (!*sniff && !ng_warc_media_is_html(media))
		return pass_over(w, r, &w->counts.skipped_media);
	*ce = CE_IDENTITY;
	if (h->ce.len) {
		const unsigned char *v = cur(w) + h->ce.off;
		if (ieq(v, h->ce.len, "gzip") || ieq(v, h->ce.len, "x-gzip"))
			*ce = CE_GZIP;
		else if (ieq(v, h->ce.len, "deflate"))
			*ce = CE_DEFLATE;
		else if (!ieq(v, h->ce.len, "identity") && !ieq(v, h->ce.len, "none"))
			*ce = CE_OTHER;
	}
	if (*ce == CE_OTHER)
		return pass_over(w, r, &w->counts.skipped_encoding);
	return NG_OK;
}

/* A payload over the size limit: the record is passed over unread. */
static ng_status take_oversize(ng_warc *w, uint64_t total, uint64_t pay_len, const char *at)
{
	ng_status st = ng_warc_drop(w, total);
	if (st && st != NG_DONE && st != NG_EPARSE)
		return st;
	char why[sizeof w->src_msg + 16] = "";
	if (st == NG_EPARSE) {
		snprintf(why, sizeof why, "%s", w->src_msg);
		ng_status st2 = ng_warc_src_ack(w);
		if (st2)
			return st2;
	} else if (st == NG_DONE) {
		snprintf(why, sizeof why, "truncated");
	}
	w->counts.errors++;
	if (why[0])
		ng_warc_set_err(w, "record at %s: %s, inside a payload of %llu bytes that is over the "
				   "limit of %zu bytes (--max-bytes); skipped", at, why,
				(unsigned long long)pay_len, w->max_record);
	else
		ng_warc_set_err(w, "record at %s: payload of %llu bytes is over the limit of %zu bytes "
				   "(--max-bytes); skipped", at, (unsigned long long)pay_len,
				w->max_record);
	return why[0] ? NG_EPARSE : NG_ELIMIT;
}

/* The document from the record at the window's start and its payload. */
static ng_status take_doc(ng_warc *w, rec *r, ng_doc *doc, fspan ctype, char *out, size_t on,
			  const char *at)
{
	const unsigned char *base = cur(w);
	doc->raw = out;
	doc->raw_len = on;
	doc->raw_kind = NG_RAW_HTML;
	doc->source_path = ng_doc_strndup(doc, w->name, strlen(w->name));
	if (r->uri.len)
		doc->source_url = arena_span(doc, base, r->uri, true);
	if (r->id.len)
		doc->id = arena_span(doc, base, r->id, true);
	else if (doc->source_url)
		doc->id = doc->source_url;
	if (r->date.len)
		doc->date = r->arc ? arc_iso_date(doc, base + r->date.off, r->date.len)
				   : arena_span(doc, base, r->date, false);
	if (ctype.len) /* the extract stage honours its charset */
		doc->content_type = arena_span(doc, base, ctype, false);
	if (!doc->source_path)
		return NG_ENOMEM;
	if (!doc->id) {
		char tmp[128];
		snprintf(tmp, sizeof tmp, "%s@%s", w->name, at + 7);
		doc->id = ng_doc_strndup(doc, tmp, strlen(tmp));
		if (!doc->id)
			return NG_ENOMEM;
	}
	uint64_t c, inner;
	ng_warc_file_offset(w, r->u, &c, &inner);
	doc->source_offset = (int64_t)c;
	if (r->trunc.len) {
		ng_status st = ng_warc_warn(doc, at, "the crawler truncated this payload "
						     "(WARC-Truncated: %.*s)",
					    (int)(r->trunc.len > 40 ? 40 : r->trunc.len),
					    (const char *)base + r->trunc.off);
		if (st)
			return st;
	}
	doc->assigned = NG_F_RAW;
	return NG_OK;
}

/* Returns the HTML page of a wanted record, or passes over it. Once the
** whole record is in the window, it is passed whatever happens to it
** (a payload that cannot be used, no memory for it): never read twice. */
static ng_status take(ng_warc *w, rec *r, ng_doc *doc)
{
	char at[96];
	memcpy(at, w->cur_at, sizeof at);
	if (r->blen == 0) /* nothing was captured (a failed fetch) */
		return pass_over(w, r, &w->counts.skipped_media);
	http h;
	fspan ctype;
	int ce = CE_IDENTITY;
	bool sniff = false;
	ng_status st = take_header(w, r, &h, &ctype, &ce, &sniff);
	if (st)
		return st;
	uint64_t total = r->hdr_len + r->blen;
	if (r->blen - h.body > w->max_record)
		return take_oversize(w, total, r->blen - h.body, at);
	st = ng_warc_ensure(w, (size_t)total);
	if (st)
		return record_io(w, r->u, st, total);
	int ok = block_end_ok(w, (size_t)total, &st);
	if (st)
		return st;
	if (!ok && start_inside(w, r->hdr_len, (size_t)total))
		return record_fail(w, r->u, NG_EPARSE, "its length (%llu) runs into the next record",
				   (unsigned long long)r->blen);

	const unsigned char *base = cur(w);
	char *out = NULL;
	size_t on = 0;
	st = ng_warc_payload(w, doc, at, base + r->hdr_len + h.body, (size_t)r->blen - h.body,
			     h.te.len ? base + h.te.off : NULL, h.te.len, ce, &out, &on);
	if (st == NG_OK && (on == 0 || (sniff && !ng_warc_sniff_html((const unsigned char *)out, on)))) {
		w->counts.skipped_media++;
		st = CONTINUE;
	}
	if (st == NG_OK)
		st = take_doc(w, r, doc, ctype, out, on, at);
	w->win_pos += (size_t)total;
	if (st == NG_OK) {
		w->counts.pages++;
	} else if (st == NG_ENOMEM) {
		w->counts.errors++;
		ng_warc_set_err(w, "record at %s: out of memory for its payload (%llu bytes); skipped",
				at, (unsigned long long)r->blen);
	}
	return st;
}

static ng_status warc_record(ng_warc *w, ng_doc *doc)
{
	rec r;
	memset(&r, 0, sizeof r);
	r.u = spos(w);
	w->cur_u = r.u;
	ng_warc_where(w, r.u, w->cur_at, sizeof w->cur_at);
	ng_status st = warc_header(w, &r);
	if (st)
		return st;
	w->counts.records++;
	if (w->mode == MODE_ANY)
		w->mode = MODE_WARC;
	const unsigned char *b = cur(w);
	if (r.len.len) {
		if (!parse_u64(b + r.len.off, r.len.len, &r.blen))
			return record_fail(w, r.u, NG_EPARSE, "bad Content-Length '%.*s'",
					   (int)(r.len.len > 40 ? 40 : r.len.len),
					   (const char *)b + r.len.off);
		r.has_len = true;
	} else {
		st = block_to_next(w, &r);
		if (st)
			return st;
		b = cur(w);
	}
	if (ieq(b + r.wtype.off, r.wtype.len, "response"))
		r.type = T_RESPONSE;
	else if (ieq(b + r.wtype.off, r.wtype.len, "resource"))
		r.type = T_RESOURCE;
	if (r.seg.len && !ieq(b + r.seg.off, r.seg.len, "1"))
		r.type = T_SKIP; /* continuation of a segmented record */
	if (r.type == T_SKIP)
		return pass_over(w, &r, &w->counts.skipped_type);
	if (!r.has_len) {
		/* taken up to the next record: say so on the page */
		char at[96];
		memcpy(at, w->cur_at, sizeof at);
		st = take(w, &r, doc);
		if (st == NG_OK)
			st = ng_warc_warn(doc, at, "no Content-Length; the block was taken up to the next record");
		return st;
	}
	return take(w, &r, doc);
}

static ng_status arc_record(ng_warc *w, ng_doc *doc)
{
	rec r;
	memset(&r, 0, sizeof r);
	r.u = spos(w);
	r.arc = true;
	w->cur_u = r.u;
	ng_warc_where(w, r.u, w->cur_at, sizeof w->cur_at);
	const unsigned char *nl;
	for (;;) {
		size_t lim = avail(w) < ARC_LINE_CAP ? avail(w) : ARC_LINE_CAP;
		nl = memchr(cur(w), '\n', lim);
		if (nl)
			break;
		if (avail(w) >= ARC_LINE_CAP)
			return record_fail(w, r.u, NG_EPARSE, "ARC header line over %zu bytes", ARC_LINE_CAP);
		ng_status st = ng_warc_ensure(w, avail(w) + 1);
		if (st)
			return record_io(w, r.u, st, 0);
	}
	const unsigned char *b = cur(w);
	size_t ll = (size_t)(nl - b);
	arc_line al;
	if (!arc_split(b, ll, w->arc_version, &al))
		return record_fail(w, r.u, NG_EPARSE, "malformed ARC header line");
	w->counts.records++;
	if (w->mode == MODE_ANY)
		w->mode = MODE_ARC;
	r.hdr_len = ll + 1;
	if (!parse_u64(b + al.len.off, al.len.len, &r.blen))
		return record_fail(w, r.u, NG_EPARSE, "bad length '%.*s' in the ARC header",
				   (int)(al.len.len > 40 ? 40 : al.len.len), (const char *)b + al.len.off);
	r.has_len = true;
	r.uri = al.url;
	r.date = al.date;
	r.ctype = al.mime;
	if (istarts(b, ll, "filedesc:")) {
		/* the version block: "1 0 ..." or "2 0 ..." */
		ng_status st = ng_warc_ensure(w, r.hdr_len + (r.blen < 2 ? (size_t)r.blen : 2));
		if (st)
			return record_io(w, r.u, st, r.hdr_len + r.blen);
		if (r.blen >= 2 && (cur(w)[r.hdr_len] == '1' || cur(w)[r.hdr_len] == '2') &&
		    cur(w)[r.hdr_len + 1] == ' ')
			w->arc_version = cur(w)[r.hdr_len] - '0';
		return pass_over(w, &r, &w->counts.skipped_type);
	}
	if (istarts(b, ll, "dns:"))
		return pass_over(w, &r, &w->counts.skipped_type);
	/* HTTP when the block says so; else the ARC line's type describes it */
	r.type = T_RESPONSE;
	return take(w, &r, doc);
}

/* ---- public */

ng_warc *ng_warc_open(FILE *f, const char *name, size_t max_record, const void *prefix,
		      size_t prefix_len)
{
	ng_warc *w = ng_calloc(1, sizeof(*w));
	if (!w)
		return NULL;
	w->f = f;
	w->name = ng_strdup(name ? name : "(memory)");
	w->max_record = max_record ? max_record : DEFAULT_MAX_RECORD;
	w->win_cap = w->max_record + 4 * HDR_CAP + ARC_LINE_CAP;
	w->in_alloc = prefix_len + IN_CHUNK + IN_KEEP;
	w->in = ng_malloc(w->in_alloc);
	w->win_alloc = (size_t)256 << 10;
	w->win = ng_malloc(w->win_alloc);
	if (!w->name || !w->in || !w->win) {
		ng_warc_close(w);
		return NULL;
	}
	if (prefix_len)
		memcpy(w->in, prefix, prefix_len);
	w->in_len = prefix_len;
	/* gzip or not: look at the first bytes */
	while (w->in_len < 2 && !w->in_eof) {
		ng_status st = ng_warc_in_refill(w);
		if (st == NG_EIO || st == NG_ENOMEM)
			break; /* reported by the first ng_warc_next() */
	}
	w->gz = w->in_len >= 2 && w->in[0] == 0x1f && w->in[1] == 0x8b;
	return w;
}

void ng_warc_close(ng_warc *w)
{
	if (!w)
		return;
	if (w->z_init)
		inflateEnd(&w->z);
	ng_free(w->name);
	ng_free(w->in);
	ng_free(w->win);
	ng_free(w->marks);
	ng_free(w);
}

const char *ng_warc_errmsg(const ng_warc *w)
{
	return w->err;
}

uint64_t ng_warc_bytes(const ng_warc *w)
{
	return w->bytes;
}

void ng_warc_counts_get(const ng_warc *w, ng_warc_counts *out)
{
	*out = w->counts;
}

/* A source error met between records. */
static ng_status between_src_fail(ng_warc *w, uint64_t garbage, uint64_t g_at)
{
	char msg[sizeof w->src_msg];
	memcpy(msg, w->src_msg, sizeof msg);
	uint64_t c = w->src_c;
	ng_status st = ng_warc_src_ack(w);
	if (st)
		return st;
	w->counts.errors++;
	if (garbage)
		ng_warc_set_err(w, "offset %llu: %llu bytes of garbage, then at offset %llu: %s; skipped",
			(unsigned long long)g_at, (unsigned long long)garbage, (unsigned long long)c, msg);
	else
		ng_warc_set_err(w, "offset %llu: %s; skipped", (unsigned long long)c, msg);
	return NG_EPARSE;
}

static ng_status next_record(ng_warc *w, ng_doc *doc)
{
	for (;;) {
		/* line breaks between records are fine */
		for (;;) {
			while (avail(w) && (*cur(w) == '\r' || *cur(w) == '\n'))
				w->win_pos++;
			if (avail(w) >= 6)
				break;
			ng_status st = ng_warc_more(w);
			if (st == NG_DONE)
				break;
			if (st == NG_EPARSE) {
				if (avail(w) == 0 || w->resyncing) {
					w->win_pos = w->win_len;
					if (w->resyncing) {
						/* part of the broken record already reported */
						w->resyncing = false;
						st = ng_warc_src_ack(w);
						if (st)
							return st;
						continue;
					}
					return between_src_fail(w, 0, 0);
				}
				break; /* deal with what we have first */
			}
			if (st)
				return st;
		}
		if (avail(w) == 0) {
			if (w->s_eof)
				return NG_DONE;
			continue;
		}
		/* after a broken record, only a line start can start the next one */
		int r = (w->resyncing && !line_start(w, w->win_pos)) ? 0 : record_start_at(w, w->win_pos);
		while (r < 0) {
			ng_status st = ng_warc_more(w);
			if (st == NG_EPARSE)
				break;
			if (st && st != NG_DONE)
				return st;
			r = record_start_at(w, w->win_pos);
			if (st == NG_DONE && r < 0)
				r = 0;
		}
		if (r == 1) {
			w->resyncing = false;
			bool warc = avail(w) >= 5 && !memcmp(cur(w), "WARC/", 5) && w->mode != MODE_ARC;
			ng_status st = warc ? warc_record(w, doc) : arc_record(w, doc);
			if (st == CONTINUE) {
				ng_doc_reset(doc); /* drop what a passed-over record left */
				continue;
			}
			return st;
		}
		/* garbage up to the next record */
		uint64_t g_at = spos(w), skipped = 0;
		uint64_t c, inner;
		ng_warc_file_offset(w, g_at, &c, &inner);
		char at[96]; /* now: the scan may drop the gzip mark it needs */
		ng_warc_where(w, g_at, at, sizeof at);
		bool quiet = w->resyncing;
		ng_status st = scan_to_record(w, &skipped);
		if (st == NG_EPARSE) {
			if (quiet) {
				w->resyncing = false;
				st = ng_warc_src_ack(w);
				if (st)
					return st;
				continue;
			}
			return between_src_fail(w, skipped, c);
		}
		if (st && st != NG_DONE)
			return st;
		w->resyncing = false;
		if (!quiet && skipped) {
			w->counts.errors++;
			if (st == NG_DONE)
				ng_warc_set_err(w, "%s: %llu bytes of garbage at the end of the file; skipped", at,
					(unsigned long long)skipped);
			else
				ng_warc_set_err(w, "%s: %llu bytes of garbage before the next record; skipped", at,
					(unsigned long long)skipped);
			return NG_EPARSE;
		}
		if (st == NG_DONE)
			return NG_DONE;
	}
}

/* Failures for want of memory, in a row, without the stream moving on,
** after which the reader gives the file up. */
#define NOMEM_TRIES 3

ng_status ng_warc_next(ng_warc *w, ng_doc *doc)
{
	w->err[0] = '\0';
	if (w->dead)
		return NG_DONE;
	uint64_t before = spos(w);
	ng_status st = next_record(w, doc);
	if (st != NG_ENOMEM) {
		w->nomem_n = 0;
		return st;
	}
	if (!w->err[0])
		ng_warc_set_err(w, "offset %llu: out of memory", (unsigned long long)before);
	if (spos(w) != before) {
		w->nomem_n = 0;
		return st;
	}
	if (++w->nomem_n >= NOMEM_TRIES) {
		uint64_t c, inner;
		ng_warc_file_offset(w, before, &c, &inner);
		w->dead = true;
		ng_warc_set_err(w, "out of memory %u times at offset %llu without moving on: the "
				   "rest of the file is not read", NOMEM_TRIES, (unsigned long long)c);
	}
	return st;
}

bool ng_warc_sniff(const void *buf, size_t n)
{
	const unsigned char *p = buf;
	if (n >= 6 && !memcmp(p, "WARC/", 5) && is_digit(p[5]))
		return true;
	if (n >= 11 && !memcmp(p, "filedesc://", 11))
		return true;
	if (n < 3 || p[0] != 0x1f || p[1] != 0x8b || p[2] != 8)
		return false;
	unsigned char out[16];
	z_stream z;
	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, 15 + 16) != Z_OK)
		return false;
	z.next_in = (Bytef *)(uintptr_t)p;
	z.avail_in = (uInt)(n > ((size_t)1 << 30) ? ((size_t)1 << 30) : n);
	z.next_out = out;
	z.avail_out = sizeof out;
	int ret = inflate(&z, Z_SYNC_FLUSH);
	size_t got = sizeof out - z.avail_out;
	inflateEnd(&z);
	if (ret != Z_OK && ret != Z_STREAM_END && ret != Z_BUF_ERROR)
		return false;
	return (got >= 6 && !memcmp(out, "WARC/", 5) && is_digit(out[5])) ||
	       (got >= 11 && !memcmp(out, "filedesc://", 11));
}

