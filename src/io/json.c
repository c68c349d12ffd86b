/*
** json.c -- JSON string escaping and a strict, allocation-light parser for
** one JSON object per line. Written for newsgraph's JSON Lines input: it
** decodes top-level strings and numbers and validates everything else.
** Strict RFC 8259 syntax, with one leniency: invalid UTF-8 inside strings
** is passed through (and repaired later, with a warning), not rejected.
*/
#include <stdio.h>
#include <string.h>

#include "io/json.h"

/* ---- writing */

static const char hex[] = "0123456789abcdef";

ng_status ng_json_str(ng_outbuf *b, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	/* worst case: every byte becomes \u00XX (6 bytes) */
	ng_status st = ng_buf_reserve(b, n * 6 + 2);
	if (st)
		return st;
	char *o = b->data + b->len;
	*o++ = '"';
	size_t i = 0;
	while (i < n) {
		size_t run = ng_ascii_run(s + i, n - i, true);
		memcpy(o, s + i, run);
		o += run;
		i += run;
		if (i >= n)
			break;
		unsigned c = s[i];
		if (c >= 0x80) {
			int32_t cp;
			size_t l = ng_utf8_decode(s + i, n - i, &cp);
			if (l) {
				memcpy(o, s + i, l);
				o += l;
				i += l;
			} else {
				memcpy(o, "\xEF\xBF\xBD", 3);
				o += 3;
				i += ng_utf8_invalid_len(s + i, n - i);
			}
			continue;
		}
		*o++ = '\\';
		switch (c) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '\n': *o++ = 'n'; break;
		case '\t': *o++ = 't'; break;
		case '\r': *o++ = 'r'; break;
		case '\b': *o++ = 'b'; break;
		case '\f': *o++ = 'f'; break;
		default:
			*o++ = 'u';
			*o++ = '0';
			*o++ = '0';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
		i++;
	}
	*o++ = '"';
	b->len = (size_t)(o - b->data);
	return NG_OK;
}

ng_status ng_json_int(ng_outbuf *b, long long v)
{
	char tmp[24];
	int l = snprintf(tmp, sizeof tmp, "%lld", v);
	return ng_buf_append(b, tmp, (size_t)l);
}

/* ---- parsing */

typedef struct parser {
	const unsigned char *s;
	size_t n, i;
	ng_arena *a;
	const char *msg;
	int depth;
} parser;

static void ws(parser *p)
{
	while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' ||
			       p->s[p->i] == '\r'))
		p->i++;
}

static ng_status fail(parser *p, const char *msg)
{
	p->msg = msg;
	return NG_EPARSE;
}

