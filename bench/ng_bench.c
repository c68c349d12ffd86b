/*
** ng_bench.c -- times single stages in isolation, without reading or
** writing: `ng_bench segment FILE.jsonl` cleans every record's text first,
** then times tokenization + sentence splitting alone over all of them
** (repeated until at least 2 s have passed) and prints MB/s and articles/s
** for one core. Used by bench/text.sh.
**
** `ng_bench quotes DIR OUT.jsonl` runs every stage before `quotes` over the
** articles in DIR (kept in memory), writes each article's text and quote
** records (byte offsets, with the cue's subject as written) and every entity
** mention (for pronoun speakers) to OUT.jsonl for
** bench/quotes_score.py, then times the quotes stage alone over all of them
** (thread CPU time, so that other processes on a shared machine do not count).
** `ng_bench quotes DIR OUT.jsonl CANDIDATES.tsv` writes the records of a run
** without the leftover-cue pass instead, and every candidate of that pass
** to CANDIDATES.tsv ("id<TAB>start<TAB>end<TAB>features"): the training data
** of data/quotes/leftover.model (tools/train_quotes_model.py).
**
** `ng_bench store FILE.jsonl DB [N]` annotates the first N records (default
** 1500) of FILE.jsonl through every stage, kept in memory, then writes them
** to a new SQLite store DB four times (each round under other URLs, so every
** write is a new article) and prints the thread CPU time of the writes, the
** commits and the close: the cost of the store alone, which bench/store.sh
** measures only inside whole builds (bench/store.sh STORE_ONLY=1). With
** NG_BENCH_SQL set, that SQL runs on the new store first (to try a setting);
** NG_BENCH_BATCH=N commits every N articles instead of the store's default.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>

#include "bench_util.h"
#include "core/core.h"
#include "newsgraph/store.h"
#include "store/store_int.h"
#include "stage/extract/text.h"
#include "io/json.h"
#include "pipeline/stage.h"
#include "stage/quotes/quotes.h"
#include "stage/segment/segment.h"


static int bench_quotes(const char *dir, const char *out_path, const char *cand_path);
static int bench_store(const char *path, const char *db, size_t max);

/* `ng_bench sentences IN.jsonl`: every record as {"id","text","sentences"}
** after text cleaning and segmentation alone -- without the extract stage's
** crawled-text furniture trimming -- so bench/sentences.py measures the
** segmenter on exactly the text it built. */
static int bench_sentences(const char *path)
{
	char err[256];
	ng_reader *r = ng_reader_open(path, NG_IN_JSONL, 0, err, sizeof err);
	if (!r) {
		fprintf(stderr, "ng_bench: %s\n", err);
		return 1;
	}
	ng_doc *doc = ng_doc_create(0);
	ng_outbuf out = {.cap = (size_t)1 << 30};
	ng_status st;
	int rc = 0;
	while (!rc && (st = ng_reader_next(r, doc)) != NG_DONE) {
		ng_clean_report rep;
		ng_segmentation sg;
		if (st != NG_OK ||
		    ng_text_clean(doc->arena, doc->raw, doc->raw_len, &doc->text, &doc->text_len, &rep) ||
		    ng_segment(doc->arena, doc->text, doc->text_len, &sg)) {
			fprintf(stderr, "ng_bench: record failed\n");
			rc = 1;
			break;
		}
		doc->sentences = sg.sentences;
		doc->n_sentences = sg.n_sentences;
		out.len = 0;
		if (ng_write_jsonl(doc, 0, &out) != NG_OK || fwrite(out.data, 1, out.len, stdout) != out.len)
			rc = 1;
	}
	ng_outbuf_free(&out);
	ng_doc_destroy(doc);
	ng_reader_close(r);
	return rc;
}

