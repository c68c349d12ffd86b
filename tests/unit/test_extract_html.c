/*
** test_extract_html.c -- the extract stage on HTML and crawled text: main
** content and boilerplate, metadata sources and their order, date
** normalization, JSON-LD, charset sniffing, crawled-text furniture, the
** seed article, and malformed or hostile pages (truncated, deeply nested,
** over the caps, binary garbage, wrong charset) that must give clear errors
** or sane output and never crash.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "core/core.h"
#include "stage/extract/charset.h"
#include "stage/extract/furniture.h"
#include "stage/extract/html.h"
#include "stage/extract/meta.h"

/* Runs the extract stage on one record; returns the stage's status. */
static ng_status run(ng_doc *doc, const char *raw, size_t n, ng_raw_kind kind)
{
	char err[256];
	ng_config cfg = {.stages = "extract"};
	ng_engine *eng = ng_engine_create(&cfg, err, sizeof err);
	assert_non_null(eng);
	ng_doc_reset(doc);
	doc->id = "t";
	doc->raw = raw;
	doc->raw_len = n;
	doc->raw_kind = kind;
	doc->assigned = NG_F_RAW;
	ng_status st = ng_engine_annotate(eng, doc);
	ng_engine_destroy(eng);
	if (st == NG_OK)
		assert_true(ng_utf8_valid(doc->text, doc->text_len));
	return st;
}

static ng_status run_html(ng_doc *doc, const char *html)
{
	return run(doc, html, strlen(html), NG_RAW_HTML);
}

static bool has_error(const ng_doc *doc, const char *part)
{
	for (size_t i = 0; i < doc->n_errors; i++)
		if (strstr(doc->errors[i].message, part))
			return true;
	return false;
}

static const char *PARA1 = "The council approved the new budget on Monday after a long debate about "
			   "public transport, schools and the cost of repairing the old bridge.";
static const char *PARA2 = "Opposition members said the plan cuts bus subsidies too deeply, while the "
			   "mayor called it a responsible compromise for a difficult year.";

static void test_main_content(void **state)
{
	(void)state;
	char html[8192];
	snprintf(html, sizeof html,
		 "<html><head><title>Budget passes | Kellport News</title></head><body>"
		 "<nav><a href=/>Home</a> <a href=/a>Politics</a> <a href=/b>Sport</a></nav>"
		 "<div class=content><h1>Budget passes</h1><p>%s</p><p>%s</p>"
		 "<div class=share><a href=#>Share</a><a href=#>Tweet</a></div></div>"
		 "<div class=comments><p>I think this is a terrible decision for everybody who rides the bus, "
		 "and the council should be ashamed of what it did today.</p></div>"
		 "<footer>Copyright Kellport News. All rights reserved.</footer></body></html>",
		 PARA1, PARA2);
	ng_doc *doc = ng_doc_create(0);
	assert_int_equal(run_html(doc, html), NG_OK);
	char want[1024];
	snprintf(want, sizeof want, "%s\n\n%s", PARA1, PARA2);
	assert_string_equal(doc->text, want);
	assert_string_equal(doc->title, "Budget passes");
	ng_doc_destroy(doc);
}

static void test_blocks_not_glued(void **state)
{
	(void)state;
	ng_doc *doc = ng_doc_create(0);
	char html[4096];
	snprintf(html, sizeof html,
		 "<article><p>%s</p><ul><li>first item</li><li>second item</li></ul>"
		 "<table><tr><td>cell one</td><td>cell two</td></tr></table><p>%s<br>next line</p></article>",
		 PARA1, PARA2);
	assert_int_equal(run_html(doc, html), NG_OK);
	assert_non_null(strstr(doc->text, "first item\n\nsecond item"));
	assert_non_null(strstr(doc->text, "cell one\n\ncell two"));
	assert_non_null(strstr(doc->text, "year.\nnext line"));
	/* entities decoded, inline elements do not split words */
	assert_int_equal(run_html(doc, "<article><p>Caf&eacute; <b>bo</b>ld &amp; &#x263A; text that is long "
				       "enough to count as a paragraph of the article, with commas, and a stop.</p>"
				       "</article>"),
			 NG_OK);
	assert_non_null(strstr(doc->text, "Café bold & \xE2\x98\xBA text"));
	ng_doc_destroy(doc);
}

