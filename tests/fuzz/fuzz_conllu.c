/*
** fuzz_conllu.c -- libFuzzer target for the CoNLL-U reader and what reads
** its output: any bytes through ng_conllu_parse(); a file that reads is
** tagged and parsed sentence by sentence with the data directory's models
** (the tagger, and the parser when its model is there) and written back.
** Checks: every sentence within the word cap, heads in range, every word
** tagged with a lemma, the written text re-read to the same word count.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stage/syntax/conllu.h"
#include "stage/syntax/syntax_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ng_syn_models *models;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	if (!models && ng_syn_models_load(NULL, NULL, NULL, &models, err, sizeof err) != NG_OK) {
		fprintf(stderr, "fuzz_conllu: %s\n", err);
		abort();
	}
	ng_ud_corpus *c = NULL;
	ng_status st = ng_conllu_parse((const char *)data, size, "fuzz", &c, err, sizeof err);
	if (st != NG_OK) {
		if (c || st != NG_EPARSE || !strstr(err, "fuzz:"))
			abort();
		return 0;
	}
	ng_arena *a = ng_arena_create(1 << 16, 1 << 28);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!a || !f)
		abort();
	for (size_t si = 0; si < c->n; si++) {
		const ng_ud_sent *s = &c->sents[si];
		if (!s->n || s->n > NG_CONLLU_MAX_WORDS)
			abort();
		(void)ng_ud_is_tree(s);
		ng_syn_word *w = ng_syn_from_ud(s, a);
		if (!w)
			abort();
		if (ng_tagger_tag(ng_syn_models_tagger(models), a, w, s->n) != NG_OK ||
		    ng_syn_models_parse(models, a, w, s->n) != NG_OK)
			abort();
		for (size_t i = 0; i < s->n; i++)
			if (!w[i].lemma || w[i].upos >= NG_UPOS_COUNT || w[i].xpos >= NG_XPOS_COUNT ||
			    w[i].head < 0 || (size_t)w[i].head > s->n)
				abort();
		if (ng_conllu_write_sent(f, s) != NG_OK)
			abort();
		ng_arena_reset(a);
	}
	fclose(f);
	/* what was written reads back with the same words */
	ng_ud_corpus *back = NULL;
	if (ng_conllu_parse(buf, len, "back", &back, err, sizeof err) != NG_OK ||
	    back->n_words != c->n_words)
		abort();
	ng_conllu_free(back);
	free(buf);
	ng_arena_destroy(a);
	ng_conllu_free(c);
	return 0;
}
