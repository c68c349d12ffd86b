/*
** meta.c -- metadata candidates and their resolution (see meta.h).
**
** JSON-LD is read by a small tolerant recursive scanner of our own: it walks
** any JSON value, remembers the schema.org @type of each object, and keeps
** the few properties an article's metadata needs (headline, author names,
** datePublished, publisher name, inLanguage, url), including those inside
** "@graph" arrays and nested "mainEntity" objects.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/date.h"
#include "stage/extract/meta.h"

#define LD_MAX_DEPTH 32
#define AUTHORS_MAX 512

/* ---------------------------------------------------------------- JSON-LD */

typedef struct ld_scan {
	ng_arena *a;
	const char *p, *end;
	ng_meta_cand *c;
	bool bad;
} ld_scan;

/* What an object is, from its @type. */
enum { LD_OTHER = 0, LD_ARTICLE, LD_PAGE, LD_PERSON_ORG };

typedef struct ld_obj {
	int kind;
	const char *headline, *name, *published, *modified, *lang, *url, *publisher;
	char authors[AUTHORS_MAX];
	size_t authors_len;
} ld_obj;

/* Role of a value: what its enclosing property was. */
enum { ROLE_NONE = 0, ROLE_AUTHOR, ROLE_PUBLISHER, ROLE_TYPE };

static void ld_ws(ld_scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
		s->p++;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Parses a JSON string at s->p (on the quote); returns it unescaped in the
** arena (NULL on error or exhaustion). */
static const char *ld_string(ld_scan *s, size_t *len_out)
{
	const char *q = s->p + 1;
	const char *e = q;
	bool esc = false;
	while (e < s->end && *e != '"') {
		if (*e == '\\') {
			esc = true;
			e++;
		}
		e++;
	}
	if (e >= s->end) {
		s->bad = true;
		return NULL;
	}
	s->p = e + 1;
	size_t n = (size_t)(e - q);
	char *out = ng_arena_alloc(s->a, n + 1);
	if (!out) {
		s->bad = true;
		return NULL;
	}
	if (!esc) {
		memcpy(out, q, n);
		out[n] = '\0';
		*len_out = n;
		return out;
	}
	size_t o = 0;
	for (const char *r = q; r < e; r++) {
		if (*r != '\\') {
			out[o++] = *r;
			continue;
		}
		r++;
		switch (*r) {
		case 'n': case 'r': case 't': case 'f': case 'b': out[o++] = ' '; break;
		case 'u': {
			int32_t cp = 0;
			int k;
			for (k = 1; k <= 4 && r + k < e && hexval(r[k]) >= 0; k++)
				cp = cp * 16 + hexval(r[k]);
			if (k != 5) {
				out[o++] = '?';
				break;
			}
			r += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF && r + 6 < e && r[1] == '\\' && r[2] == 'u') {
				int32_t lo = 0;
				int j;
				for (j = 3; j <= 6 && hexval(r[j]) >= 0; j++)
					lo = lo * 16 + hexval(r[j]);
				if (j == 7 && lo >= 0xDC00 && lo <= 0xDFFF) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					r += 6;
				}
			}
			if (cp >= 0xD800 && cp <= 0xDFFF)
				cp = 0xFFFD;
			if (cp == 0)
				cp = ' ';
			/* an escape is at least 6 bytes, its UTF-8 at most 4 */
			o += ng_utf8_encode(cp, out + o);
			break;
		}
		default: out[o++] = *r; break;
		}
	}
	out[o] = '\0';
	*len_out = o;
	return out;
}

static void ld_value(ld_scan *s, int depth, int role, ld_obj *parent);

static bool key_is(const char *k, size_t n, const char *lit)
{
	return strlen(lit) == n && memcmp(k, lit, n) == 0;
}