static void test_metadata_order(void **state)
{
	(void)state;
	ng_doc *doc = ng_doc_create(0);
	char html[8192];
	/* JSON-LD wins over OpenGraph and meta; published wins over modified */
	snprintf(html, sizeof html,
		 "<html lang=fr_ca><head><title>T | Site</title>"
		 "<meta property=og:site_name content='La Gazette'>"
		 "<meta name=author content='Meta Author'>"
		 "<meta property=article:modified_time content=2025-01-02>"
		 "<link rel=canonical href='https://gazette.example/a/1'>"
		 "<script type='application/ld+json'>[{\"@type\":\"BreadcrumbList\",\"name\":\"x\"},"
		 "{\"@type\":[\"NewsArticle\"],\"headline\":\"Le titre \\u00e9crit\","
		 "\"dateModified\":\"2025-01-03\",\"datePublished\":\"2024-12-31T23:05:00Z\","
		 "\"author\":{\"@type\":\"Person\",\"name\":\"Ana Lima\"}}]</script></head>"
		 "<body><h1>Le titre \xC3\xA9" "crit</h1><p>%s</p><p>%s</p></body></html>",
		 PARA1, PARA2);
	assert_int_equal(run_html(doc, html), NG_OK);
	assert_string_equal(doc->title, "Le titre écrit");
	assert_string_equal(doc->author, "Ana Lima");
	assert_string_equal(doc->date, "2024-12-31T23:05:00Z");
	assert_string_equal(doc->site, "La Gazette");
	assert_string_equal(doc->lang, "fr-CA");
	assert_string_equal(doc->source_url, "https://gazette.example/a/1");
	/* the headline is not repeated in the text */
	assert_null(strstr(doc->text, "Le titre"));

	/* without JSON-LD: OpenGraph, then <time>, then the URL */
	snprintf(html, sizeof html,
		 "<head><meta property='og:title' content='Storm closes road - Coast Daily'>"
		 "<meta property=og:site_name content='Coast Daily'></head>"
		 "<body><p class=byline>By Jo Park | Staff writer</p>"
		 "<time datetime='2023-07-09'>9 July</time><p>%s</p><p>%s</p></body>",
		 PARA1, PARA2);
	assert_int_equal(run_html(doc, html), NG_OK);
	assert_string_equal(doc->title, "Storm closes road");
	assert_string_equal(doc->author, "Jo Park");
	assert_string_equal(doc->date, "2023-07-09");
	ng_doc_destroy(doc);
}

static void test_dates(void **state)
{
	(void)state;
	ng_arena *a = ng_arena_create(4096, 0);
	assert_string_equal(ng_meta_date_iso(a, "2025-09-04T10:00:00+0200", false), "2025-09-04T10:00:00+02:00");
	assert_string_equal(ng_meta_date_iso(a, "2025-09-04 10:00", false), "2025-09-04T10:00:00");
	assert_string_equal(ng_meta_date_iso(a, "2025-09-04T10:00:00.123Z", false), "2025-09-04T10:00:00Z");
	assert_string_equal(ng_meta_date_iso(a, "September 4, 2025", false), "2025-09-04");
	assert_string_equal(ng_meta_date_iso(a, "Thursday, Sept. 4th, 2025", false), "2025-09-04");
	assert_string_equal(ng_meta_date_iso(a, "4 Sep 2025", false), "2025-09-04");
	assert_string_equal(ng_meta_date_iso(a, "2025/09/04", false), "2025-09-04");
	assert_string_equal(ng_meta_date_iso(a, "20250904", false), "2025-09-04");
	assert_string_equal(ng_meta_date_iso(a, "Posted on March 3, 2024 by admin", true), "2024-03-03");
	assert_null(ng_meta_date_iso(a, "Posted on March 3, 2024", false));
	assert_null(ng_meta_date_iso(a, "2025-13-01", false));
	assert_null(ng_meta_date_iso(a, "1850-01-01", false));
	assert_null(ng_meta_date_iso(a, "tomorrow", true));
	assert_null(ng_meta_date_iso(a, NULL, true));
	assert_string_equal(ng_meta_date_from_url(a, "https://x.example/2024/03/05/story"), "2024-03-05");
	assert_string_equal(ng_meta_date_from_url(a, "https://x.example/news/2024-03-05-story"), "2024-03-05");
	assert_null(ng_meta_date_from_url(a, "https://x.example/2024/story"));
	ng_arena_destroy(a);
}