static int hexval(unsigned c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (int)(c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (int)(c - 'A' + 10);
	return -1;
}

static ng_status read_u4(parser *p, int32_t *v)
{
	if (p->i + 4 > p->n)
		return fail(p, "truncated \\u escape");
	int32_t x = 0;
	for (int k = 0; k < 4; k++) {
		int h = hexval(p->s[p->i + (size_t)k]);
		if (h < 0)
			return fail(p, "bad hex digit in \\u escape");
		x = x * 16 + h;
	}
	p->i += 4;
	*v = x;
	return NG_OK;
}

/* Parses a string at p->i (on the opening quote). When `out` is not NULL
** the decoded value is stored in the arena. */
static ng_status parse_string(parser *p, const char **out, size_t *out_len)
{
	p->i++; /* opening quote */
	size_t start = p->i;
	bool simple = true;
	while (p->i < p->n) {
		p->i += ng_ascii_run(p->s + p->i, p->n - p->i, true);
		if (p->i >= p->n)
			break;
		unsigned c = p->s[p->i];
		if (c == '"')
			break;
		if (c < 0x20)
			return fail(p, "control character in string");
		if (c == '\\') {
			simple = false;
			if (p->i + 1 >= p->n || !strchr("\"\\/bfnrtu", p->s[p->i + 1]) || !p->s[p->i + 1])
				return fail(p, "bad escape");
			p->i += 2;
			continue;
		}
		/* bytes >= 0x80 are taken as they are: invalid UTF-8 is not a
		** reason to lose an article; the extract stage repairs and reports it */
		p->i++;
	}
	if (p->i >= p->n)
		return fail(p, "unterminated string");
	size_t end = p->i;
	p->i++; /* closing quote */
	if (!out)
		return NG_OK;
	char *d = ng_arena_alloc(p->a, end - start + 1);
	if (!d) {
		p->msg = "out of memory (or over the document's memory cap) copying a string";
		return NG_ELIMIT;
	}
	if (simple) {
		memcpy(d, p->s + start, end - start);
		d[end - start] = '\0';
		*out = d;
		*out_len = end - start;
		return NG_OK;
	}
	size_t o = 0;
	size_t save = p->i;
	p->i = start;
	while (p->i < end) {
		const unsigned char *bs = memchr(p->s + p->i, '\\', end - p->i);
		size_t run = bs ? (size_t)(bs - (p->s + p->i)) : end - p->i;
		memcpy(d + o, p->s + p->i, run);
		o += run;
		p->i += run;
		if (p->i >= end)
			break;
		if (p->i + 1 >= end)
			return fail(p, "bad escape");
		unsigned e = p->s[p->i + 1];
		p->i += 2;
		switch (e) {
		case '"': d[o++] = '"'; break;
		case '\\': d[o++] = '\\'; break;
		case '/': d[o++] = '/'; break;
		case 'b': d[o++] = '\b'; break;
		case 'f': d[o++] = '\f'; break;
		case 'n': d[o++] = '\n'; break;
		case 'r': d[o++] = '\r'; break;
		case 't': d[o++] = '\t'; break;
		case 'u': {
			int32_t cp;
			ng_status st = read_u4(p, &cp);
			if (st)
				return st;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				int32_t lo;
				if (p->i + 6 <= end && p->s[p->i] == '\\' && p->s[p->i + 1] == 'u') {
					p->i += 2;
					if ((st = read_u4(p, &lo)) != NG_OK)
						return st;
					if (lo >= 0xDC00 && lo <= 0xDFFF) {
						cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					} else {
						/* lone high surrogate, then another escape */
						o += ng_utf8_encode(0xFFFD, d + o);
						cp = (lo >= 0xD800 && lo <= 0xDFFF) ? 0xFFFD : lo;
					}
				} else {
					cp = 0xFFFD;
				}
			} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
				cp = 0xFFFD;
			}
			/* \u escapes never take more bytes than their 6-char text */
			o += ng_utf8_encode(cp, d + o);
			break;
		}
		default:
			return fail(p, "bad escape");
		}
	}
	d[o] = '\0';
	p->i = save;
	*out = d;
	*out_len = o;
	return NG_OK;
}

