/*
** bench_util.c -- clocks and the in-memory annotated corpus of the
** benchmark tools (bench_util.h).
*/
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_util.h"

static double clock_s(clockid_t c)
{
	struct timespec ts;
	clock_gettime(c, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double bench_cpu_now(void)
{
	return clock_s(CLOCK_THREAD_CPUTIME_ID);
}

double bench_now(void)
{
	return clock_s(CLOCK_MONOTONIC);
}

void bench_free_docs(ng_doc **docs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ng_doc_destroy(docs[i]);
	free(docs);
}

ng_doc **bench_load_docs(const ng_engine *eng, const char *path, ng_input_format fmt, size_t max,
			 size_t *n, size_t *failed)
{
	char err[512];
	*n = 0;
	*failed = 0;
	ng_reader *r = ng_reader_open(path, fmt, 0, err, sizeof err);
	if (!r) {
		fprintf(stderr, "bench: %s\n", err);
		return NULL;
	}
	size_t cap = 0;
	ng_doc **docs = NULL;
	while (!max || *n < max) {
		ng_doc *d = ng_doc_create(0);
		if (!d)
			goto oom;
		ng_status st = ng_reader_next(r, d);
		if (st == NG_DONE) {
			ng_doc_destroy(d);
			break;
		}
		if (st != NG_OK || ng_engine_annotate(eng, d) != NG_OK) {
			ng_doc_destroy(d);
			++*failed;
			continue;
		}
		if (*n == cap) {
			size_t nc = cap ? cap * 2 : 256;
			ng_doc **v = realloc(docs, nc * sizeof *v);
			if (!v) {
				ng_doc_destroy(d);
				goto oom;
			}
			docs = v;
			cap = nc;
		}
		docs[(*n)++] = d;
	}
	ng_reader_close(r);
	if (!docs)
		docs = malloc(sizeof *docs); /* an empty corpus is still a corpus */
	return docs;
oom:
	fprintf(stderr, "bench: %s: out of memory after %zu documents\n", path, *n);
	ng_reader_close(r);
	bench_free_docs(docs, *n);
	*n = 0;
	return NULL;
}