static void test_jsonld_malformed(void **state)
{
	(void)state;
	ng_arena *a = ng_arena_create(4096, 0);
	const char *bad[] = {"", "{", "{\"headline\":", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
			     "{\"@type\":\"Article\",\"headline\":\"ok\",\"x\":[1,2,{\"y\":\"\\ud800\"}],",
			     "{\"a\":\"\\u12\"}", "not json", "[}]", "{\"a\":[}]}", "{\"a\":[:]}", "<!-- {\"@type\":\"Article\",\"headline\":\"c\"} -->"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		ng_meta_cand c;
		memset(&c, 0, sizeof c);
		ng_meta_jsonld_scan(a, bad[i], strlen(bad[i]), &c);
	}
	ng_meta_cand c;
	memset(&c, 0, sizeof c);
	const char *ok = "<!-- {\"@type\":\"BlogPosting\",\"headline\":\"Commented\",\"author\":[\"A B\",\"C D\"]} -->";
	ng_meta_jsonld_scan(a, ok, strlen(ok), &c);
	assert_string_equal(c.ld_article.title, "Commented");
	assert_string_equal(c.ld_article.author, "A B, C D");
	ng_arena_destroy(a);
}

static void test_charset(void **state)
{
	(void)state;
	ng_charset cs = ng_charset_sniff("\xEF\xBB\xBF<p>x", 7, "text/html; charset=iso-8859-1");
	assert_int_equal(cs.source, NG_CHARSET_BOM);
	assert_int_equal(cs.bom_len, 3);
	cs = ng_charset_sniff("<p>caf\xE9", 7, "text/html; charset=ISO-8859-1");
	assert_int_equal(cs.source, NG_CHARSET_HTTP);
	assert_int_equal(strcasecmp(cs.name, "windows-1252"), 0); /* the WHATWG label mapping */
	const char *m = "<meta charset=\"koi8-r\"><p>x";
	cs = ng_charset_sniff(m, strlen(m), NULL);
	assert_int_equal(cs.source, NG_CHARSET_META);
	assert_int_equal(strcasecmp(cs.name, "koi8-r"), 0);
	cs = ng_charset_sniff("<p>caf\xC3\xA9", 8, NULL);
	assert_int_equal(cs.source, NG_CHARSET_UTF8_VALID);
	cs = ng_charset_sniff("<p>caf\xE9 na\xEFve", 14, NULL);
	assert_true(cs.source == NG_CHARSET_DEFAULT || cs.source == NG_CHARSET_DETECTED);

	/* the whole stage: a Latin-1 page without any declaration is decoded, not mangled */
	ng_doc *doc = ng_doc_create(0);
	char html[2048];
	snprintf(html, sizeof html, "<article><p>Le caf\xE9 de la gare ouvre \xE0 six heures, dit le "
				    "ma\xEEtre des lieux, et ferme tard le soir, m\xEAme le dimanche.</p></article>");
	assert_int_equal(run_html(doc, html), NG_OK);
	assert_non_null(strstr(doc->text, "café de la gare ouvre à six heures"));
	/* UTF-16 with a byte-order mark, and a cut last code unit */
	{
		const char *u8 = "<article><p>Caf\xC3\xA9 \xF0\x9F\x98\x80 in UTF-16, a sentence with commas, "
				 "and a stop.</p></article>";
		unsigned char u16[512];
		size_t k = 0;
		u16[k++] = 0xFF;
		u16[k++] = 0xFE;
		for (const unsigned char *p = (const unsigned char *)u8; *p;) {
			int32_t cp;
			size_t l = ng_utf8_decode(p, strlen((const char *)p), &cp);
			assert_true(l > 0);
			p += l;
			if (cp >= 0x10000) {
				int32_t v = cp - 0x10000;
				int32_t hi = 0xD800 + (v >> 10), lo = 0xDC00 + (v & 0x3FF);
				u16[k++] = (unsigned char)(hi & 0xFF);
				u16[k++] = (unsigned char)(hi >> 8);
				u16[k++] = (unsigned char)(lo & 0xFF);
				u16[k++] = (unsigned char)(lo >> 8);
			} else {
				u16[k++] = (unsigned char)(cp & 0xFF);
				u16[k++] = (unsigned char)(cp >> 8);
			}
		}
		u16[k++] = 'x'; /* an odd last byte */
		assert_int_equal(run(doc, (const char *)u16, k, NG_RAW_HTML), NG_OK);
		assert_non_null(strstr(doc->text, "Caf\xC3\xA9 \xF0\x9F\x98\x80 in UTF-16"));
	}
	/* the HTTP header wins over a wrong meta declaration */
	ng_doc_reset(doc);
	snprintf(html, sizeof html, "<meta charset=utf-8><article><p>Na\xEFve caf\xE9 owners, who say it "
				    "is a long day, open at six.</p></article>");
	doc->raw = html;
	doc->raw_len = strlen(html);
	doc->raw_kind = NG_RAW_HTML;
	doc->content_type = "text/html; charset=windows-1252";
	ng_html_result res;
	assert_int_equal(ng_html_extract(doc, doc->content_type, NULL, &res), NG_OK);
	assert_non_null(strstr(res.text, "Naïve café owners"));
	assert_int_equal(strcasecmp(res.charset, "windows-1252"), 0);
	ng_doc_destroy(doc);
}

