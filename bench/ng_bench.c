/*
** ng_bench.c -- times single stages in isolation, without reading or
** writing: `ng_bench segment FILE.jsonl` cleans every record's text first,
** then times tokenization + sentence splitting alone over all of them
** (repeated until at least 2 s have passed) and prints MB/s and articles/s
** for one core. Used by bench/text.sh.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/core.h"
#include "stage/extract/text.h"
#include "stage/segment/segment.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc != 3 || strcmp(argv[1], "segment") != 0) {
		fprintf(stderr, "usage: ng_bench segment FILE.jsonl\n");
		return 2;
	}
	char err[256];
	ng_reader *r = ng_reader_open(argv[2], NG_IN_JSONL, 0, err, sizeof err);
	if (!r) {
		fprintf(stderr, "ng_bench: %s\n", err);
		return 1;
	}
	/* keep all cleaned texts in memory */
	size_t n = 0, cap = 1024;
	char **texts = malloc(cap * sizeof(char *));
	size_t *lens = malloc(cap * sizeof(size_t));
	ng_doc *doc = ng_doc_create(0);
	ng_arena *keep = ng_arena_create(1 << 20, (size_t)4 << 30);
	size_t total = 0;
	ng_status st;
	while ((st = ng_reader_next(r, doc)) != NG_DONE) {
		if (st != NG_OK)
			continue;
		char *t;
		size_t l;
		ng_clean_report rep;
		if (ng_text_clean(keep, doc->raw, doc->raw_len, &t, &l, &rep) != NG_OK)
			continue;
		if (n == cap) {
			cap *= 2;
			texts = realloc(texts, cap * sizeof(char *));
			lens = realloc(lens, cap * sizeof(size_t));
		}
		texts[n] = t;
		lens[n++] = l;
		total += l;
	}
	ng_reader_close(r);
	ng_arena *a = ng_arena_create(1 << 20, 0);
	size_t toks = 0, sents = 0, rounds = 0;
	double t0 = now(), dt;
	do {
		for (size_t i = 0; i < n; i++) {
			ng_segmentation sg;
			if (ng_segment(a, texts[i], lens[i], &sg) != NG_OK) {
				fprintf(stderr, "ng_bench: segment failed\n");
				return 1;
			}
			toks += sg.n_tokens;
			sents += sg.n_sentences;
			ng_arena_reset(a);
		}
		rounds++;
		dt = now() - t0;
	} while (dt < 2.0);
	double mb = (double)total * (double)rounds / 1e6;
	printf("segment: %zu articles x %zu rounds, %.1f MB in %.2f s: %.1f MB/s, %.0f articles/s, "
	       "%.2f M tokens/s (one core)\n",
	       n, rounds, mb, dt, mb / dt, (double)n * (double)rounds / dt, (double)toks / dt / 1e6);
	(void)sents;
	ng_arena_destroy(a);
	ng_arena_destroy(keep);
	ng_doc_destroy(doc);
	free(texts);
	free(lens);
	return 0;
}
