/*
** warc.c -- a streaming WARC / ARC reader that yields the HTML pages of a
** web archive.
**
** Three layers:
**   1. the source: raw bytes from a FILE (after a prefix the caller already
**      read), inflated when the file is gzip. Gzip members follow each other
**      in one continuous stream (per-record members, BGZF-like blocks or a
**      single whole-file member all work); the stream position where each
**      member starts is remembered with its file offset ("marks"), so
**      records are reported by the file offset of their gzip member, as CDX
**      indexes do. A corrupt or truncated member becomes a pending error;
**      after it, decompression restarts at the next gzip magic after the
**      broken member's start.
**   2. the window: the decompressed bytes of the current record, from the
**      record start (win_pos) on, grown on demand up to a cap. Offsets into
**      a record are relative to win_pos, so the window may move.
**   3. the records: WARC header + block of Content-Length bytes, or ARC
**      header line + block; for response/resource records the HTTP header
**      is parsed, then the payload is de-chunked, inflated and checked for
**      HTML. A record whose block does not end where its length says (no
**      next record there, but one inside the block), which is truncated, or
**      whose header is malformed is reported and skipped, and reading
**      resumes one byte after its start, at the next line that starts a
**      record: no good record after a broken one is lost.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "io/warc.h"

#define DEFAULT_MAX_RECORD ((size_t)16 << 20)
#define HDR_CAP ((size_t)64 << 10)      /* WARC header, HTTP header */
#define ARC_LINE_CAP ((size_t)8 << 10)  /* an ARC header line */
#define IN_CHUNK ((size_t)256 << 10)    /* compressed read size */
#define IN_KEEP ((size_t)64 << 10)      /* compressed bytes kept behind, to resync */
#define FILL_MIN ((size_t)64 << 10)     /* least free window space for a fill */
#define LEN_MAX ((uint64_t)1 << 48)     /* a larger length is not a length */

enum { MODE_ANY = 0, MODE_WARC, MODE_ARC };
enum { T_SKIP = 0, T_RESPONSE, T_RESOURCE };
enum { CE_IDENTITY = 0, CE_GZIP, CE_DEFLATE, CE_OTHER };
/* ng_warc_next() internal: the record was passed over, go on */
#define CONTINUE ((ng_status)15) /* not an ng_status value, within the enum's range */

typedef struct mark {
	uint64_t u; /* stream offset where a gzip member starts */
	uint64_t c; /* its file offset */
} mark;

/* A byte range relative to the record start (win_pos). */
typedef struct fspan {
	size_t off, len;
} fspan;

typedef struct rec {
	uint64_t u;       /* stream offset of the record */
	bool arc;
	size_t hdr_len;   /* the block starts here */
	uint64_t blen;    /* block length */
	bool has_len;
	int type;         /* T_* */
	bool filedesc;    /* ARC version block */
	fspan wtype, uri, id, date, ctype, len, seg, trunc;
} rec;

typedef struct http {
	int status;
	size_t body;      /* payload offset in the block */
	fspan ctype, te, ce;
} http;

struct ng_warc {
	FILE *f;
	char *name;
	size_t max_record;
	size_t win_cap;

	/* raw input; bytes [in_pos, in_len) unread; in[0] is at file offset in_off */
	unsigned char *in;
	size_t in_alloc, in_len, in_pos;
	uint64_t in_off;
	bool in_eof;
	uint64_t bytes;

	/* gzip */
	bool gz;
	z_stream z;
	bool z_init, z_active;
	uint64_t member_c;

	/* a pending source error, delivered when the window runs dry */
	bool src_err;
	bool src_recover;    /* restart at the next gzip member after ack */
	uint64_t src_c;      /* file offset it concerns */
	char src_msg[200];

	/* decompressed window; win[0] is at stream offset win_off */
	unsigned char *win;
	size_t win_alloc, win_len, win_pos;
	uint64_t win_off;
	unsigned char byte_before; /* the stream byte before win[0] */
	bool s_eof;

	mark *marks;
	size_t n_marks, cap_marks;

	int mode;
	int arc_version;
	bool resyncing;      /* skipping silently after a broken record */
	uint64_t cur_u;      /* the record being read, and where() of it, kept */
	char cur_at[96];     /* because its gzip mark may be gone after a drop */
	ng_warc_counts counts;
	char err[1024];
};

