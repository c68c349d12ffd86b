/*
** ng_evbench.c -- times the events stage alone: `ng_evbench FILE.jsonl
** [DICTIONARIES]` runs every stage the engine has before `events` over the
** records (kept in memory), then runs the events stage's process() over all
** of them again and again for at least 2 s of CPU time, each time after
** rewinding every document's arena to where the earlier stages left it (so
** a round costs what one pass of the pipeline costs), and prints
** sentences/s and articles/s per core in CPU time (the best of 5 such runs:
** the machine is shared) and in wall time, plus events found. DICTIONARIES is
** passed as --dictionaries would be (default: data/events/). Used by
** bench/events.sh.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_util.h"
#include "core/core.h"
#include "pipeline/stage.h"

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
	size_t n, failed, sentences = 0;
	ng_doc **docs = bench_load_docs(eng, argv[1], NG_IN_JSONL, 0, &n, &failed);
	if (!docs)
		return 1;
	for (size_t i = 0; i < n; i++)
		sentences += docs[i]->n_sentences;
	printf("stages before events: %s\n", before);
	ng_arena_pos *marks = malloc((n ? n : 1) * sizeof(*marks));
	if (!marks)
		return 1;
	for (size_t i = 0; i < n; i++)
		marks[i] = ng_arena_mark(docs[i]->arena);
	size_t events = 0, total_rounds = 0;
	double best_cpu = 0, best_wall = 0;
	for (int run = 0; run < 5; run++) {
		size_t rounds = 0;
		double c0 = bench_cpu_now(), w0 = bench_now(), c1, w1;
		do {
			for (size_t i = 0; i < n; i++) {
				ng_arena_rewind(docs[i]->arena, marks[i]);
				if (ng_stage_events.process(state, docs[i]) != NG_OK) {
					fprintf(stderr, "ng_evbench: events failed on %s\n", docs[i]->id);
					return 1;
				}
				if (!run && !rounds)
					events += docs[i]->n_events;
			}
			rounds++;
			c1 = bench_cpu_now();
			w1 = bench_now();
		} while (c1 - c0 < 2.0 / 5);
		double cpu = (c1 - c0) / (double)rounds, wall = (w1 - w0) / (double)rounds;
		if (!run || cpu < best_cpu)
			best_cpu = cpu;
		if (!run || wall < best_wall)
			best_wall = wall;
		total_rounds += rounds;
	}
	printf("events stage alone, 1 core: %zu articles, %zu sentences, %zu events; "
	       "CPU time: %.0f sentences/s, %.0f articles/s; wall: %.0f sentences/s "
	       "(best of 5 runs, %zu rounds)\n",
	       n, sentences, events, (double)sentences / best_cpu, (double)n / best_cpu,
	       (double)sentences / best_wall, total_rounds);
	free(marks);
	ng_stage_events.destroy(state);
	bench_free_docs(docs, n);
	ng_engine_destroy(eng);
	return 0;
}