static unsigned page_kind_of(const char *t)
{
	if (strstr(t, "DiscussionForum") || strcmp(t, "QAPage") == 0 || strcmp(t, "Question") == 0)
		return NG_PAGE_FORUM;
	if (strcmp(t, "Product") == 0 || strcmp(t, "ProductGroup") == 0)
		return NG_PAGE_PRODUCT;
	if (strcmp(t, "CollectionPage") == 0 || strcmp(t, "ItemList") == 0 ||
	    strcmp(t, "SearchResultsPage") == 0 || strcmp(t, "OfferCatalog") == 0)
		return NG_PAGE_COLLECTION;
	if (strstr(t, "Article") || strstr(t, "BlogPosting") || strcmp(t, "Report") == 0)
		return NG_PAGE_ARTICLE;
	return 0;
}

static int type_kind(const char *t)
{
	if (strstr(t, "Article") || strstr(t, "Posting") || strcmp(t, "Report") == 0 ||
	    strcmp(t, "Recipe") == 0 || strcmp(t, "HowTo") == 0)
		return LD_ARTICLE;
	if (strstr(t, "Page") || strcmp(t, "Product") == 0 || strcmp(t, "Event") == 0)
		return LD_PAGE;
	if (strcmp(t, "Person") == 0 || strstr(t, "Organization") || strcmp(t, "Corporation") == 0)
		return LD_PERSON_ORG;
	return LD_OTHER;
}

static void authors_add(ld_obj *o, const char *name)
{
	size_t n = strlen(name);
	while (n && isspace((unsigned char)*name)) {
		name++;
		n--;
	}
	if (!n || strncmp(name, "http", 4) == 0)
		return;
	if (o->authors_len && n && strstr(o->authors, name))
		return; /* listed twice */
	size_t sep = o->authors_len ? 2 : 0;
	if (o->authors_len + sep + n + 1 > sizeof o->authors)
		return;
	if (sep) {
		memcpy(o->authors + o->authors_len, ", ", 2);
		o->authors_len += 2;
	}
	memcpy(o->authors + o->authors_len, name, n);
	o->authors_len += n;
	o->authors[o->authors_len] = '\0';
}

static void fill(ng_meta_fields *f, const ld_obj *o, ng_arena *a)
{
	if (!f->title)
		f->title = o->headline ? o->headline : o->name;
	if (!f->author && o->authors_len) {
		char *s = ng_arena_alloc(a, o->authors_len + 1);
		if (s) {
			memcpy(s, o->authors, o->authors_len + 1);
			f->author = s;
		}
	}
	if (!f->published)
		f->published = o->published;
	if (!f->modified)
		f->modified = o->modified;
	if (!f->site)
		f->site = o->publisher;
	if (!f->lang)
		f->lang = o->lang;
	if (!f->url)
		f->url = o->url;
}

