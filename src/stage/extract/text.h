/*
** text.h -- turning input bytes into newsgraph's clean text.
*/
#ifndef NG_EXTRACT_TEXT_H
#define NG_EXTRACT_TEXT_H

#include "newsgraph/newsgraph.h"

/* What ng_text_clean() changed, for the document's error list. */
typedef struct ng_clean_report {
	size_t bad_utf8;       /* invalid sequences replaced by U+FFFD */
	int64_t first_bad_utf8;
	size_t nul_bytes;      /* NUL bytes replaced by U+FFFD */
	int64_t first_nul;
	size_t controls;       /* other control characters replaced by a space */
} ng_clean_report;

/* Cleans `in[0..n)` into the document's arena: drops a UTF-8 byte-order
** mark, repairs invalid UTF-8 (U+FFFD), replaces NUL by U+FFFD and other
** control characters (but tab and line feed) by a space, turns CR LF, CR,
** U+2028 and U+2029 into LF, applies Unicode NFC (utf8proc), and trims
** leading and trailing whitespace. Returns NG_OK with the NUL-terminated
** result in *out, NG_ENOMEM/NG_ELIMIT when the arena is exhausted. */
NG_WARN_UNUSED ng_status ng_text_clean(ng_arena *a, const char *in, size_t n, char **out,
				       size_t *out_len, ng_clean_report *rep);

#endif
