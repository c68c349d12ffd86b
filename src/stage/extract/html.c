/*
** html.c -- main-content extraction from an HTML page (see html.h).
**
** Three steps:
**   1. walk: one iterative pass over modest's DOM builds a table of
**      block-level elements (parent, class/id/role hint, the range of text
**      blocks under it) and the text blocks themselves (text, link share,
**      kind), and collects metadata candidates (meta.h) on the way;
**   2. score: each block is worth roughly its non-link characters, less its
**      link characters, less a little for very short fragments; a block under
**      a boilerplate-hinted element (nav, footer, comments, share bars, ...)
**      counts against. Sums go up the element tree; the element with the
**      highest sum, favoured a little by content hints (article, main,
**      itemprop=articleBody, "entry-content"), is the main content;
**   3. emit: the container's blocks in document order, except those under a
**      boilerplate element inside it, link lists (unless the container is
**      itself a listing), the headline and known furniture phrases.
** The design is ours; it uses no code from other extractors.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <time.h>

#include <myhtml/api.h>

#include "core/core.h"
#include "stage/extract/charset.h"
#include "stage/extract/html.h"
#include "stage/extract/meta.h"

#define MAX_CLASS_SCAN 256 /* bytes of class/id examined for hints */

/* The parser (modest) cannot fail an allocation gracefully: out of memory
** inside it kills the process. So a page's tree must fit before it is
** parsed. Its memory, measured with /usr/bin/time on pages at the caps
** (1.6 MB of 400,000 tags: 100 MB; 8 MB of text: 48 MB; 8 MB of 100,000
** links with three attributes: 125 MB), stays below PARSE_BYTE_COST per
** byte plus PARSE_TAG_COST per tag. */
#define PARSE_BYTE_COST 8
#define PARSE_TAG_COST 800

static size_t default_parse_mem(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
		size_t m = (size_t)(rl.rlim_cur / 8);
		return m > ((size_t)16 << 20) ? m : (size_t)16 << 20;
	}
	return (size_t)1 << 30;
}

ng_html_limits ng_html_limits_default(void)
{
	ng_html_limits l = {8u << 20, 400000, 256, default_parse_mem(), 2000000};
	return l;
}

/* ---------------------------------------------------------------- tables */

enum { K_OTHER = 0, K_P, K_H1, K_H, K_LI, K_PRE, K_CELL, K_CAPTION, K_QUOTE, K_DT };

typedef struct el {
	int32_t parent;
	uint32_t tag;
	int8_t hint;        /* <0 boilerplate, >0 content */
	bool eff;           /* the boilerplate hint counts (not a page-wide wrapper) */
	bool neg_in;        /* an effective boilerplate element is this or above */
	uint32_t first_block, end_block;
	uint32_t chars, link_chars;
	uint32_t prose;      /* non-link characters of sentence-like blocks */
	double score;
} el;

typedef struct block {
	int32_t el;
	uint32_t start, len;
	uint32_t link_chars;
	uint16_t words;
	uint16_t stops;      /* sentence-ending punctuation and commas */
	uint8_t kind;
	bool cut;            /* in a section of recommendations (cut_sections) */
} block;

/* word_hint() through a small per-page cache: pages repeat class strings. */
#define HINT_CACHE 512
typedef struct hint_cache {
	bool forum;
	bool product;
	const char *s[HINT_CACHE];
	size_t n[HINT_CACHE];
	int8_t h[HINT_CACHE];
} hint_cache;

typedef struct walk {
	ng_doc *doc;
	ng_arena *a;
	/* the text of all blocks, back to back */
	char *buf;
	size_t len, cap;
	bool space;          /* a collapsed space is pending */
	/* current block */
	size_t blk_start;
	uint32_t blk_link;
	el *els;
	size_t n_els, cap_els;
	block *blocks;
	size_t n_blocks, cap_blocks;
	ng_meta_cand cand;
	hint_cache hints;
	bool too_deep, over_budget, oom;
	unsigned pre;        /* inside <pre> */
	unsigned link;       /* inside <a> */
	size_t max_nodes;
	size_t nodes;
	uint32_t h1_block;   /* the first <h1> block, or UINT32_MAX */
} walk;

static bool buf_room(walk *w, size_t n)
{
	if (ng_arena_grow_array(w->a, &w->buf, &w->cap, w->len + n + 1, 1, 65536, SIZE_MAX) != NG_OK) {
		w->oom = true;
		return false;
	}
	return true;
}

/* Appends text, collapsing whitespace (kept as is inside <pre>). */
static void put_text(walk *w, const char *s, size_t n)
{
	if (!buf_room(w, n + 1))
		return;
	size_t before = w->len;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!w->pre && (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f')) {
			w->space = true;
			continue;
		}
		if (w->space) {
			if (w->len > w->blk_start && w->buf[w->len - 1] != '\n')
				w->buf[w->len++] = ' ';
			w->space = false;
		}
		w->buf[w->len++] = (char)c;
	}
	if (w->link)
		w->blk_link += (uint32_t)(w->len - before);
}

static void put_newline(walk *w)
{
	if (!buf_room(w, 1))
		return;
	w->space = false;
	if (w->len > w->blk_start && w->buf[w->len - 1] != '\n')
		w->buf[w->len++] = '\n';
}

static uint8_t kind_of(uint32_t tag)
{
	switch (tag) {
	case MyHTML_TAG_P: return K_P;
	case MyHTML_TAG_H1: return K_H1;
	case MyHTML_TAG_H2: case MyHTML_TAG_H3: case MyHTML_TAG_H4: case MyHTML_TAG_H5:
	case MyHTML_TAG_H6: return K_H;
	case MyHTML_TAG_LI: case MyHTML_TAG_DD: return K_LI;
	case MyHTML_TAG_DT: return K_DT;
	case MyHTML_TAG_PRE: return K_PRE;
	case MyHTML_TAG_TD: case MyHTML_TAG_TH: return K_CELL;
	case MyHTML_TAG_FIGCAPTION: case MyHTML_TAG_CAPTION: return K_CAPTION;
	case MyHTML_TAG_BLOCKQUOTE: return K_QUOTE;
	default: return K_OTHER;
	}
}

/* Ends the current block: records it when it holds text. */
static void flush(walk *w)
{
	while (w->len > w->blk_start && (w->buf[w->len - 1] == ' ' || w->buf[w->len - 1] == '\n'))
		w->len--;
	w->space = false;
	if (w->len > w->blk_start && w->n_els) {
		if (ng_arena_grow_array(w->a, &w->blocks, &w->cap_blocks, w->n_blocks + 1, sizeof(block),
					256, SIZE_MAX) != NG_OK) {
			w->oom = true;
			return;
		}
		/* the innermost open block element owns the text: the last element
		** whose block range is still open */
		block *b = &w->blocks[w->n_blocks++];
		memset(b, 0, sizeof *b);
		b->start = (uint32_t)w->blk_start;
		b->len = (uint32_t)(w->len - w->blk_start);
		b->link_chars = w->blk_link > b->len ? b->len : w->blk_link;
		unsigned words = 0, stops = 0;
		bool inw = false;
		for (size_t i = w->blk_start; i < w->len; i++) {
			unsigned char c = (unsigned char)w->buf[i];
			bool wc = isalnum(c) || c >= 0x80;
			if (wc && !inw)
				words++;
			inw = wc;
			if (c == '.' || c == '!' || c == '?' || c == ',' || c == ';')
				stops++;
		}
		b->words = words > 65535 ? 65535 : (uint16_t)words;
		b->stops = stops > 65535 ? 65535 : (uint16_t)stops;
		if (!buf_room(w, 1))
			return;
		w->buf[w->len++] = '\0'; /* blocks are NUL-separated in buf */
	}
	w->blk_start = w->len;
	w->blk_link = 0;
}

/* ---------------------------------------------------------------- hints */