static void ld_object(ld_scan *s, int depth, int role, ld_obj *parent)
{
	ld_obj o;
	memset(&o, 0, sizeof o);
	s->p++; /* { */
	for (;;) {
		ld_ws(s);
		if (s->p >= s->end) {
			s->bad = true;
			return;
		}
		if (*s->p == '}') {
			s->p++;
			break;
		}
		if (*s->p == ',') {
			s->p++;
			continue;
		}
		if (*s->p != '"') {
			s->bad = true;
			return;
		}
		size_t kl;
		const char *k = ld_string(s, &kl);
		if (!k)
			return;
		ld_ws(s);
		if (s->p >= s->end || *s->p != ':') {
			s->bad = true;
			return;
		}
		s->p++;
		ld_ws(s);
		if (s->p >= s->end) {
			s->bad = true;
			return;
		}
		if (*s->p == '"') {
			size_t vl;
			const char *v = ld_string(s, &vl);
			if (!v)
				return;
			if (key_is(k, kl, "@type")) {
				o.kind = type_kind(v);
				if (depth <= 3)
					s->c->page_kinds |= page_kind_of(v);
			} else if (key_is(k, kl, "headline")) {
				o.headline = o.headline ? o.headline : v;
			} else if (key_is(k, kl, "name")) {
				o.name = o.name ? o.name : v;
			} else if (key_is(k, kl, "datePublished") || key_is(k, kl, "dateCreated") ||
				   key_is(k, kl, "uploadDate")) {
				if (!o.published || key_is(k, kl, "datePublished"))
					o.published = v;
			} else if (key_is(k, kl, "dateModified")) {
				o.modified = v;
			} else if (key_is(k, kl, "inLanguage")) {
				o.lang = v;
			} else if (key_is(k, kl, "url") || key_is(k, kl, "mainEntityOfPage")) {
				o.url = o.url ? o.url : v;
			} else if (key_is(k, kl, "author") || key_is(k, kl, "creator")) {
				authors_add(&o, v);
			} else if (key_is(k, kl, "publisher")) {
				o.publisher = v;
			}
			continue;
		}
		int r = ROLE_NONE;
		if (key_is(k, kl, "author") || key_is(k, kl, "creator"))
			r = ROLE_AUTHOR;
		else if (key_is(k, kl, "publisher"))
			r = ROLE_PUBLISHER;
		else if (key_is(k, kl, "@type"))
			r = ROLE_TYPE;
		ld_value(s, depth + 1, r, &o);
		if (s->bad)
			return;
	}
	if (role == ROLE_AUTHOR && parent) {
		if (o.name)
			authors_add(parent, o.name);
		return;
	}
	if (role == ROLE_PUBLISHER && parent) {
		if (o.name && !parent->publisher)
			parent->publisher = o.name;
		return;
	}
	if (o.kind == LD_ARTICLE)
		fill(&s->c->ld_article, &o, s->a);
	else if (o.kind == LD_PAGE)
		fill(&s->c->ld_page, &o, s->a);
	else if (o.kind == LD_OTHER && o.headline)
		fill(&s->c->ld_page, &o, s->a);
}

static void ld_value(ld_scan *s, int depth, int role, ld_obj *parent)
{
	if (depth > LD_MAX_DEPTH) {
		s->bad = true;
		return;
	}
	ld_ws(s);
	if (s->p >= s->end) {
		s->bad = true;
		return;
	}
	char c = *s->p;
	if (c == '{') {
		ld_object(s, depth, role, parent);
	} else if (c == '[') {
		s->p++;
		for (;;) {
			ld_ws(s);
			if (s->p >= s->end) {
				s->bad = true;
				return;
			}
			if (*s->p == ']') {
				s->p++;
				return;
			}
			if (*s->p == ',') {
				s->p++;
				continue;
			}
			ld_value(s, depth + 1, role, parent);
			if (s->bad)
				return;
		}
	} else if (c == '"') {
		size_t vl;
		const char *v = ld_string(s, &vl);
		if (!v || !parent)
			return;
		if (role == ROLE_AUTHOR)
			authors_add(parent, v);
		else if (role == ROLE_TYPE && parent->kind == LD_OTHER)
			parent->kind = type_kind(v);
		if (role == ROLE_TYPE && depth <= 4)
			s->c->page_kinds |= page_kind_of(v);
		else if (role == ROLE_PUBLISHER && !parent->publisher)
			parent->publisher = v;
	} else {
		/* number, true, false, null; anything else is malformed */
		const char *start = s->p;
		while (s->p < s->end && *s->p != ',' && *s->p != '}' && *s->p != ']')
			s->p++;
		if (s->p == start)
			s->bad = true;
	}
}

void ng_meta_jsonld_scan(ng_arena *a, const char *s, size_t n, ng_meta_cand *c)
{
	ld_scan sc = {a, s, s + n, c, false};
	ld_ws(&sc);
	/* some sites wrap JSON-LD in HTML comments or CDATA */
	if (sc.end - sc.p > 4 && memcmp(sc.p, "<!--", 4) == 0)
		sc.p += 4;
	while (!sc.bad && sc.p < sc.end) {
		ld_ws(&sc);
		if (sc.p >= sc.end || (*sc.p != '{' && *sc.p != '['))
			break;
		ld_value(&sc, 0, ROLE_NONE, NULL);
	}
}

