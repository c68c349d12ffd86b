/*
** meta.h -- article metadata from what an HTML page declares.
**
** The HTML walk (html.c) collects candidates from every source a page may
** use: JSON-LD (schema.org), OpenGraph and other <meta> tags, <title>,
** <h1>, <time>, bylines, <link rel=canonical>, <html lang> and the URL.
** ng_meta_resolve() picks one value per field by a fixed order of trust and
** normalizes it: dates to ISO 8601, languages to BCP 47 case.
*/
#ifndef NG_EXTRACT_META_H
#define NG_EXTRACT_META_H

#include "core/core.h"

/* One source's value for each field; NULL when the page does not say. */
typedef struct ng_meta_fields {
	const char *title;
	const char *author;
	const char *published;
	const char *modified;
	const char *site;
	const char *lang;
	const char *url;
} ng_meta_fields;

typedef struct ng_meta_cand {
	ng_meta_fields ld_article;  /* JSON-LD objects typed *Article, *Posting, Report */
	ng_meta_fields ld_page;     /* JSON-LD WebPage and other typed objects */
	ng_meta_fields og;          /* OpenGraph / article:* / twitter:* */
	ng_meta_fields named;       /* <meta name=...>, itemprop, Dublin Core */
	const char *title_tag;      /* <title> */
	const char *h1;             /* first <h1> in the body */
	const char *byline;         /* text of the first byline-like element */
	const char *time_pub;       /* <time> marked as the publication date */
	const char *time_any;       /* first <time datetime> */
	const char *dateline;       /* first date-looking text near the top */
	const char *html_lang;      /* <html lang> */
	const char *http_lang;      /* <meta http-equiv=content-language> */
	const char *canonical;      /* <link rel=canonical> */
	const char *base_url;       /* the document's URL before extraction */
	unsigned page_kinds;        /* NG_PAGE_* bits the page declares (JSON-LD @type, og:type) */
} ng_meta_cand;

/* What kind of page the page says it is. */
enum {
	NG_PAGE_ARTICLE = 1u << 0,
	NG_PAGE_FORUM = 1u << 1,    /* DiscussionForumPosting, QAPage, Question */
	NG_PAGE_PRODUCT = 1u << 2,
	NG_PAGE_COLLECTION = 1u << 3 /* CollectionPage, ItemList, SearchResultsPage */
};

/* Scans one JSON-LD script s[0..n) and fills the ld_* candidates it finds
** (first value wins). Malformed JSON stops the scan and keeps what was found
** before. Strings are copied into `a`. Nesting is capped at 32 levels. */
void ng_meta_jsonld_scan(ng_arena *a, const char *s, size_t n, ng_meta_cand *c);

/* Records a <meta> tag (name or property or itemprop, and content). */
void ng_meta_tag(ng_meta_cand *c, const char *key, size_t key_len, const char *content);

/* Normalizes a date: ISO 8601 forms, "September 4, 2025", "4 Sep 2025",
** "2025/09/04", with optional weekday and time. Returns "YYYY-MM-DD" or
** "YYYY-MM-DDTHH:MM:SS" plus "Z" or "+hh:mm" in `a`, or NULL when s holds
** no plausible date (years 1990..2100). With `search`, the first date
** anywhere in s is taken; otherwise s must start with it. */
const char *ng_meta_date_iso(ng_arena *a, const char *s, bool search);

/* A /YYYY/MM/DD/ (or /YYYY-MM-DD, /YYYYMMDD/) date in a URL path, or NULL. */
const char *ng_meta_date_from_url(ng_arena *a, const char *url);

/* The resolved metadata. */
typedef struct ng_meta_result {
	const char *title, *author, *date, *site, *lang, *url;
} ng_meta_result;

/* Picks and normalizes one value per field. Strings are in `a` or are the
** candidates themselves. */
void ng_meta_resolve(ng_arena *a, const ng_meta_cand *c, ng_meta_result *out);

#endif