/* Class and id words. A word of 5+ letters matches inside a longer token
** ("sharebar", "commentlist"); shorter ones must be the whole token. */
static const char *const always_neg[] = {
	"comment", "comments", "disqus", "related", "recommend", "outbrain", "taboola", "footer",
	"nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "cookie", "consent",
	"newsletter", "subscribe", "share", "sharing", "social", "popup", "modal", "gdpr",
	"pagination", "pager", "byline", "advert", "ad", "ads", "adsbygoogle",
	"sponsor", "copyright", "legal", "sitemap", "signup", "login", "signin", "register",
	"subnav", "crumbs", "followus"};
static const char *const strong_neg[] = {
	"sidebar", "masthead", "promo", "offcanvas", "trending", "popular",
	"toolbar", "skip", "rating", "reviews", "jump", "follow", "topbar",
	"sticky", "overlay", "dialog", "notice", "alert", "upsell", "donate", "meta", "author",
	"tags", "taglist", "tagcloud"};
static const char *const weak_neg[] = {"header", "aside", "dropdown", "toc", "more", "extra",
				       "secondary", "tools", "date", "time"};
static const char *const pos_words[] = {
	"article", "content", "entry", "post", "story", "main", "body", "text", "prose", "markdown",
	"richtext", "blog", "description", "product", "page", "section", "thread", "message",
	"forum", "docs", "documentation", "container-content", "single"};

static bool word_in(const char *tok, size_t n, const char *const *list, size_t m)
{
	for (size_t i = 0; i < m; i++) {
		const char *x = list[i];
		if (x[0] == tok[0] && strncmp(tok, x, n) == 0 && x[n] == '\0')
			return true;
	}
	return false;
}

/* True when a word of 5+ letters from the list occurs inside tok. */
static bool word_inside(const char *tok, size_t n, const char *const *list, size_t m)
{
	if (n <= 5)
		return false;
	for (size_t i = 0; i < m; i++) {
		const char *x = list[i];
		if (!x[0] || !x[1] || !x[2] || !x[3] || !x[4])
			continue; /* shorter than 5: whole tokens only */
		const char *hit = strstr(tok, x);
		if (hit && strlen(x) < n)
			return true;
	}
	return false;
}

/* On product pages, reviews and testimonials are not the product's text. */
static const char *const product_neg[] = {"review", "reviews", "testimonial", "testimonials",
					  "yotpo", "okendo", "stamped", "judgeme", "trustpilot",
					  "recently", "upsell", "crosssell", "recommendations"};

/* On forum pages the posts are "comments" and "replies". */
static const char *const forum_pos[] = {"comment", "comments", "reply", "replies", "answer",
					"answers", "message", "messages", "topic", "thread"};

/* Hint from a class or id value: -3 (boilerplate), -2 (likely), -1 (weak),
** 0 or +1 (content). */
static int word_hint(const char *v, size_t n, bool forum, bool product)
{
	if (n > MAX_CLASS_SCAN)
		n = MAX_CLASS_SCAN;
	bool always = false, strong = false, weak = false, pos = false;
	char tok[64];
	size_t k = 0;
	const size_t na = sizeof always_neg / sizeof *always_neg;
	const size_t ns = sizeof strong_neg / sizeof *strong_neg, nw = sizeof weak_neg / sizeof *weak_neg,
		     np = sizeof pos_words / sizeof *pos_words;
	for (size_t i = 0; i <= n; i++) {
		unsigned char c = i < n ? (unsigned char)v[i] : ' ';
		if (isalnum(c)) {
			if (k < sizeof tok - 1)
				tok[k++] = (char)tolower(c);
			continue;
		}
		if (k && k < sizeof tok - 1) {
			tok[k] = '\0';
			if (forum && word_in(tok, k, forum_pos, sizeof forum_pos / sizeof *forum_pos)) {
				pos = true;
				k = 0;
				continue;
			}
			if (!always)
				always = word_in(tok, k, always_neg, na) || word_inside(tok, k, always_neg, na) ||
					 (product &&
					  word_in(tok, k, product_neg, sizeof product_neg / sizeof *product_neg));
			if (!strong)
				strong = word_in(tok, k, strong_neg, ns) || word_inside(tok, k, strong_neg, ns) ||
					 !strcmp(tok, "print"); /* not inside: "printed", "blueprint" */
			if (!strong && !pos)
				pos = word_in(tok, k, pos_words, np) || word_inside(tok, k, pos_words, np);
			if (!strong && !weak)
				weak = word_in(tok, k, weak_neg, nw);
		}
		k = 0;
	}
	return always ? -3 : strong ? -2 : pos ? 1 : weak ? -1 : 0;
}

static int cached_hint(hint_cache *c, const char *v, size_t n)
{
	size_t k = ng_hash_fnv32(v, n) % HINT_CACHE;
	if (c->s[k] && c->n[k] == n && memcmp(c->s[k], v, n) == 0)
		return c->h[k];
	int h = word_hint(v, n, c->forum, c->product);
	c->s[k] = v;
	c->n[k] = n;
	c->h[k] = (int8_t)h;
	return h;
}

static int tag_hint(uint32_t tag)
{
	switch (tag) {
	case MyHTML_TAG_NAV: case MyHTML_TAG_FOOTER: return -3;
	case MyHTML_TAG_ASIDE: return -2;
	case MyHTML_TAG_HEADER: case MyHTML_TAG_FORM: case MyHTML_TAG_DIALOG: case MyHTML_TAG_MENU: return -1;
	case MyHTML_TAG_ARTICLE: case MyHTML_TAG_MAIN: return 2;
	default: return 0;
	}
}

static bool is_block_tag(uint32_t tag)
{
	switch (tag) {
	case MyHTML_TAG_A: case MyHTML_TAG_ABBR: case MyHTML_TAG_B: case MyHTML_TAG_BDI:
	case MyHTML_TAG_BDO: case MyHTML_TAG_CITE: case MyHTML_TAG_CODE:
	case MyHTML_TAG_DFN: case MyHTML_TAG_EM: case MyHTML_TAG_FONT: case MyHTML_TAG_I:
	case MyHTML_TAG_KBD: case MyHTML_TAG_MARK: case MyHTML_TAG_Q: case MyHTML_TAG_S:
	case MyHTML_TAG_SAMP: case MyHTML_TAG_SMALL: case MyHTML_TAG_SPAN: case MyHTML_TAG_STRONG:
	case MyHTML_TAG_SUB: case MyHTML_TAG_SUP: case MyHTML_TAG_TIME: case MyHTML_TAG_U:
	case MyHTML_TAG_VAR: case MyHTML_TAG_WBR: case MyHTML_TAG_BR: case MyHTML_TAG_IMG:
	case MyHTML_TAG_LABEL: case MyHTML_TAG_BIG: case MyHTML_TAG_TT: case MyHTML_TAG_STRIKE:
	case MyHTML_TAG_DEL: case MyHTML_TAG_INS: case MyHTML_TAG_NOBR: case MyHTML_TAG_RUBY:
	case MyHTML_TAG_RT: case MyHTML_TAG_RP: case MyHTML_TAG_SOURCE:
	case MyHTML_TAG__TEXT: case MyHTML_TAG__COMMENT:
		return false;
	default:
		return true;
	}
}

/* Elements never shown as text. */
static bool is_skip_tag(uint32_t tag)
{
	switch (tag) {
	case MyHTML_TAG_SCRIPT: case MyHTML_TAG_STYLE:
	case MyHTML_TAG_TEMPLATE: case MyHTML_TAG_SVG: case MyHTML_TAG_MATH: case MyHTML_TAG_IFRAME:
	case MyHTML_TAG_OBJECT: case MyHTML_TAG_EMBED: case MyHTML_TAG_CANVAS: case MyHTML_TAG_SELECT:
	case MyHTML_TAG_OPTION: case MyHTML_TAG_BUTTON: case MyHTML_TAG_INPUT: case MyHTML_TAG_TEXTAREA:
	case MyHTML_TAG_VIDEO: case MyHTML_TAG_AUDIO: case MyHTML_TAG_MAP:
	case MyHTML_TAG_TITLE: case MyHTML_TAG__COMMENT: case MyHTML_TAG__DOCTYPE:
		return true;
	default:
		return false;
	}
}

