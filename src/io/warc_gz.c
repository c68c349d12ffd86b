/*
** warc_gz.c -- the WARC reader's source and window: raw bytes from a FILE
** (after a prefix the caller already read), inflated when the file is gzip.
** Gzip members follow each other in one continuous stream (per-record
** members, BGZF-like blocks or a single whole-file member all work); the
** stream position where each member starts is remembered with its file
** offset ("marks"), so records are reported by the file offset of their
** gzip member, as CDX indexes do. A corrupt or truncated member becomes a
** pending error; after it, decompression restarts at the next gzip magic
** after the broken member's start. The window holds the decompressed bytes
** of the current record, from the record start (win_pos) on, grown on
** demand up to a cap.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "io/warc_int.h"

/* ---- the raw input */

void ng_warc_set_err(ng_warc *w, const char *fmt, ...)
{
	int k = snprintf(w->err, sizeof w->err, "%s: ", w->name);
	if (k < 0 || (size_t)k >= sizeof w->err)
		k = 0;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(w->err + k, sizeof w->err - (size_t)k, fmt, ap);
	va_end(ap);
}

/* Reads up to `room` bytes of the file to buf + *len. NG_DONE (and in_eof)
** at the end of the file. */
static ng_status read_file(ng_warc *w, unsigned char *buf, size_t *len, size_t room)
{
	size_t got = fread(buf + *len, 1, room, w->f);
	*len += got;
	w->bytes += got;
	if (got == 0) {
		if (ferror(w->f)) {
			ng_warc_set_err(w, "read error: %s", strerror(errno));
			return NG_EIO;
		}
		w->in_eof = true;
		return NG_DONE;
	}
	return NG_OK;
}

/* Reads more raw input, keeping IN_KEEP bytes before in_pos. NG_DONE at
** the end of the file. */
ng_status ng_warc_in_refill(ng_warc *w)
{
	if (w->in_eof)
		return NG_DONE;
	size_t drop = w->in_pos > IN_KEEP ? w->in_pos - IN_KEEP : 0;
	if (drop) {
		memmove(w->in, w->in + drop, w->in_len - drop);
		w->in_len -= drop;
		w->in_pos -= drop;
		w->in_off += drop;
	}
	if (w->in_alloc - w->in_len < IN_CHUNK) {
		unsigned char *n = ng_realloc(w->in, w->in_len + IN_CHUNK);
		if (!n)
			return NG_ENOMEM;
		w->in = n;
		w->in_alloc = w->in_len + IN_CHUNK;
	}
	return read_file(w, w->in, &w->in_len, w->in_alloc - w->in_len);
}

/* Moves in_pos to the next gzip magic at or after file offset `from` (or
** to the end of the file: NG_DONE). */
static ng_status find_magic(ng_warc *w, uint64_t from)
{
	size_t i = from > w->in_off ? (size_t)(from - w->in_off) : 0;
	if (i > w->in_len)
		i = w->in_len;
	for (;;) {
		while (i + 2 < w->in_len) {
			unsigned char *p = memchr(w->in + i, 0x1f, w->in_len - i - 2);
			if (!p)
				break;
			i = (size_t)(p - w->in);
			if (p[1] == 0x8b && p[2] == 8) {
				w->in_pos = i;
				return NG_OK;
			}
			i++;
		}
		if (i + 2 < w->in_len)
			i = w->in_len - 2;
		w->in_pos = i;
		if (w->in_eof) {
			w->in_pos = w->in_len;
			return NG_DONE;
		}
		ng_status st = ng_warc_in_refill(w);
		if (st == NG_EIO || st == NG_ENOMEM)
			return st;
		i = w->in_pos;
	}
}

