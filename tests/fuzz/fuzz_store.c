/*
** fuzz_store.c -- libFuzzer target for the store: the input is a program of
** operations on a small in-memory store (add one of 16 documents made from
** a few words, with one of two stage lists; commit; change the batch size;
** run a query), checked against a model of what the store must hold:
**   - adding a document gives ADDED the first time, SKIPPED again with the
**     same stages, UPDATED with the other stages;
**   - after a commit, the store counts exactly the documents added;
**   - `query search WORD` finds exactly the committed documents holding
**     WORD (up to the limit), `query entities` one row per entity named,
**     `query quotes --speaker` and `events` no more rows than were stored;
**   - no query fails but for the usage errors the model predicts, and every
**     row's JSON is well formed enough to end in "}\n".
** The documents carry entities, a quote and an event, so the add path's
** posting lists, edges and re-annotation run too.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "newsgraph/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define N_DOCS 16
#define N_WORDS 8

static const char *const words[N_WORDS] = {"harbor", "strike", "mayor", "river",
					   "vessa", "portmere", "ships", "council"};
static const char *const names[4] = {"Ann Vessa", "Portmere Council", "Bo Lind", "Cy Ray"};

typedef struct model {
	int state[N_DOCS];     /* 0 absent, 1 with stages A, 2 with stages B */
	bool committed[N_DOCS]; /* present in the store as last committed */
	int pending;
	unsigned batch;
} model;

/* Document i: words picked by i's bits, an entity per two bits, a quote and
** an event between its first two entities. */
static ng_doc *make_doc(int i)
{
	ng_doc *d = ng_doc_create(0);
	if (!d)
		return NULL;
	char text[512];
	size_t n = 0;
	int ents[4], ne = 0;
	n += (size_t)snprintf(text + n, sizeof text - n, "Doc%d. ", i);
	for (int k = 0; k < 4; k++)
		if ((i >> k) & 1) {
			size_t at = n;
			n += (size_t)snprintf(text + n, sizeof text - n, "%s said %s %s. ", names[k],
					      words[k], words[(k + i) % N_WORDS]);
			ents[ne++] = (int)at;
		}
	text[n] = 0;
	d->text = ng_doc_strndup(d, text, n);
	d->text_len = n;
	char id[16];
	snprintf(id, sizeof id, "d%d", i);
	d->id = ng_doc_strndup(d, id, strlen(id));
	d->date = i % 3 ? "2024-01-02" : "2023-12-31";
	d->assigned = NG_F_RAW | NG_F_TEXT | NG_F_META | NG_F_ENTITIES | NG_F_QUOTES | NG_F_EVENTS;
	if (!d->text || !d->id) {
		ng_doc_destroy(d);
		return NULL;
	}
	if (ne) {
		d->entities = ng_arena_alloc(d->arena, (size_t)ne * sizeof(ng_entity));
		ng_mention *m = ng_arena_alloc(d->arena, (size_t)ne * sizeof(ng_mention));
		if (!d->entities || !m) {
			ng_doc_destroy(d);
			return NULL;
		}
		memset(d->entities, 0, (size_t)ne * sizeof(ng_entity));
		int e = 0;
		for (int k = 0; k < 4; k++)
			if ((i >> k) & 1) {
				uint32_t s = (uint32_t)ents[e], len = (uint32_t)strlen(names[k]);
				m[e] = (ng_mention){s, s + len, NG_MENTION_NAME, 0};
				d->entities[e] = (ng_entity){.type = k == 1 ? NG_ENT_ORG : NG_ENT_PER,
							    .name = names[k], .mentions = &m[e],
							    .n_mentions = 1};
				e++;
			}
		d->n_entities = (size_t)ne;
	}
	if (ne >= 2) {
		d->quotes = ng_arena_alloc(d->arena, sizeof(ng_quote));
		d->events = ng_arena_alloc(d->arena, sizeof(ng_event));
		if (!d->quotes || !d->events) {
			ng_doc_destroy(d);
			return NULL;
		}
		memset(d->quotes, 0, sizeof(ng_quote));
		memset(d->events, 0, sizeof(ng_event));
		uint32_t s0 = (uint32_t)ents[0];
		d->quotes[0] = (ng_quote){.start = s0, .end = (uint32_t)ents[1], .kind = 1, .speaker = 0,
					  .speaker_start = s0, .speaker_end = s0 + 3, .cue = "say",
					  .cue_start = -1, .cue_end = -1};
		d->n_quotes = 1;
		d->events[0] = (ng_event){.start = s0, .end = (uint32_t)ents[1], .cameo = "010",
					  .source = {.entity = 0, .start = -1, .end = -1, .code = "USA"},
					  .target = {.entity = 1, .start = -1, .end = -1},
					  .verb_start = -1, .verb_end = -1};
		d->n_events = 1;
	}
	return d;
}

/* Whether document i's text holds word w: its two words per entity, and
** the words of the names (Ann Vessa, Portmere Council) */
static bool holds_word(int i, int w)
{
	for (int k = 0; k < 4; k++)
		if (((i >> k) & 1) && (w == k || w == (k + i) % N_WORDS))
			return true;
	if ((i & 1) && w == 4)
		return true;
	return (i & 2) && (w == 5 || w == 7);
}