/* ---------------------------------------------------------------- <meta> */

static bool ieq(const char *k, size_t n, const char *lit)
{
	return strlen(lit) == n && strncasecmp(k, lit, n) == 0;
}

static void set1(const char **f, const char *v)
{
	if (!*f && v && *v)
		*f = v;
}

void ng_meta_tag(ng_meta_cand *c, const char *k, size_t n, const char *v)
{
	if (!v || !*v)
		return;
	if (ieq(k, n, "og:type")) {
		if (!strcasecmp(v, "article"))
			c->page_kinds |= NG_PAGE_ARTICLE;
		else if (!strcasecmp(v, "product") || !strcasecmp(v, "og:product"))
			c->page_kinds |= NG_PAGE_PRODUCT;
	} else if (ieq(k, n, "og:title") || ieq(k, n, "twitter:title"))
		set1(&c->og.title, v);
	else if (ieq(k, n, "og:site_name") || ieq(k, n, "twitter:site:name"))
		set1(&c->og.site, v);
	else if (ieq(k, n, "og:url"))
		set1(&c->og.url, v);
	else if (ieq(k, n, "og:locale"))
		set1(&c->og.lang, v);
	else if (ieq(k, n, "article:published_time") || ieq(k, n, "og:published_time") ||
		 ieq(k, n, "og:article:published_time") || ieq(k, n, "article:published"))
		set1(&c->og.published, v);
	else if (ieq(k, n, "article:modified_time") || ieq(k, n, "og:updated_time") ||
		 ieq(k, n, "og:article:modified_time"))
		set1(&c->og.modified, v);
	else if (ieq(k, n, "article:author") || ieq(k, n, "og:article:author"))
		set1(&c->og.author, strncmp(v, "http", 4) == 0 ? NULL : v);
	else if (ieq(k, n, "author") || ieq(k, n, "dc.creator") || ieq(k, n, "dcterms.creator") ||
		 ieq(k, n, "byl") || ieq(k, n, "sailthru.author") || ieq(k, n, "parsely-author") ||
		 ieq(k, n, "citation_author") || ieq(k, n, "twitter:creator:name"))
		set1(&c->named.author, strncmp(v, "http", 4) == 0 ? NULL : v);
	else if (ieq(k, n, "datePublished") || ieq(k, n, "date") || ieq(k, n, "pubdate") ||
		 ieq(k, n, "publishdate") || ieq(k, n, "publish-date") || ieq(k, n, "publish_date") ||
		 ieq(k, n, "dc.date") || ieq(k, n, "dc.date.issued") || ieq(k, n, "dcterms.created") ||
		 ieq(k, n, "dcterms.date") || ieq(k, n, "dcterms.issued") || ieq(k, n, "sailthru.date") ||
		 ieq(k, n, "parsely-pub-date") || ieq(k, n, "citation_publication_date") ||
		 ieq(k, n, "citation_date") || ieq(k, n, "article.published") ||
		 ieq(k, n, "originalpublicationdate") || ieq(k, n, "created"))
		set1(&c->named.published, v);
	else if (ieq(k, n, "dateModified") || ieq(k, n, "last-modified") || ieq(k, n, "dcterms.modified"))
		set1(&c->named.modified, v);
	else if (ieq(k, n, "application-name") || ieq(k, n, "apple-mobile-web-app-title"))
		set1(&c->named.site, v);
	else if (ieq(k, n, "dc.title") || ieq(k, n, "citation_title") || ieq(k, n, "headline") ||
		 ieq(k, n, "parsely-title") || ieq(k, n, "sailthru.title"))
		set1(&c->named.title, v);
	else if (ieq(k, n, "dc.language") || ieq(k, n, "language") || ieq(k, n, "inLanguage"))
		set1(&c->named.lang, v);
}

