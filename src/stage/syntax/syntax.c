/*
** syntax.c -- the `syntax` stage: UD words with POS tags, lemmas and, when
** the parser model is present, dependency trees (docs/internals/syntax.md).
**
** After `segment`: the tokens of each sentence become UD words (tokmap.c),
** the tagger tags them and the parser, if loaded, parses them. A sentence
** longer than NG_SYN_MAX_SENT words is tagged and parsed in pieces of that
** many words (each piece its own tree), so time stays linear in the text.
** The result is doc->words (public, ng_word) and doc->sentence_word.
*/
#include "pipeline/stage.h"
#include "stage/syntax/syntax_api.h"
#include "stage/syntax/syntax_int.h"
#include "stage/syntax/tokmap.h"

static ng_status syntax_init(const ng_config *cfg, void **state, char *err, size_t errlen)
{
	ng_syn_models *m = NULL;
	ng_status st = ng_syn_models_load(ng_stage_data_dir(cfg), NULL, NULL, &m, err, errlen);
	*state = m;
	return st;
}

static void syntax_destroy(void *state)
{
	ng_syn_models_free(state);
}

/* Tags and parses words [s, e) of one sentence in pieces. */
static ng_status analyse(const ng_syn_models *m, ng_arena *a, ng_syn_word *w, size_t n)
{
	for (size_t s = 0; s < n; s += NG_SYN_MAX_SENT) {
		size_t k = n - s < NG_SYN_MAX_SENT ? n - s : NG_SYN_MAX_SENT;
		NG_TRY(ng_tagger_tag(ng_syn_models_tagger(m), a, w + s, k));
		NG_TRY(ng_syn_models_parse(m, a, w + s, k));
		for (size_t i = 0; i < k; i++)
			if (w[s + i].head < 0 || (size_t)w[s + i].head > k)
				return NG_EINTERNAL;
	}
	return NG_OK;
}

static ng_status syntax_process(const void *state, ng_doc *doc)
{
	const ng_syn_models *m = state;
	ng_tokmap tm;
	NG_TRY(ng_tokmap_doc(doc, doc->arena, &tm));
	ng_word *out = ng_arena_alloc(doc->arena, (tm.n + 1) * sizeof *out);
	if (!out)
		return NG_ELIMIT;
	bool parsed = ng_syn_models_parser(m);
	for (size_t si = 0; si < doc->n_sentences; si++) {
		size_t s = tm.sent_word[si], e = tm.sent_word[si + 1];
		NG_TRY(analyse(m, doc->arena, tm.words + s, e - s));
		int32_t first_root = -1;
		for (size_t i = s; i < e; i++) {
			const ng_syn_word *w = &tm.words[i];
			size_t piece = s + (i - s) / NG_SYN_MAX_SENT * NG_SYN_MAX_SENT;
			out[i] = (ng_word){.start = w->start, .end = w->end, .token = tm.word_tok[i],
					   .head = -1, .upos = ng_upos_name(w->upos),
					   .xpos = ng_xpos_name(w->xpos), .lemma = w->lemma};
			if (!parsed)
				continue;
			out[i].deprel = ng_syn_models_deprel(m, w->deprel);
			if (w->head) {
				out[i].head = (int32_t)(piece + (size_t)w->head - 1);
			} else if (piece > s) {
				/* a later piece's root hangs on the first piece's */
				out[i].head = first_root;
				out[i].deprel = "parataxis";
			} else {
				first_root = (int32_t)i;
			}
		}
	}
	doc->words = out;
	doc->n_words = tm.n;
	doc->sentence_word = tm.sent_word;
	return NG_OK;
}

const ng_stage ng_stage_syntax = {
	.name = "syntax",
	.requires = NG_F_TEXT | NG_F_TOKENS | NG_F_SENTENCES,
	.assigns = NG_F_SYNTAX,
	.init = syntax_init,
	.process = syntax_process,
	.destroy = syntax_destroy,
};