typedef struct rows {
	long n;
	bool bad;
} rows;

static ng_status count_row(void *ctx, const ng_row *row)
{
	rows *r = ctx;
	ng_outbuf b = {.cap = (size_t)1 << 20};
	if (ng_row_json(row, &b) != NG_OK || b.len < 3 || memcmp(b.data + b.len - 2, "}\n", 2))
		r->bad = true;
	ng_outbuf_free(&b);
	r->n++;
	return NG_OK;
}

static void do_commit(ng_store *s, model *m)
{
	if (ng_store_commit(s) != NG_OK)
		abort();
	for (int i = 0; i < N_DOCS; i++)
		m->committed[i] = m->state[i] != 0;
	m->pending = 0;
	ng_store_counts c;
	if (ng_store_count(s, &c) != NG_OK)
		abort();
	int want = 0;
	for (int i = 0; i < N_DOCS; i++)
		want += m->committed[i];
	if (c.articles != want)
		abort();
}

static void do_query(ng_store *s, const model *m, uint8_t a, uint8_t b)
{
	ng_query q = {0};
	q.kind = (ng_query_kind)(a % 6);
	q.limit = (b & 7) ? (long)(b & 7) : 0;
	const char *w = words[(b >> 3) % N_WORDS];
	const char *who = names[(b >> 3) % 4];
	switch (q.kind) {
	case NG_QUERY_SEARCH:
		q.text = w;
		break;
	case NG_QUERY_QUOTES:
		q.speaker = (a & 8) ? who : NULL;
		q.text = (a & 16) ? w : NULL;
		break;
	case NG_QUERY_EVENTS:
		q.source = (a & 8) ? "USA" : NULL;
		q.since = (a & 16) ? "2024-01-01" : NULL;
		break;
	case NG_QUERY_NETWORK:
		q.person = who;
		break;
	case NG_QUERY_ARTICLES:
		q.entity = who;
		break;
	default:
		break;
	}
	rows r = {0};
	long n = 0;
	ng_status st = ng_store_query(s, &q, count_row, &r, &n);
	if (st == NG_EUSAGE && q.kind == NG_QUERY_QUOTES && !q.speaker && !q.text)
		return; /* quotes needs a speaker or words */
	if (st != NG_OK || r.bad || n != r.n)
		abort();
	long limit = q.limit ? q.limit : 20;
	if (n > limit)
		abort();
	/* the full-text index holds the committed documents */
	if (q.kind == NG_QUERY_SEARCH && m->pending == 0) {
		long want = 0;
		for (int i = 0; i < N_DOCS; i++)
			want += m->committed[i] && holds_word(i, (b >> 3) % N_WORDS);
		if (n != (want < limit ? want : limit))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	ng_store *s = ng_store_open(":memory:", NG_STORE_CREATE, err, sizeof err);
	if (!s)
		abort();
	model m = {.batch = 2048};
	static const char *const stages[2] = {"extract,segment,entities", "extract,segment"};
	int cur_stages = 0;
	if (ng_store_set_stages(s, stages[0]) != NG_OK)
		abort();
	for (size_t i = 0; i + 1 < size && i < 400; i += 2) {
		uint8_t op = data[i], arg = data[i + 1];
		switch (op % 5) {
		case 0:
		case 1: { /* add */
			int k = arg % N_DOCS;
			ng_doc *d = make_doc(k);
			if (!d)
				abort();
			ng_store_result res;
			if (ng_store_add(s, d, &res) != NG_OK) {
				fprintf(stderr, "fuzz_store: adding d%d: %s\n", k, ng_store_errmsg(s));
				abort();
			}
			ng_doc_destroy(d);
			int want_state = cur_stages + 1;
			ng_store_result want = m.state[k] == 0	  ? NG_STORE_ADDED
					       : m.state[k] == want_state ? NG_STORE_SKIPPED
								   : NG_STORE_UPDATED;
			if (res != want)
				abort();
			if (res != NG_STORE_SKIPPED) {
				m.state[k] = want_state;
				if (++m.pending >= (int)m.batch) {
					/* the store committed by itself */
					for (int j = 0; j < N_DOCS; j++)
						m.committed[j] = m.state[j] != 0;
					m.pending = 0;
				}
			}
			break;
		}
		case 2:
			do_commit(s, &m);
			break;
		case 3:
			if (arg & 1) {
				cur_stages = !cur_stages;
				if (ng_store_set_stages(s, stages[cur_stages]) != NG_OK)
					abort();
			} else {
				m.batch = (unsigned)(arg >> 1) % 8 + 1;
				ng_store_set_batch(s, m.batch);
			}
			break;
		default:
			do_query(s, &m, arg, i + 2 < size ? data[i + 2] : 0);
			break;
		}
	}
	do_commit(s, &m);
	if (ng_store_close(s) != NG_OK)
		abort();
	return 0;
}