int main(int argc, char **argv)
{
	if ((argc == 4 || argc == 5) && !strcmp(argv[1], "quotes"))
		return bench_quotes(argv[2], argv[3], argc == 5 ? argv[4] : NULL);
	if ((argc == 4 || argc == 5) && !strcmp(argv[1], "store"))
		return bench_store(argv[2], argv[3], argc == 5 ? (size_t)atol(argv[4]) : 1500);
	if (argc == 3 && !strcmp(argv[1], "sentences"))
		return bench_sentences(argv[2]);
	if (argc != 3 || strcmp(argv[1], "segment") != 0) {
		fprintf(stderr, "usage: ng_bench segment FILE.jsonl | ng_bench sentences FILE.jsonl | "
				"ng_bench quotes DIR OUT.jsonl [CANDIDATES.tsv] | "
				"ng_bench store FILE.jsonl DB [N]\n");
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
	double t0 = bench_now(), dt;
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
		dt = bench_now() - t0;
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

/* ---- quotes */

static int write_quotes_line(FILE *f, const ng_doc *d)
{
	ng_outbuf b = {0};
	b.cap = (size_t)1 << 30;
	ng_status st = ng_buf_append(&b, "{\"id\":", 6);
	if (st == NG_OK)
		st = ng_json_str(&b, d->id ? d->id : "", d->id ? strlen(d->id) : 0);
	if (st == NG_OK)
		st = ng_buf_append(&b, ",\"text\":", 8);
	if (st == NG_OK)
		st = ng_json_str(&b, d->text, d->text_len);
	if (st == NG_OK)
		st = ng_buf_append(&b, ",\"quotes\":[", 11);
	/* both arrays, quotes and attributions, merged in text order (the
	** scorer counts every attribution) */
	for (size_t i = 0, a = 0, k = 0; st == NG_OK && k < d->n_quotes + d->n_attributions; k++) {
		const ng_quote *x = i < d->n_quotes ? &d->quotes[i] : NULL;
		const ng_quote *y = a < d->n_attributions ? &d->attributions[a] : NULL;
		int take_y = y && (!x || y->start < x->start || (y->start == x->start && y->end < x->end));
		const ng_quote *q = take_y ? y : x;
		i += !take_y;
		a += take_y;
		char tmp[256];
		int l = snprintf(tmp, sizeof tmp, "%s[%u,%u,%u,%lld,%lld,%lld,%lld,%d,%lld,%lld]",
				 k ? "," : "", q->start, q->end, q->kind, (long long)q->speaker_start,
				 (long long)q->speaker_end, (long long)q->subject_start,
				 (long long)q->subject_end, q->speaker, (long long)q->cue_start,
				 (long long)q->cue_end);
		st = ng_buf_append(&b, tmp, (size_t)l);
	}
	/* every entity mention, pronouns included, for scoring pronoun sources */
	if (st == NG_OK)
		st = ng_buf_append(&b, "],\"mentions\":[", 14);
	int first = 1;
	for (size_t e = 0; st == NG_OK && e < d->n_entities; e++) {
		const ng_entity *en = &d->entities[e];
		for (size_t m = 0; st == NG_OK && m < en->n_mentions; m++) {
			char tmp[96];
			int l = snprintf(tmp, sizeof tmp, "%s[%u,%u,%zu]", first ? "" : ",",
					 en->mentions[m].start, en->mentions[m].end, e);
			st = ng_buf_append(&b, tmp, (size_t)l);
			first = 0;
		}
	}
	if (st == NG_OK)
		st = ng_buf_append(&b, "]}\n", 3);
	if (st == NG_OK)
		fwrite(b.data, 1, b.len, f);
	ng_outbuf_free(&b);
	return st == NG_OK ? 0 : 1;
}

static int bench_quotes(const char *dir, const char *out_path, const char *cand_path)
{
	char err[512];
	/* every stage before quotes */
	ng_engine *all = ng_engine_create(NULL, err, sizeof err);
	if (!all) {
		fprintf(stderr, "ng_bench: %s\n", err);
		return 1;
	}
	char before[256];
	snprintf(before, sizeof before, "%s", ng_engine_stages(all));
	char *q = strstr(before, "quotes");
	if (!q) {
		fprintf(stderr, "ng_bench: no quotes stage\n");
		return 1;
	}
	if (q > before)
		q[-1] = 0;
	ng_engine_destroy(all);
	ng_config cfg = {.stages = before};
	ng_engine *eng = ng_engine_create(&cfg, err, sizeof err);
	void *qstate = NULL;
	if (!eng || ng_stage_quotes.init(&cfg, &qstate, err, sizeof err) != NG_OK) {
		fprintf(stderr, "ng_bench: %s\n", err);
		return 1;
	}
	size_t n, failed, bytes = 0;
	ng_doc **docs = bench_load_docs(eng, dir, NG_IN_TEXT, 0, &n, &failed);
	if (!docs)
		return 1;
	for (size_t i = 0; i < n; i++)
		bytes += docs[i]->text_len;
	FILE *f = fopen(out_path, "w");
	if (!f) {
		fprintf(stderr, "ng_bench: cannot write %s\n", out_path);
		return 1;
	}
	FILE *cf = cand_path ? fopen(cand_path, "w") : NULL;
	if (cand_path && !cf) {
		fprintf(stderr, "ng_bench: cannot write %s\n", cand_path);
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		ng_outbuf dump = {.cap = (size_t)1 << 28};
		ng_status st = cf ? ng_quotes_find_dump(qstate, docs[i], &dump)
				  : ng_stage_quotes.process(qstate, docs[i]);
		if (st != NG_OK || write_quotes_line(f, docs[i])) {
			fprintf(stderr, "ng_bench: quotes failed on %s\n", docs[i]->id);
			return 1;
		}
		/* one line per candidate, the document's id first */
		for (size_t a = 0; a < dump.len;) {
			const char *nl = memchr(dump.data + a, '\n', dump.len - a);
			size_t e = nl ? (size_t)(nl - dump.data) + 1 : dump.len;
			fprintf(cf, "%s\t%.*s", docs[i]->id, (int)(e - a), dump.data + a);
			a = e;
		}
		ng_outbuf_free(&dump);
	}
	fclose(f);
	if (cf)
		fclose(cf);
	/* time the stage alone: a scratch document shares each article's text,
	** tokens and sentences and has its own arena, reset after each run as
	** the pipeline resets a document's arena between articles */
	ng_doc *scratch = ng_doc_create(0);
	ng_arena *own = scratch->arena;
	size_t rounds = 0, nq = 0;
	double t0 = bench_now(), c0 = bench_cpu_now(), dt;
	do {
		for (size_t i = 0; i < n; i++) {
			*scratch = *docs[i];
			scratch->arena = own;
			if (ng_stage_quotes.process(qstate, scratch) != NG_OK) {
				fprintf(stderr, "ng_bench: quotes failed\n");
				return 1;
			}
			nq += scratch->n_quotes;
			ng_arena_reset(own);
		}
		rounds++;
		dt = bench_now() - t0;
	} while (dt < 2.0);
	double ct = bench_cpu_now() - c0;
	double mb = (double)bytes * (double)rounds / 1e6;
	printf("quotes stage: %zu articles x %zu rounds in %.2f s CPU (%.2f s wall): %.0f articles/s, "
	       "%.1f MB/s per core of CPU time (%.0f articles/s by the wall clock), %.1f "
	       "quotes/article (stages before it: %s)\n",
	       n, rounds, ct, dt, (double)n * (double)rounds / ct, mb / ct,
	       (double)n * (double)rounds / dt, (double)nq / (double)(n * rounds), before);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("peak RSS %.1f MB (the process: every article annotated in memory, all models)\n",
	       (double)ru.ru_maxrss / 1024.0);
	bench_free_docs(docs, n);
	memset(scratch, 0, sizeof(*scratch));
	scratch->arena = own;
	ng_doc_destroy(scratch);
	ng_stage_quotes.destroy(qstate);
	ng_engine_destroy(eng);
	return 0;
}

/* ---- store */

static int bench_store(const char *path, const char *db, size_t max)
{
	char err[512];
	ng_engine *eng = ng_engine_create(NULL, err, sizeof err);
	if (!eng) {
		fprintf(stderr, "ng_bench: %s\n", err);
		return 1;
	}
	size_t n, failed;
	ng_doc **docs = bench_load_docs(eng, path, NG_IN_JSONL, max, &n, &failed);
	if (!docs)
		return 1;
	remove(db);
	char side[4096];
	snprintf(side, sizeof side, "%s-wal", db);
	remove(side);
	snprintf(side, sizeof side, "%s-shm", db);
	remove(side);
	ng_store *s = ng_store_open(db, NG_STORE_CREATE, err, sizeof err);
	if (!s || ng_store_set_stages(s, ng_engine_stages(eng)) != NG_OK) {
		fprintf(stderr, "ng_bench: %s\n", s ? ng_store_errmsg(s) : err);
		return 1;
	}
	/* NG_BENCH_SQL: SQL run on the new store before the timing, to try a
	** setting (an FTS5 option, a dropped index) without a new schema */
	const char *xsql = getenv("NG_BENCH_SQL");
	if (xsql && ng_store_exec(s, xsql) != NG_OK) {
		fprintf(stderr, "ng_bench: NG_BENCH_SQL: %s\n", ng_store_errmsg(s));
		return 1;
	}
	const char *xbatch = getenv("NG_BENCH_BATCH");
	if (xbatch && atoi(xbatch) > 0)
		ng_store_set_batch(s, (unsigned)atoi(xbatch));
	enum { ROUNDS = 4 };
	static char urls[ROUNDS][64];
	double c0 = bench_cpu_now(), t0 = bench_now();
	for (int k = 0; k < ROUNDS; k++) {
		for (size_t i = 0; i < n; i++) {
			snprintf(urls[k], sizeof urls[k], "bench:%d/%zu", k, i);
			const char *keep = docs[i]->source_url;
			docs[i]->source_url = urls[k];
			ng_store_result res;
			ng_status st = ng_store_add(s, docs[i], &res);
			docs[i]->source_url = keep;
			if (st != NG_OK || res != NG_STORE_ADDED) {
				fprintf(stderr, "ng_bench: store: %s\n", ng_store_errmsg(s));
				return 1;
			}
		}
	}
	double c1 = bench_cpu_now();
	if (ng_store_close(s) != NG_OK) {
		fprintf(stderr, "ng_bench: store close failed\n");
		return 1;
	}
	double c2 = bench_cpu_now(), t2 = bench_now();
	double na = (double)n * ROUNDS;
	printf("store alone: %.0f articles in %.2f s CPU (%.2f s wall): %.3f ms CPU per article "
	       "(adds and commits %.2f s, close %.2f s)\n",
	       na, c2 - c0, t2 - t0, 1000 * (c2 - c0) / na, c1 - c0, c2 - c1);
	bench_free_docs(docs, n);
	ng_engine_destroy(eng);
	return 0;
}
