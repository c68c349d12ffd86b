/*
** fuzz_html.c -- libFuzzer target for the HTML path: any bytes as an HTML
** page through the extract stage (charset sniffing, the nesting prescan,
** modest's parser, the block walk, JSON-LD and metadata). The first byte
** picks an HTTP Content-Type, so the charset paths are reached too. Checks
** that the text and every metadata field are valid UTF-8 and that the
** text has no NUL inside.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ng_engine *eng;

static void check(const char *s)
{
	if (s && !ng_utf8_valid(s, strlen(s)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const types[] = {NULL, "text/html; charset=utf-8", "text/html; charset=iso-8859-1",
					    "text/html; charset=shift_jis", "text/html; charset=utf-16le",
					    "text/html;charset=\"koi8-r\"", "text/html; charset=bogus"};
	if (!eng) {
		ng_config cfg = {.stages = "extract"};
		eng = ng_engine_create(&cfg, NULL, 0);
		if (!eng)
			abort();
	}
	ng_doc *d = ng_doc_create(1 << 26);
	if (!d)
		abort();
	const char *ct = NULL;
	if (size > 0) {
		ct = types[data[0] % (sizeof types / sizeof *types)];
		data++;
		size--;
	}
	d->raw = (const char *)data;
	d->raw_len = size;
	d->raw_kind = NG_RAW_HTML;
	d->content_type = ct;
	d->id = "fuzz";
	d->assigned = NG_F_RAW;
	ng_status st = ng_engine_annotate(eng, d);
	if (st == NG_OK) {
		if (!ng_utf8_valid(d->text, d->text_len) || strlen(d->text) != d->text_len)
			abort();
		check(d->title);
		check(d->author);
		check(d->date);
		check(d->site);
		check(d->lang);
		check(d->source_url);
	} else if (st != NG_EEMPTY && st != NG_ELIMIT) {
		abort();
	}
	ng_doc_destroy(d);
	return 0;
}