/* ---------------------------------------------------------------- attributes */

typedef struct attrs {
	const char *cls, *id, *role, *itemprop, *style, *rel, *href, *name, *property, *content,
		*datetime, *type, *lang, *http_equiv, *aria_hidden, *aria_modal;
	size_t cls_len, id_len;
	bool hidden;
} attrs;

static void read_attrs(myhtml_tree_node_t *node, attrs *at)
{
	memset(at, 0, sizeof *at);
	for (myhtml_tree_attr_t *x = myhtml_node_attribute_first(node); x; x = myhtml_attribute_next(x)) {
		size_t kl, vl;
		const char *k = myhtml_attribute_key(x, &kl);
		const char *v = myhtml_attribute_value(x, &vl);
		if (!k)
			continue;
		if (!v) {
			v = "";
			vl = 0;
		}
#define A(lit, field) else if (kl == sizeof(lit) - 1 && memcmp(k, lit, kl) == 0) at->field = v
		if (kl == 5 && memcmp(k, "class", 5) == 0) {
			at->cls = v;
			at->cls_len = vl;
		} else if (kl == 2 && memcmp(k, "id", 2) == 0) {
			at->id = v;
			at->id_len = vl;
		} else if (kl == 6 && memcmp(k, "hidden", 6) == 0) {
			at->hidden = true;
		}
		A("role", role); A("itemprop", itemprop); A("style", style); A("rel", rel);
		A("href", href); A("name", name); A("property", property); A("content", content);
		A("datetime", datetime); A("type", type); A("lang", lang); A("http-equiv", http_equiv);
		A("aria-hidden", aria_hidden); A("aria-modal", aria_modal);
#undef A
	}
}

static bool style_hidden(const char *s)
{
	if (!s)
		return false;
	for (const char *p = s; *p; p++) {
		if (strncasecmp(p, "display", 7) == 0 || strncasecmp(p, "visibility", 10) == 0) {
			const char *q = p + (tolower((unsigned char)*p) == 'd' ? 7 : 10);
			while (*q == ' ' || *q == ':')
				q++;
			if (strncasecmp(q, "none", 4) == 0 || strncasecmp(q, "hidden", 6) == 0)
				return true;
		}
	}
	return false;
}

/* True when lowercase `needle` occurs in s, ignoring ASCII case. */
static bool has_ci(const char *s, const char *needle)
{
	size_t k = strlen(needle);
	for (; *s; s++)
		if ((*s | 0x20) == needle[0] && strncasecmp(s, needle, k) == 0)
			return true;
	return false;
}

/* Collapsed parts of the page that a click shows: accordion and tab panels. */
static bool disclosure(const attrs *at)
{
	if (at->role && (!strcmp(at->role, "tabpanel") || !strcmp(at->role, "region")))
		return true;
	if (!at->cls)
		return false;
	static const char *const w[] = {"accordion", "collapse", "tab-pane", "tabpanel",
					"tab-content", "tabs__", "panel", "expand",
					"read-more", "readmore", "truncate"};
	for (size_t i = 0; i < sizeof w / sizeof *w; i++)
		if (has_ci(at->cls, w[i]))
			return true;
	return false;
}

/* An id made from text (a heading's anchor, "5-jump-skipping-rope") says
** nothing about the element's role. */
static bool slug_id(uint32_t tag, const attrs *at)
{
	if (tag >= MyHTML_TAG_H1 && tag <= MyHTML_TAG_H6)
		return true;
	int seps = 0;
	for (size_t i = 0; i < at->id_len; i++)
		seps += at->id[i] == '-' || at->id[i] == '_';
	return seps >= 3;
}

static int attr_hint(hint_cache *hc, uint32_t tag, const attrs *at)
{
	int h = tag_hint(tag);
	if (at->role) {
		if (!strcmp(at->role, "main") || !strcmp(at->role, "article"))
			h = 2;
		else if (!strcmp(at->role, "navigation") || !strcmp(at->role, "banner") ||
			 !strcmp(at->role, "contentinfo") || !strcmp(at->role, "complementary") ||
			 !strcmp(at->role, "search") || !strcmp(at->role, "dialog") ||
			 !strcmp(at->role, "menu") || !strcmp(at->role, "alertdialog"))
			h = -3;
	}
	if (at->itemprop && (strstr(at->itemprop, "articleBody") || strstr(at->itemprop, "text")))
		h = 3;
	if (h == 0 || h == 1) {
		int c = at->cls ? cached_hint(hc, at->cls, at->cls_len) : 0;
		int i = at->id && !slug_id(tag, at) ? word_hint(at->id, at->id_len, hc->forum, hc->product) : 0;
		int wh = (c < 0 || i < 0) ? (c < i ? c : i) : (c > 0 || i > 0) ? 1 : 0;
		if (wh)
			h = wh;
	}
	return h;
}

/* ---------------------------------------------------------------- walk */

/* Forum hosts and paths: forum.x, community.x, /forums/, /threads/, /t/ ... */
static bool forum_url(const char *u)
{
	if (!u)
		return false;
	const char *h = strstr(u, "://");
	h = h ? h + 3 : u;
	static const char *const hosts[] = {"forum.", "forums.", "community.", "discuss.",
					    "discussion.", "answers.", "boards."};
	for (size_t i = 0; i < sizeof hosts / sizeof *hosts; i++)
		if (!strncmp(h, hosts[i], strlen(hosts[i])))
			return true;
	const char *p = strchr(h, '/');
	if (!p)
		return false;
	static const char *const paths[] = {"/forum", "/thread", "/topic/", "/t/", "/d/", "/discussion",
					    "/community/", "/questions/", "/comments/", "/viewtopic",
					    "/showthread", "/board"};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
		if (strstr(p, paths[i]))
			return true;
	return false;
}

/* Product pages by URL path: /product/, /products/, /dp/ (Amazon), /itm/
** (eBay), /pdp/, /p/ */
static bool product_url(const char *u)
{
	if (!u)
		return false;
	const char *h = strstr(u, "://");
	h = h ? h + 3 : u;
	const char *p = strchr(h, '/');
	if (!p)
		return false;
	static const char *const paths[] = {"/product/", "/products/", "/dp/", "/itm/", "/pdp/", "/p/", "/item/"};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
		if (strstr(p, paths[i]))
			return true;
	return false;
}

static char *node_text_dup(walk *w, myhtml_tree_node_t *node)
{
	/* concatenated text of the direct text children (for <title>, <script>) */
	size_t total = 0;
	for (myhtml_tree_node_t *c = myhtml_node_child(node); c; c = myhtml_node_next(c)) {
		size_t l = 0;
		if (myhtml_node_tag_id(c) == MyHTML_TAG__TEXT && myhtml_node_text(c, &l))
			total += l;
	}
	if (total > (4u << 20))
		return NULL;
	char *s = ng_arena_alloc(w->a, total + 1);
	if (!s) {
		w->oom = true;
		return NULL;
	}
	size_t o = 0;
	for (myhtml_tree_node_t *c = myhtml_node_child(node); c; c = myhtml_node_next(c)) {
		size_t l = 0;
		const char *t;
		if (myhtml_node_tag_id(c) == MyHTML_TAG__TEXT && (t = myhtml_node_text(c, &l)) != NULL) {
			memcpy(s + o, t, l);
			o += l;
		}
	}
	s[o] = '\0';
	return s;
}

static const char *dup_str(walk *w, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	char *d = ng_arena_alloc(w->a, n + 1);
	if (!d) {
		w->oom = true;
		return NULL;
	}
	memcpy(d, s, n + 1);
	return d;
}

