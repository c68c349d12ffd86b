/*
** events.c -- the `events` pipeline stage: who did what to whom.
**
** init() reads the dictionaries once: the project's own (data/events/) or,
** with ng_config.dictionaries, TABARI/PETRARCH dictionary files; and the
** CAMEO -> PLOVER / Goldstein tables, which always come from events/ of the
** data directory; and PETRARCH coding options from a
** PETR_config.ini-style file (ng_config.petrarch_config, options.c).
** process() codes each sentence of a document
** (coder.c) and fills doc->events; sentences holding a discard phrase are
** skipped, and a story-level discard skips the whole document.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "pipeline/stage.h"
#include "stage/events/events.h"

typedef struct events_state {
	ng_ev_dict *dict;
	ng_ev_onto *onto;
	ng_ev_opts opts;
} events_state;

static void events_destroy(void *state)
{
	events_state *s = state;
	if (!s)
		return;
	ng_ev_dict_destroy(s->dict);
	ng_ev_onto_destroy(s->onto);
	ng_free(s);
}

static ng_status events_init(const ng_config *cfg, void **state, char *err, size_t errlen)
{
	events_state *s = ng_calloc(1, sizeof(*s));
	if (!s)
		return NG_ENOMEM;
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/events", ng_stage_data_dir(cfg));
	s->dict = ng_ev_dict_create();
	if (!s->dict) {
		events_destroy(s);
		return NG_ENOMEM;
	}
	char e2[512] = "";
	const char *spec = cfg && cfg->dictionaries ? cfg->dictionaries : dir;
	ng_ev_opts_default(&s->opts);
	ng_status st = NG_OK;
	if (cfg && cfg->petrarch_config)
		st = ng_ev_opts_load(&s->opts, cfg->petrarch_config, e2, sizeof e2);
	if (st == NG_OK)
		st = ng_ev_dict_load_spec(s->dict, spec, e2, sizeof e2);
	if (st == NG_OK)
		st = ng_ev_dict_finish(s->dict);
	if (st == NG_OK) {
		s->onto = ng_ev_onto_load(dir, e2, sizeof e2);
		if (!s->onto)
			st = NG_EIO;
	}
	if (st != NG_OK) {
		if (err && errlen)
			snprintf(err, errlen, "events: %s", e2[0] ? e2 : ng_strerror(st));
		events_destroy(s);
		return st;
	}
	*state = s;
	return NG_OK;
}

static ng_status events_process(const void *state, ng_doc *doc)
{
	const events_state *s = state;
	doc->events = NULL;
	doc->n_events = 0;
	if (!doc->n_sentences)
		return NG_OK;
	ng_ev_ctx c;
	ng_status st = ng_ev_ctx_init(&c, s->dict, s->onto, doc);
	if (st != NG_OK)
		return st;
	c.opt = &s->opts;
	for (size_t i = 0; i < doc->n_sentences; i++) {
		bool story = false;
		if ((st = ng_ev_code_sentence(&c, doc, i, &story)) != NG_OK)
			return st;
		if (story) {
			doc->n_events = 0;
			return NG_OK;
		}
	}
	return NG_OK;
}

const ng_stage ng_stage_events = {
	.name = "events",
	.requires = NG_F_TEXT | NG_F_TOKENS | NG_F_SENTENCES,
	/* actors among the entities, speakers of quotes, the date for GDELT rows */
	.optional = NG_F_META | NG_F_ENTITIES | NG_F_QUOTES,
	.assigns = NG_F_EVENTS,
	.init = events_init,
	.process = events_process,
	.destroy = events_destroy,
};