/* ---- small helpers */

static unsigned char lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool ieq(const unsigned char *s, size_t n, const char *lit)
{
	size_t l = strlen(lit);
	if (n != l)
		return false;
	for (size_t i = 0; i < n; i++)
		if (lower(s[i]) != (unsigned char)lit[i])
			return false;
	return true;
}

static bool istarts(const unsigned char *s, size_t n, const char *lit)
{
	size_t l = strlen(lit);
	return n >= l && ieq(s, l, lit);
}

static bool parse_u64(const unsigned char *s, size_t n, uint64_t *v)
{
	if (n == 0 || n > 15)
		return false;
	uint64_t x = 0;
	for (size_t i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return false;
		x = x * 10 + (uint64_t)(s[i] - '0');
	}
	*v = x;
	return x < LEN_MAX;
}

static void trim(const unsigned char *base, fspan *f)
{
	while (f->len && (base[f->off] == ' ' || base[f->off] == '\t')) {
		f->off++;
		f->len--;
	}
	while (f->len && (base[f->off + f->len - 1] == ' ' || base[f->off + f->len - 1] == '\t' ||
			  base[f->off + f->len - 1] == '\r'))
		f->len--;
}

/* ---- the raw input */

static void set_err(ng_warc *w, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static void set_err(ng_warc *w, const char *fmt, ...)
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
			set_err(w, "read error: %s", strerror(errno));
			return NG_EIO;
		}
		w->in_eof = true;
		return NG_DONE;
	}
	return NG_OK;
}

/* Reads more raw input, keeping IN_KEEP bytes before in_pos. NG_DONE at
** the end of the file. */
static ng_status in_refill(ng_warc *w)
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
		ng_status st = in_refill(w);
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
static ng_status src_ack(ng_warc *w)
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
				ng_status st = in_refill(w);
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
			ng_status st = in_refill(w);
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

static size_t avail(const ng_warc *w)
{
	return w->win_len - w->win_pos;
}

static const unsigned char *cur(const ng_warc *w)
{
	return w->win + w->win_pos;
}

static uint64_t spos(const ng_warc *w)
{
	return w->win_off + w->win_pos;
}

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
static ng_status more(ng_warc *w)
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
static ng_status ensure(ng_warc *w, size_t n)
{
	if (n > w->win_cap)
		return NG_ELIMIT;
	while (avail(w) < n) {
		ng_status st = more(w);
		if (st)
			return st;
	}
	return NG_OK;
}

/* Consumes n bytes without keeping them. */
static ng_status drop(ng_warc *w, uint64_t n)
{
	while (n > 0) {
		size_t a = avail(w);
		if (a >= n) {
			w->win_pos += (size_t)n;
			return NG_OK;
		}
		w->win_pos = w->win_len;
		n -= a;
		ng_status st = more(w);
		if (st)
			return st;
	}
	return NG_OK;
}

/* The file offset of stream offset u: its gzip member's offset, and how
** far into the member's uncompressed data it is. */
static void file_offset(const ng_warc *w, uint64_t u, uint64_t *c, uint64_t *inner)
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

static bool is_mark(const ng_warc *w, uint64_t u)
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
static void where(const ng_warc *w, uint64_t u, char *buf, size_t n)
{
	uint64_t c, inner;
	file_offset(w, u, &c, &inner);
	if (inner)
		snprintf(buf, n, "offset %llu (+%llu uncompressed)", (unsigned long long)c,
			 (unsigned long long)inner);
	else
		snprintf(buf, n, "offset %llu", (unsigned long long)c);
}

/* ---- record boundaries */