static void src_fail(ng_warc *w, bool recover, uint64_t c, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static void src_fail(ng_warc *w, bool recover, uint64_t c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(w->src_msg, sizeof w->src_msg, fmt, ap);
	va_end(ap);
	w->src_err = true;
	w->src_recover = recover;
	w->src_c = c;
}

/* Acknowledges a delivered source error: decompression restarts at the
** next gzip member after the broken one. */
ng_status ng_warc_src_ack(ng_warc *w)
{
	w->src_err = false;
	if (!w->src_recover)
		return NG_OK;
	w->src_recover = false;
	ng_status st = find_magic(w, w->member_c + 1);
	return st == NG_DONE ? NG_OK : st;
}

static ng_status push_mark(ng_warc *w, uint64_t u, uint64_t c)
{
	if (w->n_marks == w->cap_marks) {
		size_t nc = w->cap_marks ? w->cap_marks * 2 : 64;
		mark *m = ng_realloc(w->marks, nc * sizeof(mark));
		if (!m)
			return NG_ENOMEM;
		w->marks = m;
		w->cap_marks = nc;
	}
	w->marks[w->n_marks].u = u;
	w->marks[w->n_marks].c = c;
	w->n_marks++;
	return NG_OK;
}

/* Appends inflated bytes to the window. NG_OK when some were added. */
static ng_status gz_fill(ng_warc *w)
{
	size_t start = w->win_len;
	for (;;) {
		if (!w->z_active) {
			if (w->win_len > start)
				return NG_OK;
			while (w->in_len - w->in_pos < 3 && !w->in_eof) {
				ng_status st = ng_warc_in_refill(w);
				if (st == NG_EIO || st == NG_ENOMEM)
					return st;
			}
			size_t av = w->in_len - w->in_pos;
			if (av == 0)
				return NG_DONE;
			const unsigned char *p = w->in + w->in_pos;
			if (av < 3 || p[0] != 0x1f || p[1] != 0x8b || p[2] != 8) {
				uint64_t c0 = w->in_off + w->in_pos;
				ng_status st = find_magic(w, c0 + 1);
				if (st == NG_EIO || st == NG_ENOMEM)
					return st;
				src_fail(w, false, c0, "%llu bytes that are not gzip data",
					 (unsigned long long)(w->in_off + w->in_pos - c0));
				return NG_EPARSE;
			}
			if (!w->z_init) {
				if (inflateInit2(&w->z, 15 + 16) != Z_OK)
					return NG_ENOMEM;
				w->z_init = true;
			} else if (inflateReset(&w->z) != Z_OK) {
				return NG_EINTERNAL;
			}
			w->member_c = w->in_off + w->in_pos;
			ng_status st = push_mark(w, w->win_off + w->win_len, w->member_c);
			if (st)
				return st;
			w->z_active = true;
		}
		if (w->in_pos == w->in_len) {
			ng_status st = ng_warc_in_refill(w);
			if (st == NG_EIO || st == NG_ENOMEM)
				return st;
			if (st == NG_DONE) {
				w->z_active = false;
				src_fail(w, true, w->member_c, "truncated gzip member");
				return w->win_len > start ? NG_OK : NG_EPARSE;
			}
		}
		w->z.next_in = w->in + w->in_pos;
		w->z.avail_in = (uInt)(w->in_len - w->in_pos);
		w->z.next_out = w->win + w->win_len;
		size_t room = w->win_alloc - w->win_len;
		if (room > ((size_t)1 << 30))
			room = (size_t)1 << 30;
		w->z.avail_out = (uInt)room;
		int ret = inflate(&w->z, Z_NO_FLUSH);
		w->in_pos = (size_t)(w->z.next_in - w->in);
		w->win_len = (size_t)(w->z.next_out - w->win);
		if (ret == Z_STREAM_END) {
			w->z_active = false;
			continue;
		}
		if (ret == Z_OK || ret == Z_BUF_ERROR) {
			if (w->win_len > start)
				return NG_OK;
			if (w->z.avail_out == 0)
				return NG_EINTERNAL; /* the caller makes room first */
			continue;
		}
		if (ret == Z_MEM_ERROR)
			return NG_ENOMEM;
		w->z_active = false;
		src_fail(w, true, w->member_c, "corrupt gzip member (%s)",
			 w->z.msg ? w->z.msg : "bad data");
		return w->win_len > start ? NG_OK : NG_EPARSE;
	}
}

static ng_status plain_fill(ng_warc *w)
{
	size_t room = w->win_alloc - w->win_len;
	if (w->in_pos < w->in_len) {
		size_t n = w->in_len - w->in_pos;
		if (n > room)
			n = room;
		memcpy(w->win + w->win_len, w->in + w->in_pos, n);
		w->in_pos += n;
		w->win_len += n;
		return NG_OK;
	}
	if (w->in_eof)
		return NG_DONE;
	if (room > IN_CHUNK * 4)
		room = IN_CHUNK * 4;
	return read_file(w, w->win, &w->win_len, room);
}

/* ---- the window */


static void compact(ng_warc *w)
{
	if (w->win_pos == 0)
		return;
	w->byte_before = w->win[w->win_pos - 1];
	memmove(w->win, w->win + w->win_pos, w->win_len - w->win_pos);
	w->win_off += w->win_pos;
	w->win_len -= w->win_pos;
	w->win_pos = 0;
	/* keep the last mark at or before win_off and all later ones */
	size_t k = 0;
	while (k + 1 < w->n_marks && w->marks[k + 1].u <= w->win_off)
		k++;
	if (k) {
		memmove(w->marks, w->marks + k, (w->n_marks - k) * sizeof(mark));
		w->n_marks -= k;
	}
}

/* Adds stream bytes to the window. NG_OK when some were added; NG_DONE at
** the end; NG_EPARSE for a pending source error (see src_msg). */
ng_status ng_warc_more(ng_warc *w)
{
	if (w->src_err)
		return NG_EPARSE;
	if (w->s_eof)
		return NG_DONE;
	if (w->win_alloc - w->win_len < FILL_MIN) {
		compact(w);
		if (w->win_alloc - w->win_len < FILL_MIN) {
			size_t limit = w->win_cap + FILL_MIN;
			size_t nc = w->win_alloc * 2;
			if (nc > limit)
				nc = limit;
			if (nc < w->win_len + FILL_MIN)
				return NG_ELIMIT;
			unsigned char *n = ng_realloc(w->win, nc);
			if (!n)
				return NG_ENOMEM;
			w->win = n;
			w->win_alloc = nc;
		}
	}
	ng_status st = w->gz ? gz_fill(w) : plain_fill(w);
	if (st == NG_DONE)
		w->s_eof = true;
	return st;
}

/* Makes at least n bytes available from win_pos (n <= win_cap). */
ng_status ng_warc_ensure(ng_warc *w, size_t n)
{
	if (n > w->win_cap)
		return NG_ELIMIT;
	while (avail(w) < n) {
		ng_status st = ng_warc_more(w);
		if (st)
			return st;
	}
	return NG_OK;
}

/* Consumes n bytes without keeping them. */
ng_status ng_warc_drop(ng_warc *w, uint64_t n)
{
	while (n > 0) {
		size_t a = avail(w);
		if (a >= n) {
			w->win_pos += (size_t)n;
			return NG_OK;
		}
		w->win_pos = w->win_len;
		n -= a;
		ng_status st = ng_warc_more(w);
		if (st)
			return st;
	}
	return NG_OK;
}

/* The file offset of stream offset u: its gzip member's offset, and how
** far into the member's uncompressed data it is. */
void ng_warc_file_offset(const ng_warc *w, uint64_t u, uint64_t *c, uint64_t *inner)
{
	*c = u;
	*inner = 0;
	if (!w->gz)
		return;
	size_t lo = 0, hi = w->n_marks;
	while (lo < hi) { /* first mark with .u > u */
		size_t mid = (lo + hi) / 2;
		if (w->marks[mid].u <= u)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0) {
		*c = w->member_c;
		*inner = 0;
		return;
	}
	*c = w->marks[lo - 1].c;
	*inner = u - w->marks[lo - 1].u;
}

bool ng_warc_is_mark(const ng_warc *w, uint64_t u)
{
	size_t lo = 0, hi = w->n_marks;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (w->marks[mid].u < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < w->n_marks && w->marks[lo].u == u;
}

/* Text "record at offset N" for messages. */
void ng_warc_where(const ng_warc *w, uint64_t u, char *buf, size_t n)
{
	uint64_t c, inner;
	ng_warc_file_offset(w, u, &c, &inner);
	if (inner)
		snprintf(buf, n, "offset %llu (+%llu uncompressed)", (unsigned long long)c,
			 (unsigned long long)inner);
	else
		snprintf(buf, n, "offset %llu", (unsigned long long)c);
}

