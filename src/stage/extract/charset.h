/*
** charset.h -- which character encoding an HTML page is in.
**
** The order follows the HTML standard's sniffing: a byte-order mark wins,
** then the charset of the HTTP Content-Type (when the reader knows it), then
** a <meta charset> / http-equiv found by prescanning the first 1024 bytes;
** without any of these, bytes that are valid UTF-8 are UTF-8, and otherwise
** a statistical guess (Cyrillic code pages, UTF-16) falls back to
** windows-1252, which is what browsers assume for Western pages.
*/
#ifndef NG_EXTRACT_CHARSET_H
#define NG_EXTRACT_CHARSET_H

#include <stddef.h>

/* How the encoding was decided. */
typedef enum ng_charset_source {
	NG_CHARSET_BOM = 0,
	NG_CHARSET_HTTP,
	NG_CHARSET_META,
	NG_CHARSET_UTF8_VALID,
	NG_CHARSET_DETECTED,
	NG_CHARSET_DEFAULT,
	NG_CHARSET_UTF8_OVER_DECLARED /* a legacy charset declared (HTTP or meta), but the
					 bytes are valid UTF-8 with non-ASCII characters:
					 a stale tag; read as UTF-8 */
} ng_charset_source;

typedef struct ng_charset {
	int encoding;              /* a myencoding_t value */
	const char *name;          /* static WHATWG name ("UTF-8", "WINDOWS-1251"), any case */
	ng_charset_source source;
	size_t bom_len;            /* bytes of byte-order mark to skip */
	const char *declared;      /* NG_CHARSET_UTF8_OVER_DECLARED: the name declared, else NULL */
} ng_charset;

/* Decides the encoding of page[0..n). `content_type` is the HTTP
** Content-Type value or NULL. Never fails: the default is windows-1252.
** Thread-safe (reads static tables only). */
ng_charset ng_charset_sniff(const char *page, size_t n, const char *content_type);

/* Static text naming a source ("byte-order mark", "meta", ...). */
const char *ng_charset_source_name(ng_charset_source s);

#endif
