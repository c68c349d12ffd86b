/*
** warc_int.h -- what the WARC reader's files share: the reader's state and
** the window over the decompressed stream (warc_gz.c), the HTTP header and
** payload decoding (warc_http.c); the records are warc.c. Not public.
*/
#ifndef NG_WARC_INT_H
#define NG_WARC_INT_H

#include <stdbool.h>
#include <stdint.h>
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
	uint64_t nomem_u;    /* where the last out-of-memory failure left the stream */
	unsigned nomem_n;    /* failures in a row there */
	bool dead;           /* no memory to go on: the rest of the file is not read */
	char err[1024];
};

/* ---- small helpers */

static inline unsigned char lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

static inline bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static inline bool ieq(const unsigned char *s, size_t n, const char *lit)
{
	size_t l = strlen(lit);
	if (n != l)
		return false;
	for (size_t i = 0; i < n; i++)
		if (lower(s[i]) != (unsigned char)lit[i])
			return false;
	return true;
}

static inline bool istarts(const unsigned char *s, size_t n, const char *lit)
{
	size_t l = strlen(lit);
	return n >= l && ieq(s, l, lit);
}

static inline bool parse_u64(const unsigned char *s, size_t n, uint64_t *v)
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

static inline void trim(const unsigned char *base, fspan *f)
{
	while (f->len && (base[f->off] == ' ' || base[f->off] == '\t')) {
		f->off++;
		f->len--;
	}
	while (f->len && (base[f->off + f->len - 1] == ' ' || base[f->off + f->len - 1] == '\t' ||
			  base[f->off + f->len - 1] == '\r'))
		f->len--;
}

static inline size_t avail(const ng_warc *w)
{
	return w->win_len - w->win_pos;
}

static inline const unsigned char *cur(const ng_warc *w)
{
	return w->win + w->win_pos;
}

static inline uint64_t spos(const ng_warc *w)
{
	return w->win_off + w->win_pos;
}

#if defined(__GNUC__)
#define WARC_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define WARC_PRINTF(f, a)
#endif

/* ---- warc_gz.c: the raw input, gzip members, the window */

/* The reader's message: "NAME: " and the text. */
void ng_warc_set_err(ng_warc *w, const char *fmt, ...) WARC_PRINTF(2, 3);
/* Reads more raw input. */
ng_status ng_warc_in_refill(ng_warc *w);
/* Takes note of the pending source error (after reporting it) and arranges
** to go on after it. */
ng_status ng_warc_src_ack(ng_warc *w);
/* Adds stream bytes to the window. NG_OK when some were added; NG_DONE at
** the end; NG_EPARSE for a pending source error (see src_msg). */
ng_status ng_warc_more(ng_warc *w);
/* Makes at least n bytes available from win_pos (n <= win_cap). */
ng_status ng_warc_ensure(ng_warc *w, size_t n);
/* Consumes n bytes without keeping them. */
ng_status ng_warc_drop(ng_warc *w, uint64_t n);
/* The file offset of stream offset u: its gzip member's offset, and how
** far into the member's uncompressed data it is. */
void ng_warc_file_offset(const ng_warc *w, uint64_t u, uint64_t *c, uint64_t *inner);
/* Whether a gzip member starts at stream offset u. */
bool ng_warc_is_mark(const ng_warc *w, uint64_t u);
/* "offset N" (or "offset N+K" inside a gzip member) of stream offset u. */
void ng_warc_where(const ng_warc *w, uint64_t u, char *buf, size_t n);

/* ---- warc_http.c: HTTP headers, media types, payloads */

/* Parses the HTTP header at the start of a block of n bytes (at `base` in
** the record); false when malformed or longer than n. */
bool ng_warc_http_parse(const unsigned char *blk, size_t n, size_t base, http *h);
/* The media type of a Content-Type value, lowercased, without parameters. */
void ng_warc_media_type(const unsigned char *base, fspan ct, char *buf, size_t bn);
bool ng_warc_media_is_html(const char *m);
bool ng_warc_media_unknown(const char *m);
/* Whether the bytes look like HTML. */
bool ng_warc_sniff_html(const unsigned char *s, size_t n);
/* Adds a warning about the record at `at` to the document's errors. */
ng_status ng_warc_warn(ng_doc *doc, const char *at, const char *fmt, ...) WARC_PRINTF(3, 4);
/* The payload pay[0..pn) of a wanted record de-chunked (when `te`, its
** Transfer-Encoding, says so) and decompressed (content encoding `ce`)
** into the document's arena: NG_OK with *out (NUL-terminated, *on bytes);
** NG_EPARSE or NG_ELIMIT for a payload that cannot be used (message set,
** error counted); NG_ENOMEM. Repairs are warnings on the document. */
ng_status ng_warc_payload(ng_warc *w, ng_doc *doc, const char *at, const unsigned char *pay,
			  size_t pn, const unsigned char *te, size_t te_len, int ce, char **out,
			  size_t *on);

#endif
