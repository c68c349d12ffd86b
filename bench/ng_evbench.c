/*
** ng_evbench.c -- times the events stage alone: `ng_evbench FILE.jsonl
** [DICTIONARIES]` runs every stage the engine has before `events` over the
** records (kept in memory), then runs the events stage's process() over all
** of them again and again until at least 2 s have passed, and prints
** sentences/s and articles/s for one core, plus events found. DICTIONARIES is
** passed as --dictionaries would be (default: data/events/). Used by
** bench/events.sh.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/core.h"
#include "pipeline/stage.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: ng_evbench FILE.jsonl [DICTIONARIES]\n");
		return 2;
	}
	char err[512];
	/* the stages before events: the engine's default list without events */
	ng_engine *all = ng_engine_create(NULL, err, sizeof err);
	if (!all) {
		fprintf(stderr, "ng_evbench: %s\n", err);
		return 1;
	}
	char before[256];
	snprintf(before, sizeof before, "%s", ng_engine_stages(all));
	ng_engine_destroy(all);
	char *ev = strstr(before, ",events");
	if (ev)
		*ev = '\0';
	ng_config cfg = {.stages = before, .dictionaries = argc == 3 ? argv[2] : NULL};
	ng_engine *eng = ng_engine_create(&cfg, err, sizeof err);
	void *state = NULL;
	if (!eng || ng_stage_events.init(&cfg, &state, err, sizeof err) != NG_OK) {
		fprintf(stderr, "ng_evbench: %s\n", err);
		return 1;
	}
	ng_reader *r = ng_reader_open(argv[1], NG_IN_JSONL, 0, err, sizeof err);
	if (!r) {
		fprintf(stderr, "ng_evbench: %s\n", err);
		return 1;
	}
	size_t n = 0, cap = 0, sentences = 0;
	ng_doc **docs = NULL;
	for (;;) {
		ng_doc *d = ng_doc_create(0);
		if (!d)
			return 1;
		ng_status st = ng_reader_next(r, d);
		if (st == NG_DONE) {
			ng_doc_destroy(d);
			break;
		}
		if (st != NG_OK || ng_engine_annotate(eng, d) != NG_OK) {
			ng_doc_destroy(d);
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			docs = realloc(docs, cap * sizeof(*docs));
			if (!docs)
				return 1;
		}
		docs[n++] = d;
		sentences += d->n_sentences;
	}
	ng_reader_close(r);
	printf("stages before events: %s\n", before);
	size_t rounds = 0, events = 0;
	double t0 = now(), t1;
	do {
		for (size_t i = 0; i < n; i++) {
			if (ng_stage_events.process(state, docs[i]) != NG_OK) {
				fprintf(stderr, "ng_evbench: events failed on %s\n", docs[i]->id);
				return 1;
			}
			if (!rounds)
				events += docs[i]->n_events;
		}
		rounds++;
		t1 = now();
	} while (t1 - t0 < 2.0);
	double dt = (t1 - t0) / (double)rounds;
	printf("events stage alone, 1 core: %zu articles, %zu sentences, %zu events; "
	       "%.0f sentences/s, %.0f articles/s (%zu rounds)\n",
	       n, sentences, events, (double)sentences / dt, (double)n / dt, rounds);
	ng_stage_events.destroy(state);
	for (size_t i = 0; i < n; i++)
		ng_doc_destroy(docs[i]);
	free(docs);
	ng_engine_destroy(eng);
	return 0;
}