static void test_furniture(void **state)
{
	(void)state;
	ng_furniture f;
	const char *t = "IranMiddle East\n\nSpeaker Calls for Unity\n\nThe speaker said on Monday that "
			"unity was needed.\n\nHe spoke in Tehran.\n\nBack to top button";
	ng_furniture_trim(t, strlen(t), NULL, &f);
	assert_int_equal(f.lines_before, 1);
	assert_int_equal(f.lines_after, 1);
	assert_memory_equal(t + f.title_start, "Speaker Calls for Unity", f.title_end - f.title_start);
	assert_memory_equal(t + f.body_start, "The speaker said", 16);
	assert_int_equal(f.body_end, strlen(t) - strlen("\n\nBack to top button"));
	/* ordinary text: nothing removed */
	const char *p = "The speaker said on Monday that unity was needed.\nHe spoke in Tehran.";
	ng_furniture_trim(p, strlen(p), NULL, &f);
	assert_int_equal(f.body_start, 0);
	assert_int_equal(f.body_end, strlen(p));
	assert_int_equal(f.title_end, 0);
	/* a closing short line that is not furniture stays */
	const char *q = "Budget Passes After Long Debate\n\nThe council approved the budget after a long "
			"debate on Monday night.\n\nMayor Ingrid Solberg";
	ng_furniture_trim(q, strlen(q), NULL, &f);
	assert_int_equal(f.body_end, strlen(q));
	assert_int_equal(f.lines_after, 0);
}

static void test_seed_article(void **state)
{
	(void)state;
	char path[4096];
	snprintf(path, sizeof path, "%s/data/samples/seed-article.txt", NG_SHARED_DIR);
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		fprintf(stderr, "seed article not found at %s; skipped\n", path);
		skip();
	}
	static char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof buf, fp);
	fclose(fp);
	ng_doc *doc = ng_doc_create(0);
	assert_int_equal(run(doc, buf, n, NG_RAW_TEXT), NG_OK);
	assert_string_equal(doc->title, "Iranian Speaker Emphasizes Need for Resistance to Liberate Palestinian Lands");
	assert_true(strncmp(doc->text, "Iranian Parliament Speaker Mohammad Baqer Qalibaf underlined", 60) == 0);
	assert_null(strstr(doc->text, "IranMiddle East"));
	assert_null(strstr(doc->text, "Back to top button"));
	const char *end = "normalize their relations with the Zionist regime.\xE2\x80\x9D";
	assert_string_equal(doc->text + doc->text_len - strlen(end), end);
	ng_doc_destroy(doc);
}

/* ---------------------------------------------------------------- hostile input */

