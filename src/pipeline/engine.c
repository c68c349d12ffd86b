/*
** engine.c -- the pipeline: the stage table, its start-up check, and the
** loop that runs the stages over one document.
**
** The start-up check walks the configured stage list in order with the set
** of parts assigned so far (the reader's raw input first). A stage whose
** requirement is missing stops ng_engine_create() with a message naming the
** stage, the missing parts, the stages that assign them and a stage list
** that works; a stage whose optional input is missing gets a warning
** (ng_engine_warnings()), since it would run, silently, with less.
*/
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "pipeline/stage.h"

/* All stages, in pipeline order: read -> extract -> segment -> syntax ->
** entities -> coref -> quotes -> events -> write. A stage's requirements are
** assigned by stages before it in this list. */
static const ng_stage *const all_stages[] = {
	&ng_stage_extract,
	&ng_stage_segment,
	&ng_stage_syntax,
	&ng_stage_entities,
	&ng_stage_coref,
	&ng_stage_quotes,
	&ng_stage_events,
};
#define N_STAGES (sizeof all_stages / sizeof all_stages[0])

/* The parts of a document by the names messages give them. */
static const struct {
	unsigned bit;
	const char *name;
} fields[] = {
	{NG_F_RAW, "raw input"},   {NG_F_TEXT, "text"},         {NG_F_META, "metadata"},
	{NG_F_TOKENS, "tokens"},   {NG_F_SENTENCES, "sentences"}, {NG_F_NER_TAGS, "NER tags"},
	{NG_F_ENTITIES, "entities"}, {NG_F_QUOTES, "quotes"},   {NG_F_EVENTS, "events"},
	{NG_F_CUE_CLASS, "cue classes"}, {NG_F_SYNTAX, "syntactic words"},
};
#define N_FIELDS (sizeof fields / sizeof fields[0])

struct ng_engine {
	const ng_stage *stages[N_STAGES];
	void *state[N_STAGES];
	size_t n;
	char names[256];
	char warnings[1024]; /* one line per warning, "" when none */
	char data_dir[4096];  /* cfg.data_dir points here */
	ng_config cfg;
};

