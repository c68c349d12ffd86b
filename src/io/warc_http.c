/*
** warc_http.c -- the HTTP side of a WARC record: its header (status,
** Content-Type, Transfer-Encoding, Content-Encoding), whether the payload is
** HTML (by media type, or sniffed when the type says nothing), and the
** payload decoded: de-chunked, inflated (gzip, zlib or raw deflate), with
** repairs reported as warnings on the document.
*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "io/warc_int.h"

bool ng_warc_http_parse(const unsigned char *blk, size_t n, size_t base, http *h)
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
void ng_warc_media_type(const unsigned char *base, fspan ct, char *buf, size_t bn)
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

bool ng_warc_media_is_html(const char *m)
{
	return !strcmp(m, "text/html") || !strcmp(m, "application/xhtml+xml");
}

/* Types that say nothing: sniff the payload instead. */
bool ng_warc_media_unknown(const char *m)
{
	return !*m || !strcmp(m, "application/octet-stream") || !strcmp(m, "unknown/unknown") ||
	       !strcmp(m, "unk") || !strcmp(m, "no-type") || !strcmp(m, "application/unknown") ||
	       !strcmp(m, "*/*");
}

/* HTML by its first bytes (the HTML signatures of the WHATWG MIME
** sniffing standard, after a BOM and whitespace). */
bool ng_warc_sniff_html(const unsigned char *s, size_t n)
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

ng_status ng_warc_warn(ng_doc *doc, const char *at, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	ng_status st = ng_doc_add_error(doc, NG_EPARSE, -1, "warc", "record at %s: %s", at, msg);
	return st == NG_ELIMIT ? NG_OK : st;
}


/* The payload with its chunked framing taken off (into the arena). */
static ng_status unchunk(ng_doc *doc, const char *at, const unsigned char **pay, size_t *pn)
{
	unsigned char *dc = ng_arena_alloc(doc->arena, *pn + 1);
	if (!dc)
		return NG_ENOMEM;
	size_t dn, used;
	ng_status st = NG_OK;
	int rc = dechunk(*pay, *pn, dc, &dn, &used);
	if (rc == DC_NOT_CHUNKED) {
		st = ng_warc_warn(doc, at, "Transfer-Encoding: chunked, but the payload is not "
					  "chunked; used as stored");
		memcpy(dc, *pay, *pn);
		dn = *pn;
	} else if (rc == DC_BROKEN) {
		st = ng_warc_warn(doc, at, "bad chunked encoding at payload byte %zu; the rest is "
					  "kept as stored", used);
		memcpy(dc + dn, *pay + used, *pn - used);
		dn += *pn - used;
	} else if (rc == DC_UNFINISHED) {
		st = ng_warc_warn(doc, at, "chunked payload ends without its last chunk");
	}
	*pay = dc;
	*pn = dn;
	return st;
}

ng_status ng_warc_payload(ng_warc *w, ng_doc *doc, const char *at, const unsigned char *pay,
			  size_t pn, const unsigned char *te, size_t te_len, int ce, char **out,
			  size_t *on)
{
	*out = NULL;
	*on = 0;
	bool chunked = te && istarts(te, te_len, "chunked");
	/* "gzip, chunked" and the like */
	for (size_t k = 0; te && !chunked && k + 7 <= te_len; k++)
		if (istarts(te + k, te_len - k, "chunked"))
			chunked = true;
	ng_status st = chunked ? unchunk(doc, at, &pay, &pn) : NG_OK;
	if (st)
		return st;
	if (ce == CE_GZIP || ce == CE_DEFLATE) {
		int rc = inflate_body(doc, pay, pn, false, w->max_record, out, on);
		if (rc == IF_NOT_COMPRESSED && ce == CE_DEFLATE)
			rc = inflate_body(doc, pay, pn, true, w->max_record, out, on);
		if (rc == IF_NOMEM)
			return NG_ENOMEM;
		if (rc == IF_LIMIT) {
			w->counts.errors++;
			ng_warc_set_err(w, "record at %s: decompressed payload is over the limit of %zu "
					   "bytes (--max-bytes); skipped", at, w->max_record);
			return NG_ELIMIT;
		}
		if (rc == IF_NOT_COMPRESSED || (rc == IF_CORRUPT && *on == 0)) {
			if (!ng_warc_sniff_html(pay, pn)) {
				w->counts.errors++;
				ng_warc_set_err(w, "record at %s: Content-Encoding %s, but the payload "
						   "cannot be decompressed; skipped", at,
						ce == CE_GZIP ? "gzip" : "deflate");
				return NG_EPARSE;
			}
			st = ng_warc_warn(doc, at, "Content-Encoding %s, but the payload is not "
						   "compressed; used as stored",
					  ce == CE_GZIP ? "gzip" : "deflate");
			*out = NULL;
		} else if (rc == IF_TRUNCATED || rc == IF_CORRUPT) {
			st = ng_warc_warn(doc, at, "%s compressed payload; kept the %zu bytes decoded",
					  rc == IF_TRUNCATED ? "truncated" : "corrupt", *on);
		}
		if (st)
			return st;
	}
	if (!*out) {
		*out = ng_arena_alloc(doc->arena, pn + 1);
		if (!*out)
			return NG_ENOMEM;
		memcpy(*out, pay, pn);
		(*out)[pn] = '\0';
		*on = pn;
	}
	return NG_OK;
}
