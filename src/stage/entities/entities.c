/*
** entities.c -- the `entities` pipeline stage: runs the NER tagger over the
** document's own tokens and sentences and fills doc->ner_tags (one NG_NER_*
** per token). Also the public tagger tools (ng_ner_train, ng_ner_tag_conll).
**
** init() loads the model image (DATA/ner.model, mmap-ed read-only) and the
** gazetteers (DATA/gazetteers/) once, DATA being the engine's data directory
** (src/core/data_dir.c); both are shared by all threads.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline/stage.h"
#include "stage/entities/ner.h"

typedef struct ner_state {
	ng_ner_model *model;
	ng_gazetteer *gaz;
} ner_state;

static void ner_destroy(void *state)
{
	ner_state *s = state;
	if (!s)
		return;
	ng_ner_model_free(s->model);
	ng_gazetteer_free(s->gaz);
	ng_free(s);
}

static ng_status ner_init(const ng_config *cfg, void **state, char *err, size_t errlen)
{
	*state = NULL;
	ner_state *s = ng_calloc(1, sizeof *s);
	if (!s) {
		snprintf(err, errlen, "entities: out of memory");
		return NG_ENOMEM;
	}
	const char *dir = ng_stage_data_dir(cfg);
	char path[4096];
	snprintf(path, sizeof path, "%s/ner.model", dir);
	ng_status st = ng_ner_model_load(path, &s->model, err, errlen);
	if (st == NG_OK) {
		snprintf(path, sizeof path, "%s/gazetteers", dir);
		st = ng_gazetteer_load(path, &s->gaz, err, errlen);
	}
	if (st != NG_OK) {
		ner_destroy(s);
		return st;
	}
	*state = s;
	return NG_OK;
}

static ng_status ner_process(const void *state, ng_doc *doc)
{
	const ner_state *s = state;
	size_t n = doc->n_tokens;
	doc->ner_tags = ng_arena_alloc(doc->arena, n ? n : 1);
	if (!doc->ner_tags)
		return NG_ELIMIT;
	memset(doc->ner_tags, 0, n);
	if (!n)
		return NG_OK;
	/* the token views and the tagger's work space are scratch: freed when
	** tagging is done, so a document waiting for the store keeps only its tags */
	ng_arena_pos scratch = ng_arena_mark(doc->arena);
	const char **tok = ng_arena_alloc(doc->arena, n * sizeof *tok);
	uint32_t *len = ng_arena_alloc(doc->arena, n * sizeof *len);
	if (!tok || !len)
		return NG_ELIMIT;
	for (size_t i = 0; i < n; i++) {
		tok[i] = doc->text + doc->tokens[i].start;
		len[i] = doc->tokens[i].end - doc->tokens[i].start;
	}
	ng_ner_input in = {tok, len, n, doc->sentence_tok, doc->n_sentences};
	ng_status st = ng_ner_tag(s->model, s->gaz, &in, doc->arena, doc->ner_tags);
	ng_arena_rewind(doc->arena, scratch);
	return st;
}

const ng_stage ng_stage_entities = {
	.name = "entities",
	.requires = NG_F_TEXT | NG_F_TOKENS | NG_F_SENTENCES,
	.optional = 0,
	.assigns = NG_F_NER_TAGS,
	.init = ner_init,
	.process = ner_process,
	.destroy = ner_destroy,
};

/* ---- public tools ---- */
ng_status ng_ner_train(const ng_ner_train_opts *o, char *err, size_t errlen)
{
	if (!o || !o->train_path || !o->model_path)
		return NG_EUSAGE;
	if (err && errlen)
		err[0] = 0;
	return ng_ner_train_run(o, err, errlen);
}

ng_status ng_ner_tag_conll(const char *model_path, const char *data_dir, const char *conll_path,
			   FILE *out, double *seconds, size_t *n_tokens, char *err, size_t errlen)
{
	if (!conll_path)
		return NG_EUSAGE;
	if (err && errlen)
		err[0] = 0;
	const char *dir = data_dir ? data_dir : ng_data_dir();
	char path[4096];
	ng_ner_model *m = NULL;
	ng_gazetteer *g = NULL;
	if (!model_path) {
		snprintf(path, sizeof path, "%s/ner.model", dir);
		model_path = path;
	}
	ng_status st = ng_ner_model_load(model_path, &m, err, errlen);
	if (st == NG_OK) {
		snprintf(path, sizeof path, "%s/gazetteers", dir);
		st = ng_gazetteer_load(path, &g, err, errlen);
	}
	if (st == NG_OK)
		st = ng_ner_tag_conll_file(m, g, conll_path, out, seconds, n_tokens, err, errlen);
	ng_ner_model_free(m);
	ng_gazetteer_free(g);
	return st;
}