/* True when window index i starts a line: after a LF, at the stream
** start or at the start of a gzip member. */
static bool line_start(const ng_warc *w, size_t i)
{
	uint64_t u = w->win_off + i;
	if (u == 0)
		return true;
	unsigned char prev = i > 0 ? w->win[i - 1] : w->byte_before;
	return prev == '\n' || (w->gz && is_mark(w, u));
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
		ng_status st = more(w);
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
		where(w, u, at, sizeof at);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	set_err(w, "record at %s: %s; skipped", at, msg);
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
	ng_status st = src_ack(w);
	if (st)
		return st;
	return record_fail(w, u, NG_EPARSE, "%s", msg);
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
	return st; /* NG_EIO, NG_ENOMEM: the message is set or generic */
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
			ng_status st = ensure(w, a + 1);
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
static bool http_parse(const unsigned char *blk, size_t n, size_t base, http *h)
{
	memset(h, 0, sizeof(*h));
	h->status = -1;
	size_t ls = 0;
	bool first = true;
	for (;;) {
		const unsigned char *nl = ls < n ? memchr(blk + ls, '\n', n - ls) : NULL;
		if (!nl)
			return false;
		size_t le = (size_t)(nl - blk);
		size_t len = le - ls;
		if (len && blk[le - 1] == '\r')
			len--;
		const unsigned char *s = blk + ls;
		if (first) {
			first = false;
			/* HTTP/1.1 200 OK */
			const unsigned char *sp = memchr(s, ' ', len);
			if (!sp)
				return false;
			size_t k = (size_t)(sp - s);
			while (k < len && s[k] == ' ')
				k++;
			if (k + 3 > len || !is_digit(s[k]) || !is_digit(s[k + 1]) || !is_digit(s[k + 2]) ||
			    (k + 3 < len && s[k + 3] != ' '))
				return false;
			h->status = (s[k] - '0') * 100 + (s[k + 1] - '0') * 10 + (s[k + 2] - '0');
		} else if (len == 0) {
			h->body = le + 1;
			return true;
		} else {
			const unsigned char *colon = memchr(s, ':', len);
			if (colon && s[0] != ' ' && s[0] != '\t') {
				size_t kl = (size_t)(colon - s);
				while (kl > 0 && (s[kl - 1] == ' ' || s[kl - 1] == '\t'))
					kl--;
				fspan v = {ls + (size_t)(colon - s) + 1, len - (size_t)(colon - s) - 1};
				trim(blk, &v);
				v.off += base;
				if (ieq(s, kl, "content-type"))
					h->ctype = v;
				else if (ieq(s, kl, "transfer-encoding"))
					h->te = v;
				else if (ieq(s, kl, "content-encoding"))
					h->ce = v;
			}
		}
		ls = le + 1;
	}
}

/* The media type of a Content-Type value (before any parameter),
** lowercased into buf. */
static void media_type(const unsigned char *base, fspan ct, char *buf, size_t bn)
{
	const unsigned char *s = base + ct.off;
	size_t n = ct.len, k = 0, o = 0;
	while (k < n && s[k] != ';' && s[k] != ' ' && s[k] != '\t') {
		if (o + 1 < bn)
			buf[o++] = (char)lower(s[k]);
		k++;
	}
	buf[o] = '\0';
}

static bool media_is_html(const char *m)
{
	return !strcmp(m, "text/html") || !strcmp(m, "application/xhtml+xml");
}

/* Types that say nothing: sniff the payload instead. */
static bool media_unknown(const char *m)
{
	return !*m || !strcmp(m, "application/octet-stream") || !strcmp(m, "unknown/unknown") ||
	       !strcmp(m, "unk") || !strcmp(m, "no-type") || !strcmp(m, "application/unknown") ||
	       !strcmp(m, "*/*");
}

/* HTML by its first bytes (the HTML signatures of the WHATWG MIME
** sniffing standard, after a BOM and whitespace). */
static bool sniff_html(const unsigned char *s, size_t n)
{
	static const char *const tags[] = {"!doctype html", "html", "head", "script", "iframe",
					   "h1", "div", "font", "table", "a", "style", "title",
					   "b", "body", "br", "p"};
	size_t k = 0;
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		k = 3;
	while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r' || s[k] == '\f'))
		k++;
	if (k >= n || s[k] != '<')
		return false;
	k++;
	if (n - k >= 3 && !memcmp(s + k, "!--", 3))
		return true;
	for (size_t t = 0; t < sizeof tags / sizeof tags[0]; t++) {
		size_t l = strlen(tags[t]);
		if (n - k > l && istarts(s + k, n - k, tags[t]) &&
		    (s[k + l] == ' ' || s[k + l] == '>'))
			return true;
	}
	return false;
}

/* ---- payload decoding */

enum { DC_OK = 0, DC_NOT_CHUNKED, DC_BROKEN, DC_UNFINISHED };

/* De-chunks in[0..n) into out (room for n bytes). *used gets the input
** consumed (for DC_BROKEN: where framing broke). */
static int dechunk(const unsigned char *in, size_t n, unsigned char *out, size_t *out_n,
		   size_t *used)
{
	size_t i = 0, o = 0;
	bool first = true;
	for (;;) {
		size_t ls = i;
		uint64_t sz = 0;
		size_t digits = 0;
		while (i < n && digits < 16) {
			unsigned char c = lower(in[i]);
			int d = is_digit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
			if (d < 0)
				break;
			sz = sz * 16 + (uint64_t)d;
			digits++;
			i++;
		}
		const unsigned char *nl = i < n ? memchr(in + i, '\n', n - i < 1024 ? n - i : 1024) : NULL;
		bool ext_ok = true; /* only ";ext", spaces or CR before the LF */
		if (nl) {
			for (size_t k = i; k < (size_t)(nl - in); k++) {
				if (in[k] == ';')
					break;
				if (in[k] != ' ' && in[k] != '\t' && in[k] != '\r')
					ext_ok = false;
			}
		}
		if (digits == 0 || digits >= 16 || !nl || !ext_ok) {
			*out_n = o;
			*used = ls;
			if (i >= n && digits > 0 && !first)
				return DC_UNFINISHED;
			return first ? DC_NOT_CHUNKED : (ls >= n ? DC_UNFINISHED : DC_BROKEN);
		}
		first = false;
		i = (size_t)(nl - in) + 1;
		if (sz == 0) {
			*out_n = o;
			*used = n;
			return DC_OK;
		}
		if (sz > n - i) {
			memcpy(out + o, in + i, n - i);
			o += n - i;
			*out_n = o;
			*used = n;
			return DC_UNFINISHED;
		}
		memcpy(out + o, in + i, (size_t)sz);
		o += (size_t)sz;
		i += (size_t)sz;
		if (i < n && in[i] == '\r')
			i++;
		if (i < n && in[i] == '\n') {
			i++;
		} else if (i < n) {
			*out_n = o;
			*used = i;
			return DC_BROKEN;
		}
		if (i >= n) {
			*out_n = o;
			*used = n;
			return DC_UNFINISHED;
		}
	}
}

enum { IF_OK = 0, IF_NOT_COMPRESSED, IF_CORRUPT, IF_TRUNCATED, IF_LIMIT, IF_NOMEM };

/* Inflates in[0..n) (gzip or zlib; raw deflate when raw) into the doc's
** arena, at most `cap` bytes. */
static int inflate_body(ng_doc *doc, const unsigned char *in, size_t n, bool raw, size_t cap,
			char **out, size_t *out_n)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, raw ? -15 : 15 + 32) != Z_OK)
		return IF_NOMEM;
	size_t alloc = n * 4 + 4096;
	if (alloc > cap + 1)
		alloc = cap + 1;
	char *buf = ng_arena_alloc(doc->arena, alloc);
	if (!buf) {
		inflateEnd(&z);
		return IF_NOMEM;
	}
	size_t o = 0;
	z.next_in = (Bytef *)(uintptr_t)in;
	int rc = IF_OK;
	size_t fed = 0;
	for (;;) {
		if (z.avail_in == 0 && fed < n) {
			size_t k = n - fed > ((size_t)1 << 30) ? ((size_t)1 << 30) : n - fed;
			z.avail_in = (uInt)k;
			fed += k;
		}
		if (alloc - o < 2) {
			if (alloc >= cap + 1) {
				rc = IF_LIMIT;
				break;
			}
			size_t na = alloc * 2 > cap + 1 ? cap + 1 : alloc * 2;
			char *nb = ng_arena_grow(doc->arena, buf, alloc, na);
			if (!nb) {
				rc = IF_NOMEM;
				break;
			}
			buf = nb;
			alloc = na;
		}
		z.next_out = (Bytef *)(buf + o);
		size_t room = alloc - 1 - o;
		z.avail_out = (uInt)(room > ((size_t)1 << 30) ? ((size_t)1 << 30) : room);
		int ret = inflate(&z, Z_NO_FLUSH);
		o = (size_t)((char *)z.next_out - buf);
		if (ret == Z_STREAM_END)
			break;
		if (ret == Z_OK)
			continue;
		if (ret == Z_BUF_ERROR && z.avail_in == 0 && fed >= n) {
			rc = o ? IF_TRUNCATED : IF_NOT_COMPRESSED;
			break;
		}
		if (ret == Z_BUF_ERROR)
			continue;
		if (ret == Z_MEM_ERROR) {
			rc = IF_NOMEM;
			break;
		}
		rc = (o == 0 && z.total_in < 4) ? IF_NOT_COMPRESSED : IF_CORRUPT;
		break;
	}
	inflateEnd(&z);
	if (o > cap && rc == IF_OK)
		rc = IF_LIMIT;
	buf[o] = '\0';
	*out = buf;
	*out_n = o;
	return rc;
}