/* ---------------------------------------------------------------- dates */

static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
				     "jul", "aug", "sep", "oct", "nov", "dec"};

/* Month number from a word at s (3+ letters), or 0; *len gets its length. */
static int month_word(const char *s, size_t *len)
{
	size_t n = 0;
	while (isalpha((unsigned char)s[n]))
		n++;
	*len = n;
	if (n < 3)
		return 0;
	static const char *const full[] = {"january", "february", "march", "april", "may", "june",
					   "july", "august", "september", "october", "november",
					   "december"};
	for (int m = 0; m < 12; m++) {
		if (n == 3 && strncasecmp(s, months[m], 3) == 0)
			return m + 1;
		if (n == strlen(full[m]) && strncasecmp(s, full[m], n) == 0)
			return m + 1;
		if (n == 4 && m == 8 && strncasecmp(s, "sept", 4) == 0)
			return 9;
	}
	return 0;
}

static int digits(const char *s, int n, int *v)
{
	int x = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return 0;
		x = x * 10 + (s[i] - '0');
	}
	*v = x;
	return 1;
}

static bool valid_ymd(int y, int m, int d)
{
	return y >= 1990 && y <= 2100 && ng_date_valid(y, m, d);
}

/* Tries to read a date at s; on success writes it to out and returns true. */
static bool date_at(const char *s, char *out, size_t outsz)
{
	int y, m, d, hh = -1, mm = 0, ss = 0;
	const char *t = NULL;
	if (isdigit((unsigned char)s[0]) && digits(s, 4, &y) && (s[4] == '-' || s[4] == '/' || s[4] == '.') &&
	    digits(s + 5, 2, &m) && s[7] == s[4] && digits(s + 8, 2, &d) && !isdigit((unsigned char)s[10])) {
		if (!valid_ymd(y, m, d))
			return false;
		t = s + 10;
	} else if (isdigit((unsigned char)s[0]) && digits(s, 4, &y) && digits(s + 4, 2, &m) &&
		   digits(s + 6, 2, &d) && !isdigit((unsigned char)s[8]) && valid_ymd(y, m, d)) {
		t = NULL; /* compact form: date only */
	} else {
		/* "September 4, 2025" or "4 September 2025" */
		size_t ml;
		const char *p = s;
		int mon = month_word(p, &ml);
		if (mon) {
			p += ml;
			if (*p == '.')
				p++;
			while (*p == ' ' || *p == '\t')
				p++;
			int dd = 0, k = 0;
			while (k < 2 && isdigit((unsigned char)p[k]))
				dd = dd * 10 + (p[k++] - '0');
			if (!k)
				return false;
			p += k;
			if (p[0] && strchr("snrt", p[0]) && p[1] && isalpha((unsigned char)p[1]))
				p += 2; /* 1st 2nd 3rd 4th */
			while (*p == ',' || *p == ' ')
				p++;
			if (!digits(p, 4, &y) || isdigit((unsigned char)p[4]) || !valid_ymd(y, mon, dd))
				return false;
			m = mon;
			d = dd;
		} else if (isdigit((unsigned char)s[0])) {
			int dd = 0, k = 0;
			while (k < 2 && isdigit((unsigned char)p[k]))
				dd = dd * 10 + (p[k++] - '0');
			p += k;
			if (p[0] && strchr("snrt", p[0]) && p[1] && isalpha((unsigned char)p[1]) &&
			    !month_word(p, &ml))
				p += 2;
			while (*p == ' ' || *p == '-' || *p == '.')
				p++;
			mon = month_word(p, &ml);
			if (!mon)
				return false;
			p += ml;
			while (*p == ' ' || *p == ',' || *p == '.' || *p == '-')
				p++;
			if (!digits(p, 4, &y) || isdigit((unsigned char)p[4]) || !valid_ymd(y, mon, dd))
				return false;
			m = mon;
			d = dd;
		} else {
			return false;
		}
	}
	char tz[24] = "";
	if (t && (*t == 'T' || (*t == ' ' && isdigit((unsigned char)t[1])))) {
		const char *q = t + 1;
		if (digits(q, 2, &hh) && q[2] == ':' && digits(q + 3, 2, &mm) && hh < 24 && mm < 60) {
			q += 5;
			if (*q == ':' && digits(q + 1, 2, &ss) && ss < 61)
				q += 3;
			else
				ss = 0;
			if (*q == '.')
				for (q++; isdigit((unsigned char)*q); q++)
					;
			int th, tm = 0;
			if (*q == 'Z' || *q == 'z') {
				strcpy(tz, "Z");
			} else if ((*q == '+' || *q == '-') && digits(q + 1, 2, &th) && th <= 14) {
				const char *r = q + 3;
				if (*r == ':')
					r++;
				if (!digits(r, 2, &tm))
					tm = 0;
				snprintf(tz, sizeof tz, "%c%02d:%02d", *q, th, tm % 60);
			}
		} else {
			hh = -1;
		}
	}
	if (hh >= 0)
		snprintf(out, outsz, "%04d-%02d-%02dT%02d:%02d:%02d%s", y, m, d, hh, mm, ss, tz);
	else
		snprintf(out, outsz, "%04d-%02d-%02d", y, m, d);
	return true;
}