static ng_status parse_number(parser *p)
{
	size_t i = p->i;
	const unsigned char *s = p->s;
	if (i < p->n && s[i] == '-')
		i++;
	if (i >= p->n || !(s[i] >= '0' && s[i] <= '9'))
		return fail(p, "bad number");
	if (s[i] == '0')
		i++;
	else
		while (i < p->n && s[i] >= '0' && s[i] <= '9')
			i++;
	if (i < p->n && s[i] == '.') {
		i++;
		if (i >= p->n || !(s[i] >= '0' && s[i] <= '9'))
			return fail(p, "bad number");
		while (i < p->n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i < p->n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < p->n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= p->n || !(s[i] >= '0' && s[i] <= '9'))
			return fail(p, "bad number");
		while (i < p->n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	p->i = i;
	return NG_OK;
}

static ng_status parse_value(parser *p);

static ng_status parse_container(parser *p, bool object)
{
	if (++p->depth > 64) {
		p->msg = "JSON nested deeper than 64 levels";
		return NG_ELIMIT;
	}
	p->i++;
	ws(p);
	unsigned close = object ? '}' : ']';
	if (p->i < p->n && p->s[p->i] == close) {
		p->i++;
		p->depth--;
		return NG_OK;
	}
	for (;;) {
		ng_status st;
		if (object) {
			ws(p);
			if (p->i >= p->n || p->s[p->i] != '"')
				return fail(p, "expected a string key");
			if ((st = parse_string(p, NULL, NULL)) != NG_OK)
				return st;
			ws(p);
			if (p->i >= p->n || p->s[p->i] != ':')
				return fail(p, "expected ':'");
			p->i++;
		}
		if ((st = parse_value(p)) != NG_OK)
			return st;
		ws(p);
		if (p->i >= p->n)
			return fail(p, object ? "unterminated object" : "unterminated array");
		if (p->s[p->i] == ',') {
			p->i++;
			continue;
		}
		if (p->s[p->i] == close) {
			p->i++;
			p->depth--;
			return NG_OK;
		}
		return fail(p, object ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

static ng_status literal(parser *p, const char *lit)
{
	size_t l = strlen(lit);
	if (p->i + l > p->n || memcmp(p->s + p->i, lit, l))
		return fail(p, "invalid literal");
	p->i += l;
	return NG_OK;
}

static ng_status parse_value(parser *p)
{
	ws(p);
	if (p->i >= p->n)
		return fail(p, "expected a value");
	switch (p->s[p->i]) {
	case '"': return parse_string(p, NULL, NULL);
	case '{': return parse_container(p, true);
	case '[': return parse_container(p, false);
	case 't': return literal(p, "true");
	case 'f': return literal(p, "false");
	case 'n': return literal(p, "null");
	default: return parse_number(p);
	}
}

ng_status ng_json_parse_object(ng_arena *a, const char *s, size_t n, ng_json_member_cb cb,
			       void *ctx, size_t *err_pos, const char **err_msg)
{
	parser p = {(const unsigned char *)s, n, 0, a, NULL, 0};
	ng_status st = NG_OK;
	ws(&p);
	if (p.i >= n || s[p.i] != '{') {
		st = fail(&p, "expected a JSON object");
		goto out;
	}
	p.i++;
	p.depth = 1;
	ws(&p);
	if (p.i < n && s[p.i] == '}') {
		p.i++;
		goto tail;
	}
	for (;;) {
		ng_json_member m = {0};
		ws(&p);
		if (p.i >= n || s[p.i] != '"') {
			st = fail(&p, "expected a string key");
			goto out;
		}
		if ((st = parse_string(&p, &m.key, &m.key_len)) != NG_OK)
			goto out;
		ws(&p);
		if (p.i >= n || s[p.i] != ':') {
			st = fail(&p, "expected ':'");
			goto out;
		}
		p.i++;
		ws(&p);
		if (p.i >= n) {
			st = fail(&p, "expected a value");
			goto out;
		}
		size_t vstart = p.i;
		if (s[p.i] == '"') {
			m.type = NG_JSON_STRING;
			st = parse_string(&p, &m.val, &m.val_len);
		} else {
			st = parse_value(&p);
			m.val = s + vstart;
			m.val_len = p.i - vstart;
			unsigned c = (unsigned char)s[vstart];
			m.type = (c == '-' || (c >= '0' && c <= '9')) ? NG_JSON_NUMBER
				 : c == 'n'			    ? NG_JSON_NULL
								    : NG_JSON_OTHER;
		}
		if (st)
			goto out;
		if ((st = cb(ctx, &m)) != NG_OK)
			goto out;
		ws(&p);
		if (p.i >= n) {
			st = fail(&p, "unterminated object");
			goto out;
		}
		if (s[p.i] == ',') {
			p.i++;
			continue;
		}
		if (s[p.i] == '}') {
			p.i++;
			break;
		}
		st = fail(&p, "expected ',' or '}'");
		goto out;
	}
tail:
	ws(&p);
	if (p.i != n)
		st = fail(&p, "text after the object");
out:
	if (st) {
		if (err_pos)
			*err_pos = p.i;
		if (err_msg)
			*err_msg = p.msg ? p.msg
					 : (st == NG_ELIMIT ? "nesting deeper than 64 levels" : ng_strerror(st));
	}
	return st;
}