/* Metadata from head-like elements (wherever they appear). */
static void head_meta(walk *w, uint32_t tag, myhtml_tree_node_t *node, const attrs *at)
{
	ng_meta_cand *c = &w->cand;
	if (tag == MyHTML_TAG_TITLE) {
		if (!c->title_tag)
			c->title_tag = node_text_dup(w, node);
	} else if (tag == MyHTML_TAG_META) {
		const char *k = at->property ? at->property : at->name ? at->name : at->itemprop;
		if (k && at->content)
			ng_meta_tag(c, k, strlen(k), dup_str(w, at->content));
		if (at->http_equiv && !strcasecmp(at->http_equiv, "content-language") && at->content && !c->http_lang)
			c->http_lang = dup_str(w, at->content);
	} else if (tag == MyHTML_TAG_LINK) {
		if (at->rel && !strcasecmp(at->rel, "canonical") && at->href && !c->canonical)
			c->canonical = dup_str(w, at->href);
	} else if (tag == MyHTML_TAG_SCRIPT) {
		if (at->type && strstr(at->type, "ld+json")) {
			char *s = node_text_dup(w, node);
			if (s)
				ng_meta_jsonld_scan(w->a, s, strlen(s), c);
		}
	}
}

static bool new_el(walk *w, int32_t parent, uint32_t tag, int hint)
{
	if (ng_arena_grow_array(w->a, &w->els, &w->cap_els, w->n_els + 1, sizeof(el), 256, SIZE_MAX) !=
	    NG_OK) {
		w->oom = true;
		return false;
	}
	el *e = &w->els[w->n_els++];
	memset(e, 0, sizeof *e);
	e->parent = parent;
	e->tag = tag;
	e->hint = (int8_t)hint;
	e->first_block = e->end_block = (uint32_t)w->n_blocks;
	return true;
}

/* One open element on the walk's stack. */
typedef struct frame {
	myhtml_tree_node_t *node;
	int32_t el;          /* its element index, or -1 when inline */
	uint32_t tag;
	bool link, pre;
	int64_t capture;     /* text offset where a byline capture began, or -1 */
} frame;

static void walk_tree(walk *w, myhtml_tree_node_t *root, unsigned max_depth)
{
	frame *stack = ng_arena_alloc(w->a, (max_depth + 2) * sizeof(frame));
	if (!stack) {
		w->oom = true;
		return;
	}
	size_t sp = 0;
	int32_t cur_el = 0; /* the document element made by the caller */
	bool in_body = false;
	myhtml_tree_node_t *node = root;
	while (node && !w->oom) {
		uint32_t tag = (uint32_t)myhtml_node_tag_id(node);
		bool descend = false;
		if (++w->nodes > w->max_nodes) {
			w->over_budget = true;
			break;
		}
		if (tag == MyHTML_TAG__TEXT) {
			size_t l = 0;
			const char *t = myhtml_node_text(node, &l);
			if (t && l && in_body)
				put_text(w, t, l);
		} else if (tag == MyHTML_TAG__COMMENT || tag == MyHTML_TAG__DOCTYPE ||
			   tag == MyHTML_TAG__UNDEF) {
			/* nothing */
		} else {
			attrs at;
			read_attrs(node, &at);
			myhtml_namespace_t ns = myhtml_node_namespace(node);
			if (tag == MyHTML_TAG_HTML && at.lang && !w->cand.html_lang)
				w->cand.html_lang = dup_str(w, at.lang);
			if (tag == MyHTML_TAG_BODY && !in_body) {
				in_body = true;
				memset(&w->hints, 0, sizeof w->hints);
				w->hints.forum = (w->cand.page_kinds & NG_PAGE_FORUM) || forum_url(w->cand.base_url);
				w->hints.product = (w->cand.page_kinds & NG_PAGE_PRODUCT) != 0 ||
						   product_url(w->cand.base_url);
			}
			head_meta(w, tag, node, &at);
			if (tag == MyHTML_TAG_TIME && at.datetime) {
				bool pub = (at.itemprop && strstr(at.itemprop, "datePublished")) ||
					   (at.cls && (strstr(at.cls, "publish") || strstr(at.cls, "posted")));
				if (pub && !w->cand.time_pub)
					w->cand.time_pub = dup_str(w, at.datetime);
				if (!w->cand.time_any)
					w->cand.time_any = dup_str(w, at.datetime);
			}
			if (at.itemprop && at.content && tag != MyHTML_TAG_META &&
			    strstr(at.itemprop, "datePublished") && !w->cand.time_pub)
				w->cand.time_pub = dup_str(w, at.content);
			/* React streaming puts server-rendered parts in <div hidden
			** id="S:n"> that a script moves into place: they are shown */
			bool streamed = at.hidden && at.id && at.id[0] == 'S' && at.id[1] == ':';
			bool hidden = ((at.hidden && !streamed) || style_hidden(at.style)) && !disclosure(&at);
			/* dialogs (privacy policies, sign-up forms) are shown on demand */
			if ((at.aria_modal && !strcmp(at.aria_modal, "true")) ||
			    (at.role && (!strcmp(at.role, "dialog") || !strcmp(at.role, "alertdialog"))))
				hidden = true;
			if (tag == MyHTML_TAG_BR) {
				if (in_body)
					put_newline(w);
			} else if (tag == MyHTML_TAG_HR) {
				flush(w);
			} else if (is_skip_tag(tag) || hidden || ns == MyHTML_NAMESPACE_SVG ||
				   ns == MyHTML_NAMESPACE_MATHML) {
				/* not shown: skip the subtree */
			} else if (sp >= max_depth) {
				w->too_deep = true;
			} else if (myhtml_node_child(node)) {
				frame *f = &stack[sp++];
				f->node = node;
				f->tag = tag;
				f->el = -1;
				f->link = tag == MyHTML_TAG_A && at.href;
				f->pre = tag == MyHTML_TAG_PRE;
				f->capture = -1;
				if (f->link)
					w->link++;
				if (f->pre)
					w->pre++;
				if (is_block_tag(tag)) {
					flush(w);
					int hint = attr_hint(&w->hints, tag, &at);
					/* a <header> inside an <article> or <main> is that part's header */
					if (tag == MyHTML_TAG_HEADER && hint == tag_hint(tag))
						for (int32_t e = cur_el; e >= 0; e = w->els[e].parent)
							if (w->els[e].tag == MyHTML_TAG_ARTICLE ||
							    w->els[e].tag == MyHTML_TAG_MAIN) {
								hint = 0;
								break;
							}
					if (!new_el(w, cur_el, tag, hint))
						break;
					f->el = (int32_t)(w->n_els - 1);
					cur_el = f->el;
				}
				if (!w->cand.byline &&
				    ((at.rel && !strcmp(at.rel, "author")) ||
				     (at.itemprop && strstr(at.itemprop, "author")) ||
				     (at.cls && (strstr(at.cls, "byline") || strstr(at.cls, "author-name")))))
					f->capture = (int64_t)w->len;
				descend = true;
			}
		}
		/* next node: first child, else next sibling, else climb */
		if (descend) {
			node = myhtml_node_child(node);
			continue;
		}
		for (;;) {
			myhtml_tree_node_t *nx = myhtml_node_next(node);
			if (nx) {
				node = nx;
				break;
			}
			if (!sp) {
				node = NULL;
				break;
			}
			frame *f = &stack[--sp];
			if (f->capture >= 0 && !w->cand.byline && (size_t)f->capture <= w->len) {
				size_t n = w->len - (size_t)f->capture;
				if (n > 1 && n < 120) {
					char *s = ng_arena_alloc(w->a, n + 1);
					if (s) {
						memcpy(s, w->buf + f->capture, n);
						s[n] = '\0';
						for (size_t i = 0; i < n; i++)
							if (s[i] == '\0' || s[i] == '\n')
								s[i] = ' ';
						w->cand.byline = s;
					}
				}
			}
			if (f->link)
				w->link--;
			if (f->pre)
				w->pre--;
			if (f->el >= 0) {
				flush(w);
				w->els[f->el].end_block = (uint32_t)w->n_blocks;
				cur_el = w->els[f->el].parent;
			}
			node = f->node;
		}
	}
	flush(w);
	/* close whatever the node budget left open */
	while (sp) {
		frame *f = &stack[--sp];
		if (f->el >= 0)
			w->els[f->el].end_block = (uint32_t)w->n_blocks;
	}
}

