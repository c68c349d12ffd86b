/*
** text.c -- input bytes to clean text: valid UTF-8, NFC, LF line ends.
**
** One pass repairs and cleans; NFC normalization (utf8proc) is then applied
** only to runs of non-ASCII characters that could change under it, so ASCII
** and ordinary punctuation (curly quotes, dashes) cost nothing extra.
*/
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/core.h"
#include "stage/extract/text.h"

/* True when cp is unchanged by NFC whatever surrounds it: a starter that
** neither decomposes canonically nor takes part in any composition. */
static bool nfc_inert(int32_t cp)
{
	if (cp < 0x300)
		return cp < 0xC0 || cp == 0xD7 || cp == 0xF7; /* Latin-1 letters compose with marks */
	if (cp >= 0x2002 && cp <= 0x206F)
		return true; /* general punctuation: quotes, dashes, spaces */
	if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xAC00 && cp <= 0xD7A3))
		return false; /* Hangul composes algorithmically, outside comb_index */
	const utf8proc_property_t *p = utf8proc_get_property(cp);
	return p->combining_class == 0 && p->comb_index == UINT16_MAX &&
	       (p->decomp_seqindex == UINT16_MAX || p->decomp_type != 0);
}

static bool is_space_byte(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

/* NFC over in[0..n) into the arena; `in` is valid UTF-8 without NUL. */
static ng_status nfc(ng_arena *a, const char *in, size_t n, char **out, size_t *out_len)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t room = n + 1, o = 0, i = 0;
	char *buf = ng_arena_alloc(a, room);
	if (!buf)
		return NG_ELIMIT;
	size_t prev_start = 0; /* start of the previous code point */
	while (i < n) {
		if (s[i] < 0x80) {
			prev_start = i;
			buf[o++] = (char)s[i++];
			continue;
		}
		/* a run of non-ASCII code points, plus the code point before it */
		size_t run_start = i, j = i;
		bool inert = true;
		while (j < n && s[j] >= 0x80) {
			int32_t cp;
			size_t l = ng_utf8_decode(s + j, n - j, &cp);
			if (!l)
				return NG_EINTERNAL;
			if (inert && !nfc_inert(cp))
				inert = false;
			j += l;
		}
		if (inert) {
			memcpy(buf + o, s + i, j - i);
			o += j - i;
			i = j;
			continue;
		}
		if (run_start > 0 && prev_start < run_start) {
			o -= run_start - prev_start;
			run_start = prev_start;
		}
		utf8proc_uint8_t *dst = NULL;
		utf8proc_ssize_t m = utf8proc_map(s + run_start, (utf8proc_ssize_t)(j - run_start), &dst,
						  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		if (m < 0) {
			free(dst); /* utf8proc allocates with malloc: checksrc: allow BANNEDFUNC */
			return m == UTF8PROC_ERROR_NOMEM ? NG_ENOMEM : NG_EINTERNAL;
		}
		size_t need = o + (size_t)m + (n - j) + 1;
		if (need > room) {
			char *nb = ng_arena_grow(a, buf, room, need);
			if (!nb) {
				free(dst); /* utf8proc allocates with malloc: checksrc: allow BANNEDFUNC */
				return NG_ELIMIT;
			}
			buf = nb;
			room = need;
		}
		memcpy(buf + o, dst, (size_t)m);
		o += (size_t)m;
		free(dst); /* utf8proc allocates with malloc: checksrc: allow BANNEDFUNC */
		i = j;
		prev_start = j; /* the next code point is ASCII: a fresh starter */
	}
	buf[o] = '\0';
	*out = buf;
	*out_len = o;
	return NG_OK;
}

ng_status ng_text_clean(ng_arena *a, const char *in, size_t n, char **out, size_t *out_len,
			ng_clean_report *rep)
{
	const unsigned char *s = (const unsigned char *)in;
	memset(rep, 0, sizeof(*rep));
	rep->first_bad_utf8 = rep->first_nul = -1;
	size_t i = 0;
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		i = 3;
	if (n > ((size_t)-1) / 3 - 1)
		return NG_ELIMIT;
	char *buf = ng_arena_alloc(a, n * 3 + 1);
	if (!buf)
		return NG_ELIMIT;
	size_t o = 0;
	bool need_nfc = false;
	while (i < n) {
		size_t run = ng_ascii_run(s + i, n - i, false);
		if (run) {
			memcpy(buf + o, s + i, run);
			o += run;
			i += run;
			if (i >= n)
				break;
		}
		unsigned c = s[i];
		if (c < 0x80) {
			if (c == '\n' || c == '\t') {
				buf[o++] = (char)c;
			} else if (c == '\r') {
				buf[o++] = '\n';
				if (i + 1 < n && s[i + 1] == '\n')
					i++;
			} else if (c == 0) {
				if (rep->first_nul < 0)
					rep->first_nul = (int64_t)i;
				rep->nul_bytes++;
				memcpy(buf + o, "\xEF\xBF\xBD", 3);
				o += 3;
			} else if (c == '\f' || c == '\v') {
				buf[o++] = '\n';
			} else {
				rep->controls++;
				buf[o++] = ' ';
			}
			i++;
			continue;
		}
		int32_t cp;
		size_t l = ng_utf8_decode(s + i, n - i, &cp);
		if (!l) {
			if (rep->first_bad_utf8 < 0)
				rep->first_bad_utf8 = (int64_t)i;
			rep->bad_utf8++;
			i += ng_utf8_invalid_len(s + i, n - i);
			memcpy(buf + o, "\xEF\xBF\xBD", 3);
			o += 3;
			continue;
		}
		if (cp >= 0x80 && cp < 0xA0) { /* C1 controls */
			rep->controls++;
			buf[o++] = ' ';
		} else if (cp == 0x2028 || cp == 0x2029) {
			buf[o++] = '\n';
		} else {
			memcpy(buf + o, s + i, l);
			o += l;
			if (!need_nfc && !nfc_inert(cp))
				need_nfc = true;
		}
		i += l;
	}
	/* trim */
	size_t b = 0;
	while (b < o && is_space_byte(buf[b]))
		b++;
	while (o > b && is_space_byte(buf[o - 1]))
		o--;
	char *text = buf + b;
	size_t len = o - b;
	text[len] = '\0';
	if (need_nfc) {
		ng_status st = nfc(a, text, len, &text, &len);
		if (st)
			return st;
	}
	*out = text;
	*out_len = len;
	return NG_OK;
}