static ng_status warn(ng_doc *doc, const char *at, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static ng_status warn(ng_doc *doc, const char *at, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	ng_status st = ng_doc_add_error(doc, NG_EPARSE, -1, "warc", "record at %s: %s", at, msg);
	return st == NG_ELIMIT ? NG_OK : st;
}

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
		ng_status s = ensure(w, need);
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
		ng_status st = ensure(w, avail(w) + 1);
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
		ng_status st = ensure(w, (size_t)total);
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
		ng_status st = drop(w, total);
		if (st)
			return record_io(w, r->u, st, total);
	}
	(*counter)++;
	return CONTINUE;
}

/* Returns the HTML page of a wanted record, or passes over it. */
static ng_status take(ng_warc *w, rec *r, ng_doc *doc)
{
	char at[96];
	memcpy(at, w->cur_at, sizeof at);
	if (r->blen == 0) /* nothing was captured (a failed fetch) */
		return pass_over(w, r, &w->counts.skipped_media);
	/* the HTTP header, when there is one */
	size_t peek = r->blen < HDR_CAP ? (size_t)r->blen : HDR_CAP;
	ng_status st = ensure(w, r->hdr_len + peek);
	if (st)
		return record_io(w, r->u, st, r->hdr_len + r->blen);
	const unsigned char *blk = cur(w) + r->hdr_len;
	bool is_http = r->type == T_RESPONSE && peek >= 5 && !memcmp(blk, "HTTP/", 5);
	http h;
	memset(&h, 0, sizeof h);
	h.status = 200;
	fspan ctype = r->ctype;
	if (is_http) {
		if (!http_parse(blk, peek, r->hdr_len, &h)) {
			if (peek == HDR_CAP)
				return record_fail(w, r->u, NG_EPARSE, "HTTP header over %zu bytes", HDR_CAP);
			return record_fail(w, r->u, NG_EPARSE, "malformed HTTP header");
		}
		ctype = h.ctype;
		if (!ctype.len && r->arc)
			ctype = r->ctype; /* the ARC line's type came from the same header */
	} else if (r->type == T_RESPONSE && !r->arc && r->ctype.len &&
		   istarts(cur(w) + r->ctype.off, r->ctype.len, "application/http")) {
		return record_fail(w, r->u, NG_EPARSE, "no HTTP status line in a response record");
	}
	char media[64];
	media_type(cur(w), ctype, media, sizeof media);
	if (h.status != 200)
		return pass_over(w, r, &w->counts.skipped_status);
	bool sniff = media_unknown(media);
	if (!sniff && !media_is_html(media))
		return pass_over(w, r, &w->counts.skipped_media);
	int ce = CE_IDENTITY;
	if (h.ce.len) {
		const unsigned char *v = cur(w) + h.ce.off;
		if (ieq(v, h.ce.len, "gzip") || ieq(v, h.ce.len, "x-gzip"))
			ce = CE_GZIP;
		else if (ieq(v, h.ce.len, "deflate"))
			ce = CE_DEFLATE;
		else if (!ieq(v, h.ce.len, "identity") && !ieq(v, h.ce.len, "none"))
			ce = CE_OTHER;
	}
	if (ce == CE_OTHER)
		return pass_over(w, r, &w->counts.skipped_encoding);
	uint64_t total = r->hdr_len + r->blen;
	if (r->blen - h.body > w->max_record) {
		uint64_t pay_len = r->blen - h.body;
		st = drop(w, total);
		if (st && st != NG_DONE && st != NG_EPARSE)
			return st;
		char why[sizeof w->src_msg + 16] = "";
		if (st == NG_EPARSE) {
			snprintf(why, sizeof why, "%s", w->src_msg);
			ng_status st2 = src_ack(w);
			if (st2)
				return st2;
		} else if (st == NG_DONE) {
			snprintf(why, sizeof why, "truncated");
		}
		w->counts.errors++;
		if (why[0])
			set_err(w, "record at %s: %s, inside a payload of %llu bytes that is over the "
				   "limit of %zu bytes (--max-bytes); skipped", at, why,
				(unsigned long long)pay_len, w->max_record);
		else
			set_err(w, "record at %s: payload of %llu bytes is over the limit of %zu bytes "
				   "(--max-bytes); skipped", at, (unsigned long long)pay_len, w->max_record);
		return why[0] ? NG_EPARSE : NG_ELIMIT;
	}
	st = ensure(w, (size_t)total);
	if (st)
		return record_io(w, r->u, st, total);
	int ok = block_end_ok(w, (size_t)total, &st);
	if (st)
		return st;
	if (!ok && start_inside(w, r->hdr_len, (size_t)total))
		return record_fail(w, r->u, NG_EPARSE, "its length (%llu) runs into the next record",
				   (unsigned long long)r->blen);

	/* the payload */
	const unsigned char *base = cur(w);
	const unsigned char *pay = base + r->hdr_len + h.body;
	size_t pn = (size_t)r->blen - h.body;
	bool chunked = h.te.len && istarts(base + h.te.off, h.te.len, "chunked");
	if (h.te.len && !chunked) {
		/* "gzip, chunked" and the like */
		const unsigned char *v = base + h.te.off;
		for (size_t k = 0; k + 7 <= h.te.len; k++)
			if (istarts(v + k, h.te.len - k, "chunked"))
				chunked = true;
	}
	char *out = NULL;
	size_t on = 0;
	if (chunked) {
		unsigned char *dc = ng_arena_alloc(doc->arena, pn + 1);
		if (!dc)
			return NG_ENOMEM;
		size_t dn, used;
		int rc = dechunk(pay, pn, dc, &dn, &used);
		if (rc == DC_NOT_CHUNKED) {
			st = warn(doc, at, "Transfer-Encoding: chunked, but the payload is not chunked; "
					   "used as stored");
			memcpy(dc, pay, pn);
			dn = pn;
		} else if (rc == DC_BROKEN) {
			st = warn(doc, at, "bad chunked encoding at payload byte %zu; the rest is kept as "
					   "stored", used);
			memcpy(dc + dn, pay + used, pn - used);
			dn += pn - used;
		} else if (rc == DC_UNFINISHED) {
			st = warn(doc, at, "chunked payload ends without its last chunk");
		}
		if (st)
			return st;
		pay = dc;
		pn = dn;
	}
	if (ce == CE_GZIP || ce == CE_DEFLATE) {
		int rc = inflate_body(doc, pay, pn, false, w->max_record, &out, &on);
		if (rc == IF_NOT_COMPRESSED && ce == CE_DEFLATE)
			rc = inflate_body(doc, pay, pn, true, w->max_record, &out, &on);
		if (rc == IF_NOMEM)
			return NG_ENOMEM;
		if (rc == IF_LIMIT) {
			w->win_pos += (size_t)total;
			w->counts.errors++;
			set_err(w, "record at %s: decompressed payload is over the limit of %zu bytes "
				   "(--max-bytes); skipped", at, w->max_record);
			return NG_ELIMIT;
		}
		if (rc == IF_NOT_COMPRESSED || (rc == IF_CORRUPT && on == 0)) {
			if (!sniff_html(pay, pn)) {
				w->win_pos += (size_t)total;
				w->counts.errors++;
				set_err(w, "record at %s: Content-Encoding %s, but the payload cannot be "
					   "decompressed; skipped", at, ce == CE_GZIP ? "gzip" : "deflate");
				return NG_EPARSE;
			}
			st = warn(doc, at, "Content-Encoding %s, but the payload is not compressed; used "
					   "as stored", ce == CE_GZIP ? "gzip" : "deflate");
			out = NULL;
		} else if (rc == IF_TRUNCATED || rc == IF_CORRUPT) {
			st = warn(doc, at, "%s compressed payload; kept the %zu bytes decoded",
				  rc == IF_TRUNCATED ? "truncated" : "corrupt", on);
		}
		if (st)
			return st;
	}
	if (!out) {
		out = ng_arena_alloc(doc->arena, pn + 1);
		if (!out)
			return NG_ENOMEM;
		memcpy(out, pay, pn);
		out[pn] = '\0';
		on = pn;
	}
	if (sniff && !sniff_html((const unsigned char *)out, on)) {
		w->win_pos += (size_t)total;
		w->counts.skipped_media++;
		return CONTINUE;
	}
	if (on == 0) {
		w->win_pos += (size_t)total;
		w->counts.skipped_media++;
		return CONTINUE;
	}

	/* the document */
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
	file_offset(w, r->u, &c, &inner);
	doc->source_offset = (int64_t)c;
	if (r->trunc.len) {
		st = warn(doc, at, "the crawler truncated this payload (WARC-Truncated: %.*s)",
			  (int)(r->trunc.len > 40 ? 40 : r->trunc.len), (const char *)base + r->trunc.off);
		if (st)
			return st;
	}
	doc->assigned = NG_F_RAW;
	w->win_pos += (size_t)total;
	w->counts.pages++;
	return NG_OK;
}