/* ---------------------------------------------------------------- score */

static const char *block_text(const walk *w, const block *b)
{
	return w->buf + b->start;
}

/* Copies s[0..n) lowercased (ASCII) into dst, at most cap - 1 bytes, and
** NUL-terminates it; returns the length copied. */
static size_t lower_copy(char *dst, size_t cap, const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k < cap - 1; i++)
		dst[k++] = (char)tolower((unsigned char)s[i]);
	dst[k] = '\0';
	return k;
}

/* Short phrases that are furniture wherever they appear. */
static bool furniture_phrase(const char *s, size_t n)
{
	static const char *const ph[] = {
		"share", "share this", "share this article", "share on facebook", "tweet", "advertisement",
		"read more", "continue reading", "related articles", "related posts", "related",
		"back to top", "skip to content", "skip to main content", "sign up", "subscribe",
		"log in", "login", "print", "email", "comments", "leave a comment", "leave a reply",
		"you may also like", "recommended", "more from", "follow us", "previous", "next",
		"previous post", "next post", "advertisement - scroll to continue",
		"accept", "accept all", "cookie settings", "close", "menu", "search", "home",
		"loading", "table of contents", "click to expand", "add to cart", "privacy policy",
		"apply now", "you might also like", "contact us", "filters", "tags", "sale", "compare",
		"top rated"};
	if (n > 40)
		return false;
	char low[48];
	size_t k = lower_copy(low, sizeof low, s, n);
	while (k && (low[k - 1] == ':' || low[k - 1] == ' ' || low[k - 1] == '.'))
		k--;
	low[k] = '\0';
	for (size_t i = 0; i < sizeof ph / sizeof ph[0]; i++)
		if (!strcmp(low, ph[i]))
			return true;
	/* "5 min read" */
	size_t d = 0;
	while (d < k && isdigit((unsigned char)low[d]))
		d++;
	return d && (!strcmp(low + d, " min read") || !strcmp(low + d, "-min read") ||
		     !strcmp(low + d, " minute read"));
}

/* A notice that the page needs JavaScript ("Please enable JavaScript to view
** this form"): a short block naming JavaScript with enable, require,
** disabled or turn on. */
static bool js_notice(const walk *w, const block *b)
{
	if (b->words > 16 || b->len > 160)
		return false;
	char low[168];
	const char *s = block_text(w, b);
	for (uint32_t i = 0; i < b->len; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	low[b->len] = '\0';
	return strstr(low, "javascript") &&
	       (strstr(low, "enable") || strstr(low, "require") || strstr(low, "disabled") || strstr(low, "turn on"));
}

/* Scoring modes: an article values running text and discounts links; a
** page (listing, product, collection, service) lets link text count. */
enum { MODE_ARTICLE = 0, MODE_PAGE };
/* Tuned on WCXB dev (see docs/internals/extract.md). */
#define T_ALINK 0.6     /* article mode: a link character costs this much */
#define T_PLINK 0.8     /* page mode: a link character is worth this much */
#define T_ASHORT 15.0   /* article mode: cost of a short fragment without punctuation */
#define T_PSHORT 0.0
#define T_PROSE 2400.0  /* running text under the article container that makes a page an article */
#define T_PROSE_DECLARED 1600.0 /* the same for a page that declares an article (JSON-LD, og:type) */
#define T_LISTING 0.35  /* link share above which an article container is a listing */
#define T_MAIN 0.3      /* page mode: <main> is the container when it holds this share of the text */

static double block_value(const block *b, int mode)
{
	double chars = (double)b->len, link = (double)b->link_chars;
	double v = mode == MODE_ARTICLE ? (chars - link) - T_ALINK * link : (chars - link) + T_PLINK * link;
	if (b->kind == K_H || b->kind == K_H1 || b->kind == K_DT)
		v = 0.2 * v;
	if (b->words < 6 && b->stops == 0)
		v -= mode == MODE_ARTICLE ? T_ASHORT : T_PSHORT;
	v += 8.0 * (b->stops > 20 ? 20 : b->stops);
	return v;
}

/* Marks which boilerplate hints are effective: not on wrappers holding most
** of the page's text. Elements are in preorder, so parents come first. */
static void mark_neg(walk *w, uint32_t total_chars)
{
	for (size_t i = 0; i < w->n_els; i++) {
		el *e = &w->els[i];
		double ld = e->chars ? (double)e->link_chars / (double)e->chars : 0;
		/* a weak hint (header, aside, ...) needs link-heavy or scant text;
		** <nav> and <footer> count even when they hold most of the text */
		bool semantic = e->tag == MyHTML_TAG_NAV || e->tag == MyHTML_TAG_FOOTER;
		e->eff = e->hint < 0 && ((double)e->chars < 0.6 * (double)total_chars || semantic) &&
			 (e->hint <= -3 || (e->hint == -2 && (ld > 0.2 || e->prose < 800)) ||
			  ld > 0.35 || e->chars < 300);
		e->neg_in = e->eff || (e->parent >= 0 && w->els[e->parent].neg_in);
	}
}

/* True when an effective boilerplate element lies between block b and
** container c (c excluded). */
static bool neg_below(const walk *w, const block *b, int32_t c)
{
	for (int32_t e = b->el; e >= 0 && e != c; e = w->els[e].parent)
		if (w->els[e].eff)
			return true;
	return false;
}

/* True when a <nav> or <footer> that counts lies between block b and
** container c: what is dropped even when the other hints emptied the
** container. */
static bool nav_below(const walk *w, const block *b, int32_t c)
{
	for (int32_t e = b->el; e >= 0 && e != c; e = w->els[e].parent)
		if (w->els[e].eff && (w->els[e].tag == MyHTML_TAG_NAV || w->els[e].tag == MyHTML_TAG_FOOTER))
			return true;
	return false;
}

/* Character counts up the tree and effective hints; once per page. */
static void prepare(walk *w)
{
	uint32_t total = 0;
	for (size_t i = 0; i < w->n_blocks; i++) {
		block *b = &w->blocks[i];
		el *e = &w->els[b->el];
		total += b->len;
		e->chars += b->len;
		e->link_chars += b->link_chars;
		if (b->words >= 12 && b->stops >= 1 && b->link_chars * 4 < b->len)
			e->prose += b->len - b->link_chars;
	}
	for (size_t i = w->n_els; i-- > 1;) {
		el *e = &w->els[i];
		if (e->parent >= 0) {
			w->els[e->parent].chars += e->chars;
			w->els[e->parent].link_chars += e->link_chars;
			w->els[e->parent].prose += e->prose;
		}
	}
	mark_neg(w, total);
}

/* The element whose blocks are worth most in `mode`; *score gets its value. */
static int32_t choose(walk *w, int mode, double *score)
{
	for (size_t i = 0; i < w->n_els; i++)
		w->els[i].score = 0;
	for (size_t i = 0; i < w->n_blocks; i++) {
		block *b = &w->blocks[i];
		double v = block_value(b, mode);
		if (w->els[b->el].neg_in)
			v = -0.5 * (double)b->len - 10;
		w->els[b->el].score += v;
	}
	for (size_t i = w->n_els; i-- > 1;) {
		el *e = &w->els[i];
		if (e->parent >= 0)
			w->els[e->parent].score += e->score;
	}
	int32_t best = -1;
	double best_s = 0;
	for (size_t i = 0; i < w->n_els; i++) {
		el *e = &w->els[i];
		if (e->first_block == e->end_block)
			continue;
		double sc = e->score;
		if (e->hint > 0 && sc > 0)
			sc *= 1.0 + 0.15 * e->hint;
		/* preorder: on a tie the later, deeper element wins */
		if (best < 0 || sc >= best_s) {
			best = (int32_t)i;
			best_s = sc;
		}
	}
	*score = best_s;
	return best;
}

/* Running text under element c: characters of non-link text in blocks that
** read like sentences. */
static double prose_chars(const walk *w, int32_t c)
{
	double p = 0;
	if (c < 0)
		return 0;
	for (uint32_t i = w->els[c].first_block; i < w->els[c].end_block; i++) {
		const block *b = &w->blocks[i];
		if (b->words >= 12 && b->stops >= 1 && b->link_chars * 4 < b->len && !w->els[b->el].neg_in)
			p += b->len - b->link_chars;
	}
	return p;
}

/* Forum post furniture: a short line that is a number ("10.2k", "#4"), a
** date or time ("Posted March 19, 2024", "2 hours ago", "Edited May 22"), or
** a label of at most three words ("Joined", "Reaction score", "Member"). The
** post texts are sentences; these lines are the poster's card and the post's
** toolbar. */
static bool forum_furniture(const walk *w, const block *b)
{
	if (b->words > 8 || b->kind == K_H || b->kind == K_H1)
		return false;
	const char *s = block_text(w, b);
	bool digits_only = true;
	for (uint32_t i = 0; i < b->len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isalpha(c) && !(i > 0 && isdigit((unsigned char)s[i - 1]) && strchr("kKmM", c)))
			digits_only = false;
		if (c == 'a' && i + 3 <= b->len && strncmp(s + i, "ago", 3) == 0 &&
		    (i == 0 || s[i - 1] == ' ') && (i + 3 == b->len || !isalnum((unsigned char)s[i + 3])))
			return true;
		if (isdigit(c) && i + 4 <= b->len && (s[i] == '1' || s[i] == '2') &&
		    (!memcmp(s + i, "19", 2) || !memcmp(s + i, "20", 2)) && isdigit((unsigned char)s[i + 2]) &&
		    isdigit((unsigned char)s[i + 3]) && (i == 0 || !isalnum((unsigned char)s[i - 1])) &&
		    (i + 4 == b->len || !isalnum((unsigned char)s[i + 4])))
			return true;
	}
	if (digits_only)
		return true;
	if (!strncasecmp(s, "posted", 6) || !strncasecmp(s, "edited", 6) || !strncasecmp(s, "last edited", 11))
		return true;
	return b->words <= 3 && b->stops == 0;
}