static void test_empty_and_garbage(void **state)
{
	(void)state;
	ng_doc *doc = ng_doc_create(0);
	assert_int_equal(run(doc, "", 0, NG_RAW_HTML), NG_EEMPTY);
	assert_int_equal(run_html(doc, "<html><head><title>Only a title</title></head><body></body></html>"),
			 NG_EEMPTY);
	/* binary garbage: never a crash, the output (if any) is valid UTF-8 */
	static char bin[65536];
	uint32_t x = 12345;
	for (size_t i = 0; i < sizeof bin; i++) {
		x = x * 1103515245u + 12345u;
		bin[i] = (char)(x >> 16);
	}
	ng_status st = run(doc, bin, sizeof bin, NG_RAW_HTML);
	assert_true(st == NG_OK || st == NG_EEMPTY);
	/* NUL bytes inside a page */
	static const char nul[] = "<article><p>Before the NUL\0after the NUL, a sentence long enough to keep, "
				  "with a comma and a stop.</p></article>";
	st = run(doc, nul, sizeof nul - 1, NG_RAW_HTML);
	assert_int_equal(st, NG_OK);
	ng_doc_destroy(doc);
}

static void test_truncated(void **state)
{
	(void)state;
	ng_doc *doc = ng_doc_create(0);
	char html[4096];
	snprintf(html, sizeof html, "<html><head><title>Cut</title><script type=application/ld+json>"
				    "{\"@type\":\"NewsArticle\",\"headline\":\"Cu");
	ng_status st = run_html(doc, html);
	assert_int_equal(st, NG_EEMPTY);
	snprintf(html, sizeof html, "<article><p>%s</p><p>%s</p><p>The end of this page is cut off in the mid", PARA1,
		 PARA2);
	assert_int_equal(run_html(doc, html), NG_OK);
	assert_non_null(strstr(doc->text, "cut off in the mid"));
	snprintf(html, sizeof html, "<article><p>%s</p><div class=\"unterminated attr><p>%s", PARA1, PARA2);
	assert_int_equal(run_html(doc, html), NG_OK);
	assert_non_null(strstr(doc->text, "council approved"));
	ng_doc_destroy(doc);
}

static void test_deep_nesting(void **state)
{
	(void)state;
	size_t depth = 100000;
	char *html = malloc(depth * 11 + 4096);
	assert_non_null(html);
	size_t o = (size_t)sprintf(html, "<article><p>%s</p>", PARA1);
	for (size_t i = 0; i < depth; i++)
		o += (size_t)sprintf(html + o, "<div>");
	o += (size_t)sprintf(html + o, "deep text</article>");
	ng_doc *doc = ng_doc_create(0);
	assert_int_equal(run(doc, html, o, NG_RAW_HTML), NG_OK);
	assert_true(has_error(doc, "nested deeper than"));
	assert_non_null(strstr(doc->text, "council approved"));
	assert_null(strstr(doc->text, "deep text"));
	ng_doc_destroy(doc);
	free(html);
}

static void test_caps(void **state)
{
	(void)state;
	/* more tags than the cap: the page is cut, with an error naming the limit */
	size_t n = 500000;
	char *html = malloc(n * 8 + 4096);
	assert_non_null(html);
	size_t o = (size_t)sprintf(html, "<article><p>%s</p>", PARA1);
	for (size_t i = 0; i < n; i++)
		o += (size_t)sprintf(html + o, "<i>x</i>");
	ng_doc *doc = ng_doc_create(0);
	assert_int_equal(run(doc, html, o, NG_RAW_HTML), NG_OK);
	assert_true(has_error(doc, "page cut at byte"));
	assert_non_null(strstr(doc->text, "council approved"));
	/* a small byte cap through the API */
	ng_doc_reset(doc);
	doc->raw = html;
	doc->raw_len = o;
	doc->raw_kind = NG_RAW_HTML;
	ng_html_limits lim = ng_html_limits_default();
	lim.max_bytes = 100;
	ng_html_result res;
	assert_int_equal(ng_html_extract(doc, NULL, &lim, &res), NG_OK);
	assert_true(has_error(doc, "limits: 100 bytes"));
	/* the node budget stops the walk with an error, and at the same node
	** every time: a count of work, not a clock, so the text does not depend
	** on the machine's load or -j (issue 29, item 10: a 2 s budget cut a
	** 5.6 MB page to 56 KB at -j 8 and kept 4.7 MB at -j 1) */
	char *first = NULL;
	size_t first_len = 0;
	for (int run_i = 0; run_i < 3; run_i++) {
		ng_doc_reset(doc);
		doc->raw = html;
		doc->raw_len = o;
		doc->raw_kind = NG_RAW_HTML;
		lim = ng_html_limits_default();
		lim.max_nodes = 5000;
		lim.max_tags = 1u << 30;
		assert_int_equal(ng_html_extract(doc, NULL, &lim, &res), NG_OK);
		assert_true(has_error(doc, "more than 5000 nodes"));
		assert_non_null(strstr(res.text, "council approved"));
		if (!first) {
			first = strndup(res.text, res.text_len);
			first_len = res.text_len;
			assert_non_null(first);
		} else {
			assert_int_equal(res.text_len, first_len);
			assert_memory_equal(res.text, first, first_len);
		}
	}
	free(first);
	/* the parser's memory budget: a page whose estimated tree would not fit
	** is cut before parsing, with an error naming the budget (issue 29,
	** item 9: the parser dies when an allocation fails) */
	ng_doc_reset(doc);
	doc->raw = html;
	doc->raw_len = o;
	doc->raw_kind = NG_RAW_HTML;
	lim = ng_html_limits_default();
	lim.max_parse_mem = (size_t)16 << 20;
	assert_int_equal(ng_html_extract(doc, NULL, &lim, &res), NG_OK);
	assert_true(has_error(doc, "memory budget of 16 MB"));
	assert_non_null(strstr(res.text, "council approved"));
	ng_doc_destroy(doc);
	free(html);
}