static ng_status warc_record(ng_warc *w, ng_doc *doc)
{
	rec r;
	memset(&r, 0, sizeof r);
	r.u = spos(w);
	w->cur_u = r.u;
	where(w, r.u, w->cur_at, sizeof w->cur_at);
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
			st = warn(doc, at, "no Content-Length; the block was taken up to the next record");
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
	where(w, r.u, w->cur_at, sizeof w->cur_at);
	const unsigned char *nl;
	for (;;) {
		size_t lim = avail(w) < ARC_LINE_CAP ? avail(w) : ARC_LINE_CAP;
		nl = memchr(cur(w), '\n', lim);
		if (nl)
			break;
		if (avail(w) >= ARC_LINE_CAP)
			return record_fail(w, r.u, NG_EPARSE, "ARC header line over %zu bytes", ARC_LINE_CAP);
		ng_status st = ensure(w, avail(w) + 1);
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
		ng_status st = ensure(w, r.hdr_len + (r.blen < 2 ? (size_t)r.blen : 2));
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
		ng_status st = in_refill(w);
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
	ng_status st = src_ack(w);
	if (st)
		return st;
	w->counts.errors++;
	if (garbage)
		set_err(w, "offset %llu: %llu bytes of garbage, then at offset %llu: %s; skipped",
			(unsigned long long)g_at, (unsigned long long)garbage, (unsigned long long)c, msg);
	else
		set_err(w, "offset %llu: %s; skipped", (unsigned long long)c, msg);
	return NG_EPARSE;
}

ng_status ng_warc_next(ng_warc *w, ng_doc *doc)
{
	w->err[0] = '\0';
	for (;;) {
		/* line breaks between records are fine */
		for (;;) {
			while (avail(w) && (*cur(w) == '\r' || *cur(w) == '\n'))
				w->win_pos++;
			if (avail(w) >= 6)
				break;
			ng_status st = more(w);
			if (st == NG_DONE)
				break;
			if (st == NG_EPARSE) {
				if (avail(w) == 0 || w->resyncing) {
					w->win_pos = w->win_len;
					if (w->resyncing) {
						/* part of the broken record already reported */
						w->resyncing = false;
						st = src_ack(w);
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
			ng_status st = more(w);
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
		file_offset(w, g_at, &c, &inner);
		char at[96]; /* now: the scan may drop the gzip mark it needs */
		where(w, g_at, at, sizeof at);
		bool quiet = w->resyncing;
		ng_status st = scan_to_record(w, &skipped);
		if (st == NG_EPARSE) {
			if (quiet) {
				w->resyncing = false;
				st = src_ack(w);
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
				set_err(w, "%s: %llu bytes of garbage at the end of the file; skipped", at,
					(unsigned long long)skipped);
			else
				set_err(w, "%s: %llu bytes of garbage before the next record; skipped", at,
					(unsigned long long)skipped);
			return NG_EPARSE;
		}
		if (st == NG_DONE)
			return NG_DONE;
	}
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