/* Headings that open a section of links to other pages: related articles,
** recommendations, other products. Matched on the lowercased start. */
static bool related_heading(const char *s, size_t n)
{
	static const char *const ph[] = {
		"related", "you may also", "you might also", "you may like", "you might like",
		"you'll also like", "customers also", "customers who", "people also", "people who viewed",
		"recently viewed", "similar items", "similar products", "more like this", "more from",
		"more stories", "more articles", "more to explore", "frequently bought", "popular posts",
		"popular articles", "most popular", "read next", "trending", "recommended for you",
		"recommended posts", "recommended stories", "recommended articles", "recommended reading",
		"recommended products", "also viewed", "complete the look", "shop similar", "sponsored"};
	if (n > 60)
		return false;
	char low[64];
	size_t k = lower_copy(low, sizeof low, s, n);
	for (size_t i = 0; i < sizeof ph / sizeof *ph; i++) {
		size_t l = strlen(ph[i]);
		if (k >= l && memcmp(low, ph[i], l) == 0 && (k == l || !isalnum((unsigned char)low[l])))
			return true;
	}
	return false;
}

/* Marks the sections that a related_heading() opens: the largest element
** below the container that starts with the heading. */
static void cut_sections(walk *w, int32_t c)
{
	const el *ce = &w->els[c];
	for (uint32_t i = ce->first_block; i < ce->end_block; i++) {
		block *b = &w->blocks[i];
		if (b->cut || b->words > 8 || b->stops > 1 ||
		    !related_heading(block_text(w, b), b->len))
			continue;
		int32_t e = b->el;
		while (w->els[e].parent >= 0 && w->els[e].parent != c &&
		       w->els[w->els[e].parent].first_block == i)
			e = w->els[e].parent;
		if (e == b->el)
			continue; /* a heading alone, not opening a section */
		if (w->h1_block >= w->els[e].first_block && w->h1_block < w->els[e].end_block)
			continue; /* the product itself */
		for (uint32_t j = i; j < w->els[e].end_block; j++)
			w->blocks[j].cut = true;
	}
}

/* ---------------------------------------------------------------- emit */

static bool same_text_ci(const char *a, size_t an, const char *b)
{
	size_t bn = strlen(b);
	return an == bn && strncasecmp(a, b, an) == 0;
}

/* Case-insensitive FNV-1a of a block's text. */
static uint32_t block_hash(const walk *w, const block *b)
{
	const char *s = block_text(w, b);
	uint32_t h = 2166136261u;
	for (uint32_t i = 0; i < b->len; i++)
		h = (h ^ (unsigned char)tolower((unsigned char)s[i])) * 16777619u;
	return h;
}

/* True when a block with the same text (ignoring case) was emitted before;
** else records it. `seen` holds block indexes + 1, `mask` + 1 slots. */
static bool seen_before(const walk *w, uint32_t *seen, size_t mask, uint32_t i)
{
	const block *b = &w->blocks[i];
	for (size_t k = block_hash(w, b) & mask;; k = (k + 1) & mask) {
		if (!seen[k]) {
			seen[k] = i + 1;
			return false;
		}
		const block *o = &w->blocks[seen[k] - 1];
		if (o->len == b->len && strncasecmp(block_text(w, o), block_text(w, b), b->len) == 0)
			return true;
	}
}

/* Emits container c's blocks; `hints`: 2 drops blocks under any boilerplate
** hint that counts, 1 only under <nav> and <footer>, 0 none. */
static ng_status emit(walk *w, int32_t c, int mode, int hints, const char *title, ng_html_result *out)
{
	size_t need = 1;
	for (size_t i = 0; i < w->n_blocks; i++)
		need += w->blocks[i].len + 2;
	char *t = ng_arena_alloc(w->a, need);
	if (!t)
		return NG_ELIMIT;
	size_t o = 0;
	if (c >= 0) {
		const el *ce = &w->els[c];
		double cl = ce->chars ? (double)ce->link_chars / (double)ce->chars : 0;
		bool listing = mode == MODE_PAGE || cl > T_LISTING;
		bool title_dropped = false;
		bool forum = w->hints.forum && !(w->cand.page_kinds & NG_PAGE_ARTICLE);
		uint32_t from = ce->first_block;
		/* on a page that is not an article, what comes before the <h1> is
		** the site's header */
		if (mode == MODE_PAGE)
			for (uint32_t i = ce->first_block; i < ce->end_block; i++)
				if (w->blocks[i].kind == K_H1) {
					from = i;
					break;
				}
		size_t slots = 64;
		while (slots < 2 * (size_t)(ce->end_block - ce->first_block))
			slots *= 2;
		uint32_t *seen = ng_arena_alloc(w->a, slots * sizeof *seen);
		if (!seen)
			return NG_ELIMIT;
		memset(seen, 0, slots * sizeof *seen);
		for (uint32_t i = from; i < ce->end_block; i++) {
			const block *b = &w->blocks[i];
			const char *s = block_text(w, b);
			if ((hints == 2 && neg_below(w, b, c)) || (hints == 1 && nav_below(w, b, c)))
				continue;
			if (b->cut)
				continue;
			if (forum && forum_furniture(w, b))
				continue;
			double lr = b->len ? (double)b->link_chars / (double)b->len : 0;
			if (!listing && lr > 0.5 && b->kind != K_H)
				continue;
			if (furniture_phrase(s, b->len) || js_notice(w, b))
				continue;
			/* a dateline alone ("4 March 2026") is metadata in an article */
			if ((mode == MODE_ARTICLE || (w->cand.page_kinds & NG_PAGE_ARTICLE)) && !w->hints.forum &&
			    b->len < 48 && b->words <= 7 &&
			    ng_meta_date_iso(w->a, s, false))
				continue;
			if (!title_dropped && title && (b->kind == K_H1 || b->kind == K_H) &&
			    same_text_ci(s, b->len, title)) {
				title_dropped = true;
				continue;
			}
			/* the same text again: a copy for another screen size, a quote */
			if (b->kind != K_PRE && b->kind != K_CELL && b->len >= 5 &&
			    seen_before(w, seen, slots - 1, i))
				continue;
			if (o)
				t[o++] = '\n', t[o++] = '\n';
			memcpy(t + o, s, b->len);
			o += b->len;
		}
	}
	t[o] = '\0';
	out->text = t;
	out->text_len = o;
	return NG_OK;
}

