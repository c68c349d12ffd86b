/*
** engine.c -- the pipeline: the stage table, its start-up check, and the
** loop that runs the stages over one document.
*/
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "pipeline/stage.h"

/* All stages, in pipeline order: read -> extract -> segment -> entities ->
** coref -> quotes -> events -> write. */
static const ng_stage *const all_stages[] = {
	&ng_stage_extract,
	&ng_stage_segment,
	&ng_stage_entities,
	&ng_stage_coref,
	&ng_stage_quotes,
	&ng_stage_events,
};
#define N_STAGES (sizeof all_stages / sizeof all_stages[0])

struct ng_engine {
	const ng_stage *stages[N_STAGES];
	void *state[N_STAGES];
	size_t n;
	char names[256];
	ng_config cfg;
};

static const ng_stage *find_stage(const char *name, size_t len)
{
	for (size_t i = 0; i < N_STAGES; i++)
		if (strlen(all_stages[i]->name) == len && !memcmp(all_stages[i]->name, name, len))
			return all_stages[i];
	return NULL;
}

static void set_err(char *err, size_t errlen, const char *msg, const char *a)
{
	if (err && errlen)
		snprintf(err, errlen, msg, a);
}

ng_engine *ng_engine_create(const ng_config *cfg, char *err, size_t errlen)
{
	ng_engine *e = ng_calloc(1, sizeof(*e));
	if (!e) {
		set_err(err, errlen, "%s", "out of memory");
		return NULL;
	}
	if (cfg)
		e->cfg = *cfg;
	if (!e->cfg.max_doc_bytes)
		e->cfg.max_doc_bytes = (size_t)16 << 20;

	if (!e->cfg.stages) {
		for (size_t i = 0; i < N_STAGES; i++)
			e->stages[e->n++] = all_stages[i];
	} else {
		const char *p = e->cfg.stages;
		while (*p) {
			size_t len = strcspn(p, ",");
			const ng_stage *s = find_stage(p, len);
			if (!s || e->n == N_STAGES) {
				char name[64];
				snprintf(name, sizeof name, "%.*s", (int)(len < 60 ? len : 60), p);
				set_err(err, errlen, "unknown or repeated stage '%s'", name);
				ng_free(e);
				return NULL;
			}
			e->stages[e->n++] = s;
			p += len;
			if (*p == ',')
				p++;
		}
	}
	/* Every requirement must be assigned by an earlier stage (or the reader). */
	unsigned have = NG_F_RAW;
	for (size_t i = 0; i < e->n; i++) {
		unsigned missing = e->stages[i]->requires & ~have;
		if (missing) {
			if (err && errlen)
				snprintf(err, errlen,
					 "stage '%s' needs fields (0x%x) that no earlier stage assigns",
					 e->stages[i]->name, missing);
			ng_free(e);
			return NULL;
		}
		have |= e->stages[i]->assigns;
	}
	size_t off = 0;
	for (size_t i = 0; i < e->n; i++)
		off += (size_t)snprintf(e->names + off, sizeof e->names - off, "%s%s", i ? "," : "",
					e->stages[i]->name);
	for (size_t i = 0; i < e->n; i++) {
		if (e->stages[i]->init &&
		    e->stages[i]->init(&e->cfg, &e->state[i], err, errlen) != NG_OK) {
			e->n = i;
			ng_engine_destroy(e);
			return NULL;
		}
	}
	return e;
}

void ng_engine_destroy(ng_engine *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->n; i++)
		if (e->stages[i]->destroy)
			e->stages[i]->destroy(e->state[i]);
	ng_free(e);
}

const char *ng_engine_stages(const ng_engine *e)
{
	return e->names;
}

ng_status ng_engine_annotate(const ng_engine *e, ng_doc *doc)
{
	if (!e || !doc || !(doc->assigned & NG_F_RAW))
		return NG_EUSAGE;
	for (size_t i = 0; i < e->n; i++) {
		const ng_stage *s = e->stages[i];
		ng_status st = s->process(e->state[i], doc);
		if (st != NG_OK) {
			if (ng_doc_add_error(doc, st, -1, s->name, "stage %s failed: %s", s->name,
					     ng_strerror(st)) != NG_OK) {
				/* the status still tells the caller */
			}
			return st;
		}
		doc->assigned |= s->assigns;
	}
	return NG_OK;
}