/* Pages that are not articles (little running text): the site header before
** the <h1> goes, collapsed accordion panels stay, other hidden parts go. */
static void test_page_rules(void **state)
{
	(void)state;
	ng_doc *doc = ng_doc_create(0);
	const char *html =
		"<html><body><div class=top><ul><li><a href=/a>Women</a></li><li><a href=/b>Men</a></li>"
		"<li><a href=/c>Kids</a></li></ul></div>"
		"<div class=wrap><h1>Trail Runner 2</h1><p>$120</p>"
		"<div class=accordion__panel style='display:none'><p>Breathable mesh upper.</p></div>"
		"<div role=tabpanel hidden><p>Weight 280 g.</p></div>"
		"<div style='display: none'><p>Hidden promo code.</p></div>"
		"<div hidden><p>Hidden size chart.</p></div></div></body></html>";
	assert_int_equal(run_html(doc, html), NG_OK);
	assert_non_null(strstr(doc->text, "$120"));
	assert_non_null(strstr(doc->text, "Breathable mesh upper."));
	assert_non_null(strstr(doc->text, "Weight 280 g."));
	assert_null(strstr(doc->text, "Women"));
	assert_null(strstr(doc->text, "Kids"));
	assert_null(strstr(doc->text, "promo"));
	assert_null(strstr(doc->text, "size chart"));
	ng_doc_destroy(doc);
}

/* On a product page, a section opened by a recommendation heading ("You may
** also like", "Customers also viewed") is cut with its cards; the same
** heading on a page that is not a product is left to the other rules. */
static void test_product_related(void **state)
{
	(void)state;
	ng_doc *doc = ng_doc_create(0);
	const char *fmt =
		"<html><head>%s</head><body><h1>Trail Runner 2</h1>"
		"<div class=details><p>Breathable mesh upper, a rock plate and a grippy sole.</p>"
		"<ul><li>Weight 280 g</li><li>Drop 6 mm</li></ul></div>"
		"<section><h2>You may also like</h2><div class=grid><div class=card><p>Road Runner 5</p>"
		"<p>$99</p></div><div class=card><p>Mountain Racer</p><p>$140</p></div></div></section>"
		"</body></html>";
	char html[2048];
	snprintf(html, sizeof html, fmt,
		 "<script type='application/ld+json'>{\"@type\":\"Product\",\"name\":\"Trail Runner 2\"}</script>");
	assert_int_equal(run_html(doc, html), NG_OK);
	assert_non_null(strstr(doc->text, "Breathable mesh upper"));
	assert_non_null(strstr(doc->text, "Drop 6 mm"));
	assert_null(strstr(doc->text, "You may also like"));
	assert_null(strstr(doc->text, "Road Runner"));
	assert_null(strstr(doc->text, "$140"));
	snprintf(html, sizeof html, fmt, "");
	assert_int_equal(run_html(doc, html), NG_OK);
	assert_non_null(strstr(doc->text, "Road Runner 5"));
	/* a label opening the section that holds the product's <h1> is not a
	** recommendation section */
	assert_int_equal(run_html(doc, "<html><head><meta property=og:type content=product></head><body>"
				       "<div class=pdp><div class=top><p>Sponsored</p><h1>Cast Iron Skillet</h1>"
				       "<p>Preseasoned 12 inch skillet for oven and stove.</p></div></div></body></html>"),
			 NG_OK);
	assert_non_null(strstr(doc->text, "Preseasoned 12 inch skillet"));
	ng_doc_destroy(doc);
}