/* ---------------------------------------------------------------- entry */

/* UTF-16 (LE or BE) to UTF-8 in the arena; unpaired surrogates and a last
** odd byte become U+FFFD. modest's own UTF-16 path crashes on some short
** inputs (found by fuzzing), so UTF-16 pages are parsed as UTF-8. */
static char *utf16_to_utf8(ng_arena *a, const unsigned char *s, size_t n, bool le, size_t *out_len)
{
	if (n > ((size_t)-1) / 2 - 8)
		return NULL;
	char *o = ng_arena_alloc(a, n / 2 * 3 + 8);
	if (!o)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i + 1 < n; i += 2) {
		int32_t u = le ? (s[i] | s[i + 1] << 8) : (s[i] << 8 | s[i + 1]);
		if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
			int32_t l = le ? (s[i + 2] | s[i + 3] << 8) : (s[i + 2] << 8 | s[i + 3]);
			if (l >= 0xDC00 && l <= 0xDFFF) {
				u = 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00);
				i += 2;
			}
		}
		if (u >= 0xD800 && u <= 0xDFFF)
			u = 0xFFFD;
		k += ng_utf8_encode(u, o + k);
	}
	if (n % 2)
		k += ng_utf8_encode(0xFFFD, o + k);
	o[k] = '\0';
	*out_len = k;
	return o;
}

/* Elements that never stay open: void elements and those the parser
** closes by itself when a sibling starts. */
static bool never_nests(const char *t, size_t n)
{
	if (n == 0 || n > 6)
		return false;
	char lo[8];
	for (size_t i = 0; i < n; i++)
		lo[i] = (char)(t[i] | 0x20);
	lo[n] = '\0';
	switch (n) {
	case 1: return lo[0] == 'p';
	case 2: return !strcmp(lo, "br") || !strcmp(lo, "hr") || !strcmp(lo, "li") || !strcmp(lo, "dt") ||
		       !strcmp(lo, "dd") || !strcmp(lo, "tr") || !strcmp(lo, "td") || !strcmp(lo, "th");
	case 3: return !strcmp(lo, "img") || !strcmp(lo, "col") || !strcmp(lo, "wbr");
	case 4: return !strcmp(lo, "meta") || !strcmp(lo, "link") || !strcmp(lo, "area") ||
		       !strcmp(lo, "base");
	case 5: return !strcmp(lo, "input") || !strcmp(lo, "embed") || !strcmp(lo, "track") ||
		       !strcmp(lo, "param");
	case 6: return !strcmp(lo, "source") || !strcmp(lo, "option") || !strcmp(lo, "keygen");
	}
	return false;
}

/* Finds `needle` (lowercase ASCII) in p[0..n) ignoring case. */
static const char *find_ci(const char *p, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	const char *end = p + n;
	while (n >= k) {
		const char *q = memchr(p, '<', n);
		if (!q || (size_t)(end - q) < k)
			return NULL;
		if (strncasecmp(q, needle, k) == 0)
			return q;
		n = (size_t)(end - q - 1);
		p = q + 1;
	}
	return NULL;
}

