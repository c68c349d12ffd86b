/*
** ng_store_fill.c -- fills a store with articles carrying SYNTHETIC
** annotations, so bench/store.sh can time queries on a database of the size
** and shape the real entity, quote and event stages will produce before
** those stages are complete. `ng_store_fill DB FILE.jsonl` reads each record,
** runs the text stages (extract, segment), then makes up entities, quotes
** and events from the tokens:
**   entities  runs of 2-4 capitalized words not opening a sentence (so
**             "Boris Johnson" recurs across articles), type by a hash of
**             the name (PER 1/2, ORG 1/4, LOC 1/4); each occurrence a mention;
**   quotes    text between an opening and a closing quotation-mark token;
**             speaker: a PER entity in the same sentence, else none;
**   events    each sentence with two entities: first -> second, a CAMEO
**             code and actor codes chosen by hashing the names.
** These are NOT annotations; they exist only to load the database.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/core.h"
#include "newsgraph/store.h"

#define MAX_ENT 48
#define MAX_MENT 256

static uint32_t hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static bool cap_word(const ng_doc *d, size_t t)
{
	const ng_token *k = &d->tokens[t];
	return k->kind == NG_TOK_WORD && (k->flags & NG_TF_UPPER_INITIAL) && !(k->flags & NG_TF_ALL_UPPER);
}

static const char *const cameo[] = {"010", "020", "036", "040", "042", "043", "046", "051", "057",
				    "061", "111", "112", "120", "130", "141", "173", "190"};
static const char *const plover[] = {"STATEMENT", "APPEAL", "CONSULT", "CONSULT", "CONSULT",
				     "CONSULT", "CONSULT", "COOPERATE", "AGREE", "COOPERATE",
				     "DISAPPROVE", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST",
				     "COERCE", "ASSAULT"};
static const double goldstein[] = {0.0, 3.0, 5.0, 1.0, 1.9, 2.8, 7.0, 3.4, 6.5,
				   6.4, -2.0, -2.0, -4.0, -4.4, -6.5, -5.0, -10.0};

static void synthesize(ng_doc *d)
{
	if (d->n_entities || d->n_quotes || d->n_events || !d->n_tokens)
		return;
	ng_entity *ents = ng_arena_alloc(d->arena, MAX_ENT * sizeof *ents);
	ng_mention *ments = ng_arena_alloc(d->arena, MAX_MENT * sizeof *ments);
	int *ment_ent = ng_arena_alloc(d->arena, MAX_MENT * sizeof *ment_ent);
	uint32_t *ment_sent = ng_arena_alloc(d->arena, MAX_MENT * sizeof *ment_sent);
	if (!ents || !ments || !ment_ent || !ment_sent)
		return;
	size_t ne = 0, nm = 0;
	for (size_t s = 0; s < d->n_sentences; s++) {
		for (size_t t = d->sentence_tok[s] + 1; t < d->sentence_tok[s + 1] && nm < MAX_MENT; t++) {
			if (!cap_word(d, t))
				continue;
			size_t e = t;
			while (e < d->sentence_tok[s + 1] && e - t < 4 && cap_word(d, e) &&
			       (e == t || (d->tokens[e].flags & NG_TF_SPACE_BEFORE)))
				e++;
			if (e - t < 2) {
				t = e;
				continue;
			}
			uint32_t a = d->tokens[t].start, b = d->tokens[e - 1].end;
			int found = -1;
			for (size_t k = 0; k < ne; k++)
				if (strlen(ents[k].name) == b - a && !memcmp(ents[k].name, d->text + a, b - a))
					found = (int)k;
			if (found < 0 && ne < MAX_ENT) {
				ng_entity *x = &ents[ne];
				memset(x, 0, sizeof *x);
				x->id = (uint32_t)ne;
				x->name = ng_doc_strndup(d, d->text + a, b - a);
				uint32_t h = hash(d->text + a, b - a);
				x->type = (h & 3) < 2 ? NG_ENT_PER : (h & 3) == 2 ? NG_ENT_ORG : NG_ENT_LOC;
				found = (int)ne++;
			}
			if (found >= 0) {
				ments[nm] = (ng_mention){a, b, NG_MENTION_NAME, 0};
				ment_ent[nm] = found;
				ment_sent[nm] = (uint32_t)s;
				nm++;
			}
			t = e;
		}
	}
	/* each entity's mentions, contiguous */
	ng_mention *sorted = ng_arena_alloc(d->arena, (nm ? nm : 1) * sizeof *sorted);
	if (!sorted)
		return;
	size_t k = 0;
	for (size_t e = 0; e < ne; e++) {
		ents[e].mentions = sorted + k;
		for (size_t m = 0; m < nm; m++)
			if (ment_ent[m] == (int)e)
				sorted[k++] = ments[m];
		ents[e].n_mentions = (size_t)(sorted + k - ents[e].mentions);
	}
	d->entities = ents;
	d->n_entities = ne;

	/* quotes */
	ng_quote *qs = ng_arena_alloc(d->arena, 32 * sizeof *qs);
	size_t nq = 0;
	for (size_t s = 0; qs && s < d->n_sentences && nq < 32; s++) {
		size_t open = 0;
		bool in = false;
		for (size_t t = d->sentence_tok[s]; t < d->sentence_tok[s + 1]; t++) {
			if (d->tokens[t].kind != NG_TOK_QUOTE)
				continue;
			if (!in) {
				open = t;
				in = true;
			} else if (t > open + 1) {
				ng_quote *q = &qs[nq++];
				memset(q, 0, sizeof *q);
				q->start = d->tokens[open + 1].start;
				q->end = d->tokens[t - 1].end;
				q->kind = NG_QUOTE_DIRECT;
				q->speaker = -1;
				q->speaker_start = q->speaker_end = q->cue_start = q->cue_end = -1;
				q->cue = "say";
				for (size_t m = 0; m < nm; m++)
					if (ment_sent[m] == s && ents[ment_ent[m]].type == NG_ENT_PER &&
					    (ments[m].end <= q->start || ments[m].start >= q->end)) {
						q->speaker = ment_ent[m];
						q->speaker_start = ments[m].start;
						q->speaker_end = ments[m].end;
						break;
					}
				in = false;
				if (nq == 32)
					break;
			}
		}
	}
	d->quotes = qs;
	d->n_quotes = qs ? nq : 0;

	/* events */
	ng_event *ev = ng_arena_alloc(d->arena, 64 * sizeof *ev);
	size_t nev = 0;
	for (size_t s = 0; ev && s < d->n_sentences && nev < 64; s++) {
		int a = -1, b = -1;
		size_t ma = 0, mb = 0;
		for (size_t m = 0; m < nm; m++) {
			if (ment_sent[m] != s)
				continue;
			if (a < 0) {
				a = ment_ent[m];
				ma = m;
			} else if (ment_ent[m] != a) {
				b = ment_ent[m];
				mb = m;
				break;
			}
		}
		if (b < 0)
			continue;
		ng_event *e = &ev[nev++];
		memset(e, 0, sizeof *e);
		uint32_t h = hash(ents[a].name, strlen(ents[a].name)) ^ hash(ents[b].name, strlen(ents[b].name));
		size_t c = h % (sizeof cameo / sizeof cameo[0]);
		e->sentence = (uint32_t)s;
		e->start = d->sentences[s].start;
		e->end = d->sentences[s].end;
		static const char *const codes[] = {"USA", "GBR", "IRN", "ISR", "RUS", "CHN", "FRA",
						    "DEU", "USAGOV", "IRNLEG", "GBRGOV", "CVL"};
		e->source = (ng_actor){a, ments[ma].start, ments[ma].end,
				       codes[hash(ents[a].name, strlen(ents[a].name)) % 12]};
		e->target = (ng_actor){b, ments[mb].start, ments[mb].end,
				       codes[hash(ents[b].name, strlen(ents[b].name)) % 12]};
		e->cameo = cameo[c];
		e->plover = plover[c];
		e->goldstein = goldstein[c];
		e->quad_class = goldstein[c] >= 3 ? 2 : goldstein[c] >= 0 ? 1 : goldstein[c] > -5 ? 3 : 4;
		e->verb_start = ments[ma].end + 1 < e->end ? ments[ma].end + 1 : ments[ma].end;
		e->verb_end = e->verb_start;
	}
	d->events = ev;
	d->n_events = ev ? nev : 0;
	d->assigned |= NG_F_ENTITIES | NG_F_QUOTES | NG_F_EVENTS;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: ng_store_fill DB FILE.jsonl\n");
		return 2;
	}
	char err[512];
	/* text stages only: every annotation below is synthetic, whatever
	** stages the engine has */
	ng_config cfg = {.stages = "extract,segment"};
	ng_engine *eng = ng_engine_create(&cfg, err, sizeof err);
	if (!eng) {
		fprintf(stderr, "ng_store_fill: %s\n", err);
		return 1;
	}
	ng_store *s = ng_store_open(argv[1], NG_STORE_CREATE, err, sizeof err);
	ng_reader *r = ng_reader_open(argv[2], NG_IN_JSONL, 0, err, sizeof err);
	ng_doc *d = ng_doc_create(0);
	if (!s || !r || !d) {
		fprintf(stderr, "ng_store_fill: %s\n", err);
		return 1;
	}
	ng_store_set_batch(s, 1024);
	char stages[256];
	snprintf(stages, sizeof stages, "%s,synthetic", ng_engine_stages(eng));
	if (ng_store_set_stages(s, stages) != NG_OK)
		return 1;
	long n = 0, added = 0;
	ng_status st;
	while ((st = ng_reader_next(r, d)) != NG_DONE) {
		if (st != NG_OK || ng_engine_annotate(eng, d) != NG_OK)
			continue;
		synthesize(d);
		ng_store_result res;
		if (ng_store_add(s, d, &res) != NG_OK) {
			fprintf(stderr, "ng_store_fill: %s\n", ng_store_errmsg(s));
			return 1;
		}
		added += res == NG_STORE_ADDED;
		if (++n % 20000 == 0)
			fprintf(stderr, "ng_store_fill: %ld articles\n", n);
	}
	ng_store_counts c;
	if (ng_store_close(s) != NG_OK) {
		fprintf(stderr, "ng_store_fill: the last commit failed\n");
		return 1;
	}
	s = ng_store_open(argv[1], NG_STORE_READONLY, err, sizeof err);
	if (s && ng_store_count(s, &c) == NG_OK)
		printf("%lld articles, %lld sentences, %lld entities, %lld mentions, %lld quotes, "
		       "%lld events, %lld links (%ld added now)\n",
		       (long long)c.articles, (long long)c.sentences, (long long)c.entities,
		       (long long)c.mentions, (long long)c.quotes, (long long)c.events,
		       (long long)c.links, added);
	(void)ng_store_close(s);
	ng_reader_close(r);
	ng_doc_destroy(d);
	ng_engine_destroy(eng);
	return 0;
}
