/*
** fuzz_text.c -- libFuzzer target for the text path: any bytes through the
** extract and segment stages and the JSON writer. Checks the invariants
** every later stage relies on: valid UTF-8 text, tokens in order on
** character boundaries, sentences tiling the tokens, and output that is
** valid UTF-8 ending in a newline.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ng_engine *eng;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!eng) {
		ng_config cfg = {.stages = "extract,segment"};
		eng = ng_engine_create(&cfg, NULL, 0);
		if (!eng)
			abort();
	}
	ng_doc *d = ng_doc_create(1 << 24);
	if (!d)
		abort();
	d->raw = (const char *)data;
	d->raw_len = size;
	d->id = "fuzz";
	d->assigned = NG_F_RAW;
	ng_status st = ng_engine_annotate(eng, d);
	if (st == NG_OK) {
		if (!ng_utf8_valid(d->text, d->text_len) || strlen(d->text) != d->text_len)
			abort();
		uint32_t prev = 0;
		for (size_t i = 0; i < d->n_tokens; i++) {
			const ng_token *t = &d->tokens[i];
			if (t->start >= t->end || t->end > d->text_len || t->start < prev)
				abort();
			if (((unsigned char)d->text[t->start] & 0xC0) == 0x80)
				abort();
			prev = t->end;
		}
		if (d->sentence_tok[d->n_sentences] != d->n_tokens)
			abort();
		for (size_t i = 0; i < d->n_sentences; i++)
			if (d->sentence_tok[i] >= d->sentence_tok[i + 1] ||
			    d->sentences[i].start != d->tokens[d->sentence_tok[i]].start)
				abort();
		ng_outbuf out = {.cap = 1 << 28};
		if (ng_write_jsonl(d, NG_W_TOKENS, &out) != NG_OK)
			abort();
		if (!ng_utf8_valid(out.data, out.len) || out.data[out.len - 1] != '\n' ||
		    memchr(out.data, '\n', out.len) != out.data + out.len - 1)
			abort();
		ng_outbuf_free(&out);
	} else if (st != NG_EEMPTY && st != NG_ELIMIT) {
		abort();
	}
	ng_doc_destroy(d);
	return 0;
}