const char *ng_meta_date_iso(ng_arena *a, const char *s, bool search)
{
	if (!s)
		return NULL;
	char buf[96];
	size_t n = strlen(s);
	if (n > 4096)
		n = 4096;
	/* a field that is a date as a whole, in any form core/date.c reads
	** (RFC 2822 with its time and zone, 16/06/2021, epoch seconds) */
	const char *why;
	if (!search && ng_date_iso(s, n, NG_DATE_DMY, buf, &why) == NG_OK &&
	    valid_ymd(atoi(buf), 1, 1)) {
		size_t bl = strlen(buf);
		char *r = ng_arena_alloc(a, bl + 1);
		if (r)
			memcpy(r, buf, bl + 1);
		return r;
	}
	for (size_t i = 0; i < n; i++) {
		const char *p = s + i;
		if (i == 0 || !isalnum((unsigned char)p[-1])) {
			while (!search && (*p == ' ' || *p == '\t' || *p == '\n'))
				p++;
			/* skip a weekday: "Thursday, September 4, 2025" */
			if (!search && isalpha((unsigned char)*p)) {
				size_t wl = 0;
				while (isalpha((unsigned char)p[wl]))
					wl++;
				if (!month_word(p, &wl) && p[wl] == ',')
					p += wl + 1;
				while (*p == ' ')
					p++;
			}
			if (date_at(p, buf, sizeof buf)) {
				size_t bl = strlen(buf);
				char *r = ng_arena_alloc(a, bl + 1);
				if (r)
					memcpy(r, buf, bl + 1);
				return r;
			}
		}
		if (!search)
			break;
	}
	return NULL;
}

const char *ng_meta_date_from_url(ng_arena *a, const char *url)
{
	if (!url)
		return NULL;
	const char *p = strstr(url, "://");
	p = p ? strchr(p + 3, '/') : url;
	for (; p && *p; p++) {
		if (*p != '/' && *p != '-' && *p != '_')
			continue;
		int y, m, d;
		const char *q = p + 1;
		if (digits(q, 4, &y) && (q[4] == '/' || q[4] == '-') && digits(q + 5, 2, &m) &&
		    q[7] == q[4] && digits(q + 8, 2, &d) && !isdigit((unsigned char)q[10]) &&
		    valid_ymd(y, m, d)) {
			char buf[48];
			snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
			char *r = ng_arena_alloc(a, 11);
			if (r)
				memcpy(r, buf, 11);
			return r;
		}
	}
	return NULL;
}

/* ---------------------------------------------------------------- resolve */

