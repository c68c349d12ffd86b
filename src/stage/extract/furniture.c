/*
** furniture.c -- headline and furniture lines of crawled text (see
** furniture.h).
**
** A "label line" is short (at most 6 words) and does not end like a
** sentence. The headline is the first line of 3 to 30 words that does not
** end with a period and is followed by a paragraph (a line of 12 or more
** words, or one ending like a sentence). Label lines before the headline
** are the breadcrumb; label lines after the last paragraph are furniture
** when they are at most 4 and name a known control or link ("Back to top
** button", "Share", "Tags: ...", "Related", "Print", copyright lines).
*/
#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "stage/extract/furniture.h"

typedef struct line {
	size_t start, end; /* without the LF */
	unsigned words;
	bool sentence_end; /* ends with . ! ? : ; or a closing quote/bracket after one */
	bool period_end;   /* ends with a period */
} line;

#define MAX_LINES_SCANNED 12

static void line_info(const char *t, line *l)
{
	unsigned w = 0;
	bool in = false;
	for (size_t i = l->start; i < l->end; i++) {
		unsigned char c = (unsigned char)t[i];
		bool wc = !(c == ' ' || c == '\t');
		if (wc && !in)
			w++;
		in = wc;
	}
	l->words = w;
	size_t e = l->end;
	while (e > l->start && (t[e - 1] == ' ' || t[e - 1] == '\t'))
		e--;
	/* skip closing quotes and brackets: ” ’ " ' ) ] */
	while (e > l->start) {
		unsigned char c = (unsigned char)t[e - 1];
		if (c == '"' || c == '\'' || c == ')' || c == ']') {
			e--;
		} else if (e - l->start >= 3 && (unsigned char)t[e - 3] == 0xE2 &&
			   (unsigned char)t[e - 2] == 0x80 && (c == 0x9D || c == 0x99)) {
			e -= 3;
		} else {
			break;
		}
	}
	char last = e > l->start ? t[e - 1] : 0;
	l->period_end = last == '.';
	l->sentence_end = last && strchr(".!?:;", last) != NULL;
	if (e - l->start >= 3 && (unsigned char)t[e - 3] == 0xE2 && (unsigned char)t[e - 2] == 0x80 &&
	    (unsigned char)t[e - 1] == 0xA6) /* … */
		l->sentence_end = true;
}

static bool is_label(const line *l)
{
	return l->words > 0 && l->words <= 6 && !l->sentence_end;
}

static bool known_trailer(const char *t, const line *l)
{
	static const char *const starts[] = {
		"back to top", "share", "tweet", "tags", "tagged", "related", "print", "email",
		"read more", "read next", "more news", "advertisement", "copyright", "\xC2\xA9",
		"all rights reserved", "follow us", "subscribe", "sign up", "comments", "leave a comment",
		"source:", "photo:", "image:", "you may also like", "recommended", "previous", "next",
		"top stories", "most read", "latest news", "categories", "filed under", "posted in"};
	size_t n = l->end - l->start;
	const char *s = t + l->start;
	for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++) {
		size_t k = strlen(starts[i]);
		if (n >= k && strncasecmp(s, starts[i], k) == 0)
			return true;
	}
	return false;
}

/* "By Jane Doe" / "By Jane Doe and John Roe": the name part's offset, or 0. */
static size_t byline_name(const char *t, const line *l)
{
	size_t n = l->end - l->start;
	if (l->words < 2 || l->words > 8 || l->sentence_end)
		return 0;
	if (n > 3 && strncasecmp(t + l->start, "by ", 3) == 0 && isupper((unsigned char)t[l->start + 3]))
		return l->start + 3;
	return 0;
}

void ng_furniture_trim(const char *t, size_t n, const char *known_title, ng_furniture *out)
{
	memset(out, 0, sizeof *out);
	out->body_end = n;
	/* the first lines */
	line ls[MAX_LINES_SCANNED];
	size_t nl = 0, p = 0;
	while (p < n && nl < MAX_LINES_SCANNED) {
		const char *nlp = memchr(t + p, '\n', n - p);
		size_t e = nlp ? (size_t)(nlp - t) : n;
		if (e > p) {
			ls[nl].start = p;
			ls[nl].end = e;
			line_info(t, &ls[nl]);
			if (ls[nl].words)
				nl++;
		}
		p = e + 1;
	}
	/* the headline */
	size_t h = nl, body = nl;
	for (size_t i = 0; i < nl; i++) {
		const line *l = &ls[i];
		size_t j = i + 1;
		if (j < nl && byline_name(t, &ls[j]))
			j++;
		bool known = known_title && strlen(known_title) == l->end - l->start &&
			     strncmp(known_title, t + l->start, l->end - l->start) == 0;
		if (known || (l->words >= 3 && l->words <= 30 && !l->period_end &&
			      !(l->sentence_end && l->words > 12) && !byline_name(t, l) && j < nl &&
			      (ls[j].words >= 12 || ls[j].sentence_end))) {
			h = i;
			body = j;
			break;
		}
		if (!is_label(l))
			break; /* a paragraph before any headline: no headline */
	}
	if (h < nl) {
		out->title_start = ls[h].start;
		out->title_end = ls[h].end;
		out->lines_before = (unsigned)h;
		if (body > h + 1) {
			out->author_start = byline_name(t, &ls[h + 1]);
			out->author_end = ls[h + 1].end;
		}
		out->body_start = body < nl ? ls[body].start : ls[nl - 1].end;
	}
	/* the last lines */
	size_t end = n;
	unsigned dropped = 0;
	while (end > out->body_start && dropped < 4) {
		size_t e = end;
		while (e > out->body_start && (t[e - 1] == '\n' || t[e - 1] == ' '))
			e--;
		size_t s = e;
		while (s > out->body_start && t[s - 1] != '\n')
			s--;
		if (s == e || s == out->body_start)
			break;
		line l = {s, e, 0, false, false};
		line_info(t, &l);
		if (!is_label(&l) || !known_trailer(t, &l))
			break;
		end = s;
		dropped++;
	}
	while (end > out->body_start && (t[end - 1] == '\n' || t[end - 1] == ' '))
		end--;
	out->body_end = end;
	out->lines_after = dropped;
}
