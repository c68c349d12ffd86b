/*
** charset.c -- the encoding sniffer for HTML pages (see charset.h).
**
** The name tables and the <meta> prescan are modest's (myencoding), which
** implements the WHATWG encoding labels; the order of the evidence and the
** UTF-8 validity check are ours. The decision only names an encoding: the
** bytes are decoded to UTF-8 by the HTML parser itself.
*/
#include <string.h>
#include <strings.h>

#include <myencoding/encoding.h>

#include "core/core.h"
#include "stage/extract/charset.h"

/* Bytes examined by the prescan and by the validity check. */
#define PRESCAN_BYTES 1024
#define VALIDITY_BYTES (256 * 1024)

static const char *enc_name(myencoding_t e)
{
	size_t len;
	const char *n = myencoding_name_by_id(e, &len);
	return n ? n : "utf-8";
}

/* The charset= parameter of a Content-Type value. */
static bool http_charset(const char *ct, myencoding_t *enc)
{
	if (!ct)
		return false;
	size_t n = strlen(ct);
	return myencoding_extracting_character_encoding_from_charset(ct, n, enc);
}

/* True when s[0..n) is valid UTF-8 except possibly for a sequence cut at
** the end (the check looks at a prefix of the page). */
static bool utf8_prefix_valid(const char *s, size_t n, bool cut)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		int32_t cp;
		size_t l = ng_utf8_decode(u + i, n - i, &cp);
		if (!l)
			return cut && n - i < 4;
		i += l;
	}
	return true;
}

/* A declared legacy charset against the bytes: valid UTF-8 holding non-ASCII
** characters is all but impossible by chance in a legacy encoding (Latin-1
** accents or GB2312 pairs break UTF-8's continuation rules), so it is UTF-8
** and the declaration is stale. */
static ng_charset cross_check(ng_charset r, const char *page, size_t n)
{
	if (r.encoding == MyENCODING_UTF_8 || r.encoding == MyENCODING_UTF_16LE ||
	    r.encoding == MyENCODING_UTF_16BE)
		return r;
	size_t m = n < VALIDITY_BYTES ? n : VALIDITY_BYTES;
	bool high = false;
	for (size_t i = 0; i < m && !high; i++)
		high = (unsigned char)page[i] >= 0x80;
	if (!high || !utf8_prefix_valid(page, m, m < n))
		return r;
	r.declared = r.name;
	r.encoding = MyENCODING_UTF_8;
	r.name = enc_name(MyENCODING_UTF_8);
	r.source = NG_CHARSET_UTF8_OVER_DECLARED;
	return r;
}

ng_charset ng_charset_sniff(const char *page, size_t n, const char *content_type)
{
	ng_charset r = {MyENCODING_UTF_8, "utf-8", NG_CHARSET_DEFAULT, 0, NULL};
	myencoding_t e;
	if (!page)
		n = 0;
	if (n >= 3 && memcmp(page, "\xEF\xBB\xBF", 3) == 0) {
		r.source = NG_CHARSET_BOM;
		r.bom_len = 3;
		return r;
	}
	if (n >= 2 && (memcmp(page, "\xFF\xFE", 2) == 0 || memcmp(page, "\xFE\xFF", 2) == 0)) {
		r.encoding = page[0] == '\xFF' ? MyENCODING_UTF_16LE : MyENCODING_UTF_16BE;
		r.name = enc_name((myencoding_t)r.encoding);
		r.source = NG_CHARSET_BOM;
		r.bom_len = 2;
		return r;
	}
	if (http_charset(content_type, &e) && e != MyENCODING_NOT_DETERMINED) {
		r.encoding = (int)e;
		r.name = enc_name(e);
		r.source = NG_CHARSET_HTTP;
		return cross_check(r, page, n);
	}
	e = myencoding_prescan_stream_to_determine_encoding(page, n < PRESCAN_BYTES ? n : PRESCAN_BYTES);
	if (e != MyENCODING_NOT_DETERMINED) {
		/* a page declaring UTF-16 in ASCII cannot be UTF-16 (HTML standard) */
		if (e == MyENCODING_UTF_16LE || e == MyENCODING_UTF_16BE)
			e = MyENCODING_UTF_8;
		r.encoding = (int)e;
		r.name = enc_name(e);
		r.source = NG_CHARSET_META;
		return cross_check(r, page, n);
	}
	size_t m = n < VALIDITY_BYTES ? n : VALIDITY_BYTES;
	if (utf8_prefix_valid(page, m, m < n)) {
		r.source = NG_CHARSET_UTF8_VALID;
		return r;
	}
	/* modest's trigram detector reads a little past the end of its input
	** (found by fuzzing): give it a zero-padded copy */
	bool detected = false;
	char *pad = m >= 16 ? ng_malloc(m + 64) : NULL;
	if (pad) {
		memcpy(pad, page, m);
		memset(pad + m, 0, 64);
		detected = myencoding_detect(pad, m, &e);
		ng_free(pad);
	}
	if (detected && e != MyENCODING_NOT_DETERMINED && e != MyENCODING_UTF_8) {
		r.encoding = (int)e;
		r.name = enc_name(e);
		r.source = NG_CHARSET_DETECTED;
		return r;
	}
	r.encoding = MyENCODING_WINDOWS_1252;
	r.name = enc_name(MyENCODING_WINDOWS_1252);
	r.source = NG_CHARSET_DEFAULT;
	return r;
}

const char *ng_charset_source_name(ng_charset_source s)
{
	switch (s) {
	case NG_CHARSET_BOM: return "byte-order mark";
	case NG_CHARSET_HTTP: return "HTTP Content-Type";
	case NG_CHARSET_META: return "meta charset";
	case NG_CHARSET_UTF8_VALID: return "valid UTF-8";
	case NG_CHARSET_DETECTED: return "detected";
	case NG_CHARSET_DEFAULT: return "default";
	case NG_CHARSET_UTF8_OVER_DECLARED: return "valid UTF-8 over a declared charset";
	}
	return "?";
}