/* Copies s with runs of whitespace collapsed and ends trimmed. */
static const char *squeeze(ng_arena *a, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	char *o = ng_arena_alloc(a, n + 1);
	if (!o)
		return s;
	size_t k = 0;
	bool sp = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
			sp = k > 0;
			continue;
		}
		if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) { /* NBSP */
			i++;
			sp = k > 0;
			continue;
		}
		if (sp)
			o[k++] = ' ';
		sp = false;
		o[k++] = (char)c;
	}
	o[k] = '\0';
	return k ? o : NULL;
}

/* True when `needle` occurs in `hay`, ignoring ASCII case. */
static bool ci_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	if (!n)
		return false;
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

static bool same_ci(const char *a, const char *b)
{
	return a && b && strcasecmp(a, b) == 0;
}

/* The <title> without a " | Site" or " - Site" part, when one side is
** the site name or the other side is the h1/og title. */
static const char *strip_site(ng_arena *a, const char *t, const char *site)
{
	if (!t)
		return NULL;
	static const char *const seps[] = {" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " • "};
	for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
		const char *last = NULL, *p = t;
		while ((p = strstr(p, seps[i])) != NULL) {
			last = p;
			p += strlen(seps[i]);
		}
		if (!last)
			continue;
		const char *tail = last + strlen(seps[i]);
		size_t head_len = (size_t)(last - t);
		/* keep the longer side unless the site name says which is which */
		const char *first = strstr(t, seps[i]);
		if (site && strncasecmp(t, site, strlen(site)) == 0 && first) {
			return squeeze(a, first + strlen(seps[i]));
		}
		if (strlen(tail) <= head_len || (site && strcasecmp(tail, site) == 0)) {
			char *h = ng_arena_alloc(a, head_len + 1);
			if (!h)
				return t;
			memcpy(h, t, head_len);
			h[head_len] = '\0';
			return h;
		}
	}
	return t;
}

/* "By Jane Doe and John Roe | Staff" -> "Jane Doe and John Roe". */
static const char *clean_byline(ng_arena *a, const char *s)
{
	s = squeeze(a, s);
	if (!s)
		return NULL;
	if (strncasecmp(s, "by ", 3) == 0)
		s += 3;
	else if (strncasecmp(s, "by:", 3) == 0)
		s += 3;
	else if (strncasecmp(s, "written by ", 11) == 0)
		s += 11;
	else if (strncasecmp(s, "author:", 7) == 0)
		s += 7;
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	const char *cut = NULL;
	static const char *const stops[] = {" | ", "\xE2\x80\xA2", " - ", " on ", " published", " updated",
					    " posted"};
	for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++) {
		const char *p = strstr(s, stops[i]);
		if (p && (!cut || p < cut))
			cut = p;
	}
	if (cut)
		n = (size_t)(cut - s);
	for (;;) {
		if (n && (s[n - 1] == ' ' || s[n - 1] == ',' || s[n - 1] == '|' || s[n - 1] == '-'))
			n--;
		else if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
			 ((unsigned char)s[n - 1] == 0x93 || (unsigned char)s[n - 1] == 0x94))
			n -= 3; /* en or em dash */
		else
			break;
	}
	if (!n || n > 100)
		return NULL;
	char *o = ng_arena_alloc(a, n + 1);
	if (!o)
		return NULL;
	memcpy(o, s, n);
	o[n] = '\0';
	return o;
}