/* On a forum thread, the poster cards and post toolbars (join dates, counts,
** "Posted ..." lines, short labels) go; the posts and the quotes stay. */
static void test_forum_posts(void **state)
{
	(void)state;
	ng_doc *doc = ng_doc_create(0);
	const char *post1 = "Has anyone tried the new firmware on the older routers? Mine keeps "
			    "dropping the connection every few hours since the update.";
	const char *post2 = "Yes, same here. Rolling back to the previous version fixed it for me, "
			    "so I would wait for the next patch before updating again.";
	char html[4096];
	snprintf(html, sizeof html,
		 "<html><head><script type='application/ld+json'>{\"@type\":\"DiscussionForumPosting\","
		 "\"headline\":\"Firmware drops\"}</script></head><body><h1>Firmware drops</h1>"
		 "<div class=posts><div class=post><div class=user><p>routerfan</p><p>Joined</p>"
		 "<p>Jun 29, 2016</p><p>Messages</p><p>1,204</p></div><p>Posted March 19, 2024</p>"
		 "<p>%s</p><p>Reply</p></div>"
		 "<div class=post><div class=user><p>netguy</p><p>Senior Member</p><p>10.2k</p></div>"
		 "<p>2 hours ago</p><p>%s</p></div></div></body></html>",
		 post1, post2);
	assert_int_equal(run_html(doc, html), NG_OK);
	assert_non_null(strstr(doc->text, post1));
	assert_non_null(strstr(doc->text, post2));
	assert_null(strstr(doc->text, "Joined"));
	assert_null(strstr(doc->text, "1,204"));
	assert_null(strstr(doc->text, "Posted March"));
	assert_null(strstr(doc->text, "10.2k"));
	assert_null(strstr(doc->text, "hours ago"));
	assert_null(strstr(doc->text, "Senior Member"));
	ng_doc_destroy(doc);
}

/* A block whose text was already emitted (a copy for another screen size) is
** emitted once; repeated code and table cells are kept. */
static void test_duplicates(void **state)
{
	(void)state;
	ng_doc *doc = ng_doc_create(0);
	char html[4096];
	snprintf(html, sizeof html,
		 "<article><div class=mobile><p>%s</p></div><div class=desktop><p>%s</p></div><p>%s</p>"
		 "<pre>make install</pre><pre>make install</pre>"
		 "<table><tr><td>yes</td><td>yes</td></tr></table></article>",
		 PARA1, PARA1, PARA2);
	assert_int_equal(run_html(doc, html), NG_OK);
	const char *first = strstr(doc->text, PARA1);
	assert_non_null(first);
	assert_null(strstr(first + 1, PARA1));
	const char *pre = strstr(doc->text, "make install");
	assert_non_null(pre);
	assert_non_null(strstr(pre + 1, "make install"));
	assert_non_null(strstr(doc->text, "yes\n\nyes"));
	ng_doc_destroy(doc);
}

/* Class and id words that do not mark boilerplate: page-builder "widget"
** wrappers, "search" results, a heading's text-made anchor id, a <header>
** inside the <article>; dialogs are not shown until opened. */
static void test_hint_words(void **state)
{
	(void)state;
	ng_doc *doc = ng_doc_create(0);
	char html[8192];
	snprintf(html, sizeof html,
		 "<html><body><article><header><p class=dek>A short summary line that introduces "
		 "the budget story for readers today.</p></header>"
		 "<div class='elementor-widget-container'><p>%s</p></div>"
		 "<h2 id='how-the-print-shop-was-saved'>How the print shop was saved</h2><p>%s</p>"
		 "<div class=search-results><p>Kellport budget archive results page one of two.</p></div>"
		 "<div role=dialog><p>Sign up for our newsletter and never miss a story again.</p></div>"
		 "<div aria-modal=true><p>Privacy policy: we collect the data described below.</p></div>"
		 "</article></body></html>",
		 PARA1, PARA2);
	assert_int_equal(run_html(doc, html), NG_OK);
	assert_non_null(strstr(doc->text, "A short summary line"));
	assert_non_null(strstr(doc->text, PARA1));
	assert_non_null(strstr(doc->text, "How the print shop was saved"));
	assert_non_null(strstr(doc->text, PARA2));
	assert_non_null(strstr(doc->text, "archive results"));
	assert_null(strstr(doc->text, "newsletter"));
	assert_null(strstr(doc->text, "Privacy policy"));
	ng_doc_destroy(doc);
}