/* Where the page is cut: at the byte cap, at the max_tags-th tag, and where
** the parser's work would explode. modest checks the stack of open elements
** for each tag, so its cost grows with the sum of nesting depths; a prescan
** estimates that sum (skipping comments and script/style text) and cuts
** the page once it passes NESTING_BUDGET. */
#define NESTING_BUDGET 40000000ull
static size_t cut_page(const char *p, size_t n, const ng_html_limits *lim, bool *cut, bool *deep,
		       bool *mem)
{
	*cut = *deep = *mem = false;
	if (n > lim->max_bytes) {
		n = lim->max_bytes;
		*cut = true;
	}
	size_t tags = 0, depth = 0;
	unsigned long long cost = 0;
	const char *q = p, *end = p + n;
	while ((q = memchr(q, '<', (size_t)(end - q))) != NULL) {
		if (++tags > lim->max_tags) {
			*cut = true;
			return (size_t)(q - p);
		}
		if ((size_t)(q - p) / 64 * PARSE_BYTE_COST + tags * (PARSE_TAG_COST / 64) >
		    lim->max_parse_mem / 64) {
			*cut = *mem = true;
			return (size_t)(q - p);
		}
		const char *t = q + 1;
		if (t < end && *t == '/') {
			if (depth)
				depth--;
		} else if (t < end && ((*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z'))) {
			size_t l = 0;
			while (t + l < end && l < 16 && (isalnum((unsigned char)t[l]) || t[l] == '-'))
				l++;
			const char *raw = NULL;
			if (l == 6 && strncasecmp(t, "script", 6) == 0)
				raw = "</script";
			else if (l == 5 && strncasecmp(t, "style", 5) == 0)
				raw = "</style";
			else if (l == 8 && strncasecmp(t, "textarea", 8) == 0)
				raw = "</textarea";
			if (raw) {
				const char *e = find_ci(t, (size_t)(end - t), raw);
				q = e ? e : end;
				if (!e)
					break;
				continue;
			}
			if (!never_nests(t, l)) {
				const char *gt = memchr(t, '>', (size_t)(end - t));
				if (!(gt && gt > t && gt[-1] == '/'))
					depth++;
			}
			cost += depth;
			if (cost > NESTING_BUDGET) {
				*cut = *deep = true;
				return (size_t)(q - p);
			}
		} else if (end - t >= 3 && memcmp(t, "!--", 3) == 0) {
			const char *e = t + 3;
			while (e < end && (e = memchr(e, '>', (size_t)(end - e))) != NULL) {
				if (e - t >= 5 && e[-1] == '-' && e[-2] == '-')
					break;
				e++;
			}
			if (!e || e >= end)
				break;
			q = e;
		}
		q++;
	}
	/* the text after the last tag */
	size_t tag_mem = tags * PARSE_TAG_COST;
	if (n / 64 * PARSE_BYTE_COST + tag_mem / 64 > lim->max_parse_mem / 64) {
		size_t fit = tag_mem < lim->max_parse_mem ? (lim->max_parse_mem - tag_mem) / PARSE_BYTE_COST
							  : 0;
		if (fit < n) {
			*cut = *mem = true;
			n = fit;
		}
	}
	return n;
}

ng_status ng_html_extract(ng_doc *doc, const char *content_type, const ng_html_limits *lim_in,
			  ng_html_result *out)
{
	ng_html_limits lim = lim_in ? *lim_in : ng_html_limits_default();
	memset(out, 0, sizeof *out);
	const char *page = doc->raw ? doc->raw : "";
	size_t n = doc->raw ? doc->raw_len : 0;
	ng_charset cs = ng_charset_sniff(page, n, content_type);
	out->charset = cs.name;
	if (cs.source == NG_CHARSET_UTF8_OVER_DECLARED &&
	    ng_doc_add_error(doc, NG_EPARSE, -1, "extract",
			     "html: the page declares charset %s but its bytes are UTF-8; read as UTF-8",
			     cs.declared) == NG_ENOMEM)
		return NG_ENOMEM;
	page += cs.bom_len;
	n -= cs.bom_len;
	if (cs.encoding == MyENCODING_UTF_16LE || cs.encoding == MyENCODING_UTF_16BE) {
		page = utf16_to_utf8(doc->arena, (const unsigned char *)page, n,
				     cs.encoding == MyENCODING_UTF_16LE, &n);
		if (!page)
			return NG_ELIMIT;
		cs.encoding = MyENCODING_UTF_8;
		cs.bom_len = 0;
	}
	bool cut, deep, mem;
	size_t orig = n;
	n = cut_page(page, n, &lim, &cut, &deep, &mem);
	ng_status st;
	if (cut && mem) {
		st = ng_doc_add_error(doc, NG_ELIMIT, (int64_t)(n + cs.bom_len), "extract",
				      "html: page cut at byte %zu of %zu (its tree would not fit the "
				      "parser's memory budget of %zu MB)",
				      n + cs.bom_len, orig + cs.bom_len, lim.max_parse_mem >> 20);
	} else if (cut) {
		st = ng_doc_add_error(doc, NG_ELIMIT, (int64_t)(n + cs.bom_len), "extract",
				      "html: page cut at byte %zu of %zu (%s; limits: %zu bytes, %zu tags)",
				      n + cs.bom_len, orig + cs.bom_len,
				      deep ? "elements nested too deeply for the parser" : "too large",
				      lim.max_bytes, lim.max_tags);
	}
	if (cut) {
		if (st == NG_ENOMEM)
			return st;
	}

	myhtml_t *mh = myhtml_create();
	if (!mh)
		return NG_ENOMEM;
	if (myhtml_init(mh, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0) != MyHTML_STATUS_OK) {
		myhtml_destroy(mh);
		return NG_ENOMEM;
	}
	myhtml_tree_t *tree = myhtml_tree_create();
	if (!tree || myhtml_tree_init(tree, mh) != MyHTML_STATUS_OK) {
		myhtml_tree_destroy(tree);
		myhtml_destroy(mh);
		return NG_ENOMEM;
	}
	myhtml_tree_parse_flags_set(tree, MyHTML_TREE_PARSE_FLAGS_WITHOUT_DOCTYPE_IN_TREE);
	/* myhtml reads an empty buffer as an error: give it an empty document */
	mystatus_t ps = myhtml_parse(tree, (myencoding_t)cs.encoding, n ? page : " ", n ? n : 1);
	if (ps != MyHTML_STATUS_OK) {
		myhtml_tree_destroy(tree);
		myhtml_destroy(mh);
		st = ng_doc_add_error(doc, NG_EPARSE, -1, "extract", "html: the parser failed (status %u)",
				      (unsigned)ps);
		return st ? st : NG_EPARSE;
	}

	walk w;
	memset(&w, 0, sizeof w);
	w.doc = doc;
	w.a = doc->arena;
	w.max_nodes = lim.max_nodes;
	w.cand.base_url = doc->source_url;
	/* the root element: the document (its children are <html>) */
	if (!new_el(&w, -1, MyHTML_TAG_HTML, 0)) {
		myhtml_tree_destroy(tree);
		myhtml_destroy(mh);
		return NG_ELIMIT;
	}
	myhtml_tree_node_t *root = myhtml_tree_get_document(tree);
	if (root)
		walk_tree(&w, myhtml_node_child(root), lim.max_depth);
	w.els[0].end_block = (uint32_t)w.n_blocks;
	myhtml_tree_destroy(tree);
	myhtml_destroy(mh);
	if (w.oom)
		return NG_ELIMIT;

	/* blocks' owners: the innermost element whose range holds them */
	for (size_t i = 0; i < w.n_els; i++)
		for (uint32_t b = w.els[i].first_block; b < w.els[i].end_block && b < w.n_blocks; b++)
			w.blocks[b].el = (int32_t)i; /* later (deeper) elements overwrite */
	for (size_t b = 0; b < w.n_blocks; b++)
		w.blocks[b].kind = kind_of(w.els[w.blocks[b].el].tag);
	/* the first h1 */
	w.h1_block = UINT32_MAX;
	for (size_t b = 0; b < w.n_blocks && !w.cand.h1; b++)
		if (w.blocks[b].kind == K_H1) {
			w.cand.h1 = block_text(&w, &w.blocks[b]);
			w.h1_block = (uint32_t)b;
		}

	prepare(&w);
	double sa;
	int mode = MODE_ARTICLE;
	int32_t c = choose(&w, MODE_ARTICLE, &sa);
	/* a page that declares itself an article needs less running text */
	double need = T_PROSE;
	unsigned pk = w.cand.page_kinds;
	if ((pk & NG_PAGE_ARTICLE) && !(pk & (NG_PAGE_PRODUCT | NG_PAGE_COLLECTION)))
		need = T_PROSE_DECLARED;
	if (prose_chars(&w, c) < need) {
		/* a page that is not an article: the whole page (or its <main>,
		** role=main, itemprop=articleBody) less its boilerplate */
		mode = MODE_PAGE;
		c = 0;
		for (size_t i = 1; i < w.n_els; i++)
			if ((w.els[i].tag == MyHTML_TAG_MAIN ||
			     (w.els[i].hint >= 2 && w.els[i].tag != MyHTML_TAG_ARTICLE)) &&
			    w.els[i].chars > T_MAIN * w.els[0].chars) {
				c = (int32_t)i;
				break;
			}
	}
	if (c >= 0) {
		/* a dateline: the first date in a short block just before or at
		** the top of the content */
		uint32_t fb = w.els[c].first_block;
		uint32_t from = fb > 25 ? fb - 25 : 0;
		for (uint32_t b = from; b < fb + 5 && b < w.n_blocks && !w.cand.dateline; b++)
			if (w.blocks[b].len < 120 &&
			    ng_meta_date_iso(w.a, block_text(&w, &w.blocks[b]), true))
				w.cand.dateline = block_text(&w, &w.blocks[b]);
	}
	ng_meta_result m;
	ng_meta_resolve(w.a, &w.cand, &m);
	out->title = m.title;
	out->author = m.author;
	out->date = m.date;
	out->site = m.site;
	out->lang = m.lang;
	out->url = m.url;
	if (c >= 0 && w.hints.product)
		cut_sections(&w, c);
	st = emit(&w, c, mode, 2, m.title, out);
	if (st)
		return st;
	/* boilerplate hints that emptied a sizeable container were wrong (but
	** for <nav> and <footer>, unless one holds the <h1>: markup left open) */
	for (int h = 1; h >= 0; h--)
		if (c >= 0 && out->text_len * 10 < w.els[c].chars && w.els[c].chars > 500 &&
		    (h == 1 || (w.h1_block < w.n_blocks && nav_below(&w, &w.blocks[w.h1_block], c)))) {
			st = emit(&w, c, mode, h, m.title, out);
			if (st)
				return st;
		}
	if (w.too_deep) {
		st = ng_doc_add_error(doc, NG_ELIMIT, -1, "extract",
				      "html: elements nested deeper than %u were skipped", lim.max_depth);
		if (st == NG_ENOMEM)
			return st;
	}
	if (w.over_budget) {
		st = ng_doc_add_error(doc, NG_ELIMIT, -1, "extract",
				      "html: more than %zu nodes; the rest of the page was dropped",
				      lim.max_nodes);
		if (st == NG_ENOMEM)
			return st;
	}
	return NG_OK;
}
