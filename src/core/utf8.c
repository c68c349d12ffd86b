/*
** utf8.c -- UTF-8 decoding, validation and repair. Repair replaces each
** maximal invalid subpart with U+FFFD (the W3C/Unicode "best practice"), so
** every output of newsgraph is valid UTF-8 whatever bytes came in.
*/
#include <string.h>

#include "core.h"

size_t ng_utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
	if (n == 0)
		return 0;
	unsigned c = s[0];
	if (c < 0x80) {
		*cp = (int32_t)c;
		return 1;
	}
	if (c < 0xC2 || c > 0xF4)
		return 0;
	if (c < 0xE0) {
		if (n < 2 || (s[1] & 0xC0) != 0x80)
			return 0;
		*cp = (int32_t)(((c & 0x1F) << 6) | (s[1] & 0x3F));
		return 2;
	}
	if (c < 0xF0) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F))
			return 0; /* overlong, surrogate */
		*cp = (int32_t)(((c & 0x0F) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3F));
		return 3;
	}
	if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
		return 0;
	if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
		return 0; /* overlong, > U+10FFFF */
	*cp = (int32_t)(((c & 0x07) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) |
			(s[3] & 0x3F));
	return 4;
}

size_t ng_utf8_encode(int32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Length of the maximal invalid subpart starting at s (at least 1). */
size_t ng_utf8_invalid_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t want;
	unsigned lo = 0x80, hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF)
		want = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		want = 3;
		if (c == 0xE0)
			lo = 0xA0;
		if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		want = 4;
		if (c == 0xF0)
			lo = 0x90;
		if (c == 0xF4)
			hi = 0x8F;
	} else
		return 1;
	size_t i = 1;
	if (i < n && s[i] >= lo && s[i] <= hi) {
		i++;
		while (i < want && i < n && (s[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}

bool ng_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		int32_t cp;
		size_t l = ng_utf8_decode(s + i, n - i, &cp);
		if (!l)
			return false;
		i += l;
	}
	return true;
}

char *ng_utf8_repair(ng_arena *a, const char *str, size_t n, size_t *out_len, size_t *n_bad,
		     int64_t *first_bad)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t bad = 0;
	int64_t first = -1;
	/* worst case: every byte becomes 3 bytes of U+FFFD */
	size_t room = n * 3 + 1;
	if (room / 3 < n)
		return NULL;
	char *out = ng_arena_alloc(a, room);
	if (!out)
		return NULL;
	size_t o = 0, i = 0;
	while (i < n) {
		size_t run = i;
		while (run < n && s[run] < 0x80)
			run++;
		memcpy(out + o, s + i, run - i);
		o += run - i;
		i = run;
		if (i >= n)
			break;
		int32_t cp;
		size_t l = ng_utf8_decode(s + i, n - i, &cp);
		if (l) {
			memcpy(out + o, s + i, l);
			o += l;
			i += l;
		} else {
			if (first < 0)
				first = (int64_t)i;
			bad++;
			i += ng_utf8_invalid_len(s + i, n - i);
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
		}
	}
	out[o] = '\0';
	if (out_len)
		*out_len = o;
	if (n_bad)
		*n_bad = bad;
	if (first_bad)
		*first_bad = first;
	return out;
}