/* Notices that are never content: "enable JavaScript", "5 min read", "Click
** to expand..."; on a page that is not an article, an element marked as the
** main content (role=main) is the container, as <main> is. */
static void test_notices(void **state)
{
	(void)state;
	ng_doc *doc = ng_doc_create(0);
	char html[4096];
	snprintf(html, sizeof html,
		 "<article><noscript><p>Please enable JavaScript to view this form.</p></noscript>"
		 "<p>5 min read</p><p>%s</p><blockquote><p>Click to expand...</p></blockquote><p>%s</p>"
		 "<p>JavaScript is a language that runs in the browser.</p></article>",
		 PARA1, PARA2);
	assert_int_equal(run_html(doc, html), NG_OK);
	assert_non_null(strstr(doc->text, PARA1));
	assert_non_null(strstr(doc->text, "JavaScript is a language"));
	assert_null(strstr(doc->text, "enable JavaScript"));
	assert_null(strstr(doc->text, "min read"));
	assert_null(strstr(doc->text, "expand"));
	assert_int_equal(run_html(doc, "<html><body><div role=main><h1>Oak table</h1>"
				       "<p>$450</p><p>Solid oak, seats six.</p></div><div class=bar><p>Stores</p>"
				       "<p>Gift cards</p><p>Order status</p></div></body></html>"),
			 NG_OK);
	assert_non_null(strstr(doc->text, "Solid oak, seats six."));
	assert_null(strstr(doc->text, "Gift cards"));
	ng_doc_destroy(doc);
}

/* <nav> and <footer> are boilerplate even when they hold most of the page's
** text (a privacy policy in the footer), also after the other hints emptied
** the container; but a <nav> left open around an article keeps it. */
static void test_nav_footer(void **state)
{
	(void)state;
	ng_doc *doc = ng_doc_create(0);
	char html[8192];
	snprintf(html, sizeof html,
		 "<html><body><div class=product><h1>Oak table</h1><p>$450</p><p>Solid oak, seats six.</p>"
		 "</div><footer><h2>Privacy policy</h2><p>%s</p><p>%s</p><p>%s</p><p>%s</p></footer>"
		 "</body></html>",
		 PARA1, PARA2, PARA1, PARA2);
	assert_int_equal(run_html(doc, html), NG_OK);
	assert_non_null(strstr(doc->text, "Solid oak, seats six."));
	assert_null(strstr(doc->text, "council"));
	snprintf(html, sizeof html,
		 "<html><body><nav><a href=/>Home</a><div><h1>Budget passes</h1><p>%s</p><p>%s</p><p>%s</p>"
		 "<p>%s</p><p>%s</p><p>%s</p><p>%s</p><p>%s</p></div></body></html>",
		 PARA1, PARA2, PARA2, PARA1, PARA1, PARA2, PARA1, PARA2);
	assert_int_equal(run_html(doc, html), NG_OK);
	assert_non_null(strstr(doc->text, PARA1));
	ng_doc_destroy(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_main_content),   cmocka_unit_test(test_blocks_not_glued),
		cmocka_unit_test(test_metadata_order), cmocka_unit_test(test_dates),
		cmocka_unit_test(test_jsonld_malformed), cmocka_unit_test(test_charset),
		cmocka_unit_test(test_furniture),      cmocka_unit_test(test_seed_article),
		cmocka_unit_test(test_empty_and_garbage), cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_deep_nesting),   cmocka_unit_test(test_caps),
		cmocka_unit_test(test_page_rules),     cmocka_unit_test(test_product_related),
		cmocka_unit_test(test_forum_posts),    cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_hint_words),     cmocka_unit_test(test_notices),
		cmocka_unit_test(test_nav_footer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