/* A string being appended to with snprintf; stops (truncated) at its size. */
typedef struct strbuf {
	char *s;
	size_t size, len;
} strbuf;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void sb_add(strbuf *b, const char *fmt, ...)
{
	if (!b->s || b->len + 1 >= b->size)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(b->s + b->len, b->size - b->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		b->len = b->len + (size_t)n < b->size ? b->len + (size_t)n : b->size - 1;
}

static const ng_stage *find_stage(const char *name, size_t len)
{
	for (size_t i = 0; i < N_STAGES; i++)
		if (strlen(all_stages[i]->name) == len && !memcmp(all_stages[i]->name, name, len))
			return all_stages[i];
	return NULL;
}

/* The index in all_stages of the first stage assigning `bit`, or -1 (raw
** input comes from the reader). */
static int provider(unsigned bit)
{
	for (size_t i = 0; i < N_STAGES; i++)
		if (all_stages[i]->assigns & bit)
			return (int)i;
	return -1;
}

/* Appends the parts in `bits` grouped by the stage that assigns them, in
** pipeline order: "text (assigned by stage 'extract') and tokens, sentences
** (assigned by stage 'segment')". */
static void add_fields(strbuf *b, unsigned bits)
{
	unsigned left = bits;
	for (int p = -1; p < (int)N_STAGES && left; p++) {
		unsigned group = 0;
		for (size_t f = 0; f < N_FIELDS; f++)
			if ((left & fields[f].bit) && provider(fields[f].bit) == p)
				group |= fields[f].bit;
		if (!group)
			continue;
		sb_add(b, "%s", left == bits ? "" : (left & ~group) ? ", " : " and ");
		left &= ~group;
		bool first = true;
		for (size_t f = 0; f < N_FIELDS; f++)
			if (group & fields[f].bit) {
				sb_add(b, "%s%s", first ? "" : ", ", fields[f].name);
				first = false;
			}
		if (p >= 0)
			sb_add(b, " (assigned by stage '%s')", all_stages[p]->name);
		else
			sb_add(b, " (given by the reader)");
	}
	if (left) /* a bit without a name: never in a stage table */
		sb_add(b, "%sparts 0x%x", left == bits ? "" : " and ", left);
}

/* Appends the configured stages with every stage their requirements need,
** in pipeline order: a stage list that passes the check. */
static void add_working_list(strbuf *b, const ng_engine *e, const ng_stage *extra)
{
	bool want[N_STAGES] = {false};
	for (size_t k = 0; k < N_STAGES; k++)
		for (size_t i = 0; i <= e->n; i++)
			if ((i < e->n ? e->stages[i] : extra) == all_stages[k])
				want[k] = true;
	/* providers come before their users in all_stages: one pass backwards */
	for (size_t k = N_STAGES; k-- > 0;) {
		if (!want[k])
			continue;
		for (unsigned bits = all_stages[k]->requires; bits; bits &= bits - 1) {
			int p = provider(bits & -bits);
			if (p >= 0)
				want[p] = true;
		}
	}
	bool first = true;
	for (size_t k = 0; k < N_STAGES; k++)
		if (want[k]) {
			sb_add(b, "%s%s", first ? "" : ",", all_stages[k]->name);
			first = false;
		}
}

/* Builds e->stages from cfg.stages (NULL: all). */
static ng_status parse_stages(ng_engine *e, char *err, size_t errlen)
{
	if (!e->cfg.stages) {
		for (size_t i = 0; i < N_STAGES; i++)
			e->stages[e->n++] = all_stages[i];
		return NG_OK;
	}
	const char *p = e->cfg.stages;
	while (*p) {
		size_t len = strcspn(p, ",");
		const ng_stage *s = find_stage(p, len);
		bool repeated = false;
		for (size_t i = 0; s && i < e->n; i++)
			repeated |= e->stages[i] == s;
		if (!s || repeated) {
			strbuf b = {err, errlen, 0};
			sb_add(&b, "%s stage '%.*s' (stages: ", s ? "repeated" : "unknown",
			       (int)(len < 60 ? len : 60), p);
			for (size_t k = 0; k < N_STAGES; k++)
				sb_add(&b, "%s%s", k ? ", " : "", all_stages[k]->name);
			sb_add(&b, ")");
			return NG_ESTAGE;
		}
		e->stages[e->n++] = s;
		p += len;
		if (*p == ',')
			p++;
	}
	return NG_OK;
}

/* Every requirement must be assigned by an earlier stage (or the reader);
** an optional input that is not gets a warning. */
static ng_status check_stages(ng_engine *e, char *err, size_t errlen)
{
	unsigned have = NG_F_RAW;
	strbuf w = {e->warnings, sizeof e->warnings, 0};
	for (size_t i = 0; i < e->n; i++) {
		const ng_stage *s = e->stages[i];
		unsigned missing = s->requires & ~have;
		if (missing) {
			strbuf b = {err, errlen, 0};
			sb_add(&b, "stage '%s' needs ", s->name);
			add_fields(&b, missing);
			sb_add(&b, ", which no earlier stage assigns; a stage list that works: ");
			ng_engine tmp = *e;
			tmp.n = i;
			add_working_list(&b, &tmp, s);
			return NG_ESTAGE;
		}
		unsigned dropped = s->optional & ~have;
		if (dropped) {
			sb_add(&w, "%sstage '%s' reads ", w.len ? "\n" : "", s->name);
			add_fields(&w, dropped);
			const char *them = (dropped & (dropped - 1)) ? "them" : "it";
			sb_add(&w, " when present, but no earlier stage assigns %s: it runs without %s",
			       them, them);
		}
		have |= s->assigns;
	}
	return NG_OK;
}

/* Resolves the data directory once for every stage (data_dir.c gives the
** rule). Only stages with an init() read data: a list without them runs
** whatever the data directory. */
static ng_status set_data_dir(ng_engine *e, const char *given, char *err, size_t errlen)
{
	const char *env = getenv("NEWSGRAPH_DATA");
	const char *dir = given ? given : ng_data_dir();
	int n = snprintf(e->data_dir, sizeof e->data_dir, "%s", dir);
	e->cfg.data_dir = e->data_dir;
	bool reads_data = false;
	for (size_t i = 0; i < e->n; i++)
		reads_data |= e->stages[i]->init != NULL;
	if (!reads_data || (n > 0 && (size_t)n < sizeof e->data_dir && ng_is_dir(dir)))
		return NG_OK;
	strbuf b = {err, errlen, 0};
	if (given)
		sb_add(&b, "data directory '%s' (--data, ng_config.data_dir) is not a directory", dir);
	else if (env && *env)
		sb_add(&b, "data directory '%s' ($NEWSGRAPH_DATA) is not a directory", dir);
	else
		sb_add(&b, "no data directory: neither share/newsgraph beside the program, nor the "
			   "source tree's '%s', nor the installed one exists; set NEWSGRAPH_DATA or "
			   "pass --data DIR", dir);
	return NG_EIO;
}

ng_engine *ng_engine_create(const ng_config *cfg, char *err, size_t errlen)
{
	if (err && errlen)
		err[0] = '\0';
	ng_engine *e = ng_calloc(1, sizeof(*e));
	if (!e) {
		if (err && errlen)
			snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (cfg)
		e->cfg = *cfg;
	if (!e->cfg.max_doc_bytes)
		e->cfg.max_doc_bytes = (size_t)16 << 20;
	if (parse_stages(e, err, errlen) != NG_OK || check_stages(e, err, errlen) != NG_OK) {
		ng_free(e);
		return NULL;
	}
	if (set_data_dir(e, cfg ? cfg->data_dir : NULL, err, errlen) != NG_OK) {
		ng_free(e);
		return NULL;
	}
	strbuf names = {e->names, sizeof e->names, 0};
	for (size_t i = 0; i < e->n; i++)
		sb_add(&names, "%s%s", i ? "," : "", e->stages[i]->name);
	for (size_t i = 0; i < e->n; i++) {
		ng_status st = e->stages[i]->init ? e->stages[i]->init(&e->cfg, &e->state[i], err, errlen)
						  : NG_OK;
		if (st != NG_OK) {
			/* a stage that ran out of memory may have said nothing */
			if (err && errlen && !err[0])
				snprintf(err, errlen, "stage '%s' could not start: %s", e->stages[i]->name,
					 ng_strerror(st));
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

const char *ng_engine_warnings(const ng_engine *e)
{
	return e->warnings;
}

ng_status ng_engine_annotate(const ng_engine *e, ng_doc *doc)
{
	if (!e || !doc || !(doc->assigned & NG_F_RAW))
		return NG_EUSAGE;
	if (doc->raw_len > e->cfg.max_doc_bytes) {
		if (ng_doc_add_error(doc, NG_ELIMIT, -1, "engine",
				     "input of %zu bytes is over the limit of %zu (max_doc_bytes)",
				     doc->raw_len, e->cfg.max_doc_bytes) != NG_OK) {
			/* the status still tells the caller */
		}
		return NG_ELIMIT;
	}
	/* what the document was, to give it back on NG_ENOMEM */
	const ng_doc given = *doc;
	const ng_arena_pos mark = ng_arena_mark(doc->arena);
	(void)ng_arena_failure(doc->arena);
	for (size_t i = 0; i < e->n; i++) {
		const ng_stage *s = e->stages[i];
		ng_status st = s->process(e->state[i], doc);
		if (st == NG_ELIMIT && ng_arena_failure(doc->arena) == NG_ENOMEM)
			st = NG_ENOMEM; /* the arena was refused memory, not over its cap */
		if (st == NG_ENOMEM) {
			ng_arena_rewind(doc->arena, mark);
			*doc = given;
			return st;
		}
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