/* "en_US" -> "en-US"; rejects what does not look like a language tag. */
static const char *lang_tag(ng_arena *a, const char *s)
{
	if (!s)
		return NULL;
	while (*s == ' ')
		s++;
	size_t n = 0;
	while (s[n] && (isalnum((unsigned char)s[n]) || s[n] == '-' || s[n] == '_'))
		n++;
	if (n < 2 || n > 35 || !isalpha((unsigned char)s[0]) || !isalpha((unsigned char)s[1]))
		return NULL;
	char *o = ng_arena_alloc(a, n + 1);
	if (!o)
		return NULL;
	size_t part = 0, start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '-' && s[i] != '_')
			continue;
		/* subtag s[start..i) */
		for (size_t j = start; j < i; j++) {
			unsigned char c = (unsigned char)s[j];
			o[j] = (char)(part == 0 ? tolower(c) : (i - start == 2 ? toupper(c) : c));
		}
		if (i < n)
			o[i] = '-';
		part++;
		start = i + 1;
	}
	o[n] = '\0';
	return o;
}

static const char *first(const char *a, const char *b, const char *c, const char *d)
{
	return a ? a : b ? b : c ? c : d;
}

/* The site name from a URL's host: "www.example.co.uk" -> "example.co.uk". */
static const char *host_of(ng_arena *a, const char *url)
{
	if (!url)
		return NULL;
	const char *p = strstr(url, "://");
	if (!p)
		return NULL;
	p += 3;
	if (strncmp(p, "www.", 4) == 0)
		p += 4;
	size_t n = strcspn(p, "/:?#");
	if (!n)
		return NULL;
	char *o = ng_arena_alloc(a, n + 1);
	if (!o)
		return NULL;
	memcpy(o, p, n);
	o[n] = '\0';
	return o;
}

void ng_meta_resolve(ng_arena *a, const ng_meta_cand *c, ng_meta_result *out)
{
	memset(out, 0, sizeof *out);
	const char *site = squeeze(a, first(c->og.site, c->ld_article.site, c->ld_page.site, c->named.site));

	/* title: the h1 when another source confirms it, else the declared titles */
	const char *h1 = squeeze(a, c->h1);
	const char *ldt = squeeze(a, c->ld_article.title);
	const char *ogt = squeeze(a, c->og.title);
	const char *tt = squeeze(a, c->title_tag);
	const char *title = NULL;
	if (h1 && ((ldt && same_ci(h1, ldt)) || (ogt && ci_contains(ogt, h1)) || (tt && ci_contains(tt, h1))))
		title = h1;
	if (!title)
		title = ldt;
	if (!title && ogt)
		title = strip_site(a, ogt, site);
	if (!title && h1)
		title = h1;
	if (!title)
		title = squeeze(a, c->named.title);
	if (!title && tt)
		title = strip_site(a, tt, site);
	out->title = title;

	const char *au = first(c->ld_article.author, c->og.author, c->named.author, c->ld_page.author);
	out->author = au ? clean_byline(a, au) : NULL;
	if (!out->author && c->byline)
		out->author = clean_byline(a, c->byline);

	const char *srcs[] = {c->ld_article.published, c->og.published, c->named.published,
			      c->ld_page.published, c->time_pub};
	for (size_t i = 0; i < sizeof srcs / sizeof srcs[0] && !out->date; i++)
		out->date = ng_meta_date_iso(a, srcs[i], false);
	if (!out->date)
		out->date = ng_meta_date_from_url(a, first(c->canonical, c->og.url, c->base_url, NULL));
	if (!out->date)
		out->date = ng_meta_date_iso(a, c->time_any, false);
	if (!out->date)
		out->date = ng_meta_date_iso(a, c->dateline, true);
	if (!out->date) {
		const char *mods[] = {c->ld_article.modified, c->og.modified, c->named.modified};
		for (size_t i = 0; i < 3 && !out->date; i++)
			out->date = ng_meta_date_iso(a, mods[i], false);
	}

	out->url = first(c->canonical, c->og.url, c->ld_article.url, NULL);
	if (out->url && strncmp(out->url, "http", 4) != 0)
		out->url = NULL;
	out->site = site ? site : host_of(a, first(out->url, c->base_url, NULL, NULL));
	out->lang = lang_tag(a, first(c->html_lang, c->ld_article.lang, c->http_lang,
				      first(c->named.lang, c->og.lang, NULL, NULL)));
}
