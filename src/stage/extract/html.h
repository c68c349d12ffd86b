/*
** html.h -- an HTML page to its article: main text and metadata.
**
** The page is decoded (charset.h), parsed into a DOM by modest's HTML5
** parser (myhtml), and walked once into a list of text blocks (paragraphs,
** headings, list items, cells, captions) under a tree of block-level
** elements. Each block gets a value from its length, link share and the
** class/id/role hints of its ancestors; the element whose subtree has the
** highest total is the main content, and its blocks, less the boilerplate
** inside it, are the article text, one block per paragraph separated by
** blank lines. See docs/internals/extract.md for the design and numbers.
*/
#ifndef NG_EXTRACT_HTML_H
#define NG_EXTRACT_HTML_H

#include "newsgraph/newsgraph.h"

/* Caps that keep a hostile page from hanging or exhausting the process. */
typedef struct ng_html_limits {
	size_t max_bytes;     /* page bytes parsed; the rest is dropped (default 8 MiB) */
	size_t max_tags;      /* '<' characters parsed: bounds the node count (default 400,000) */
	unsigned max_depth;   /* elements deeper than this are skipped (default 256) */
	size_t max_parse_mem; /* the parser's memory for one page, estimated before parsing
				 from its bytes and tags; a page that would need more is cut
				 to fit (default: an eighth of the address-space limit
				 (RLIMIT_AS), 1 GiB when there is none) */
	size_t max_nodes;     /* tree nodes walked; the rest is dropped (default 2,000,000):
				 work, not time, so that the text never depends on the
				 machine's load or the number of threads */
} ng_html_limits;

/* The defaults above. */
ng_html_limits ng_html_limits_default(void);

/* What one extraction found (text and metadata are in the doc's arena,
** raw: ng_text_clean() is still to be applied by the caller). */
typedef struct ng_html_result {
	const char *text;    /* blocks joined by "\n\n" */
	size_t text_len;
	const char *title, *author, *date, *site, *lang, *url;
	const char *charset; /* the encoding the page was decoded from */
} ng_html_result;

/* Extracts doc->raw[0..raw_len) as HTML. `content_type` is the HTTP
** Content-Type (or NULL). Problems that did not stop the extraction (page
** truncated to the cap, depth cap reached, node budget exceeded) are added
** to the doc's errors. Returns NG_OK, NG_ENOMEM/NG_ELIMIT when memory runs
** out, NG_EPARSE when the parser fails. Thread-safe: every call has its own
** parser. */
NG_WARN_UNUSED ng_status ng_html_extract(ng_doc *doc, const char *content_type,
					 const ng_html_limits *lim, ng_html_result *out);

#endif
