/*
** build.c -- `newsgraph build DB INPUTS...`: runs the pipeline over a corpus
** and adds the annotated articles to an SQLite store (include/newsgraph/
** store.h). The runner hands over documents in input order; the store skips
** those it already holds, so a build can be re-run or resumed after a crash.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "newsgraph/store.h"
#include "runner.h"

static void help(FILE *f)
{
	fprintf(f,
		"usage: newsgraph build [OPTIONS] DB [INPUT...]\n\n"
		"Runs the pipeline over articles and adds them to the SQLite database DB\n"
		"(created when missing; schema: docs/store.md). INPUT is as for 'newsgraph\n"
		"annotate': a text file, an HTML page, a JSON Lines, JSON, CSV or TSV file, a\n"
		"web archive (.warc, .warc.gz, .arc, .arc.gz), a directory, or - for standard\n"
		"input (the default); compressed or not (gzip, zstd, bzip2).\n\n"
		"An article is identified by a hash of its clean text and URL: articles\n"
		"already in DB are skipped (or re-annotated when the stages differ), so a\n"
		"build can be repeated, extended with new inputs, or resumed after it was\n"
		"killed: nothing is lost beyond the last batch, nothing is stored twice.\n\n"
		"options:\n"
		"  -j, --threads N     worker threads (default: the number of cores)\n"
		"  -f, --format FMT    input format: auto (default), text, jsonl, json, html,\n"
		"                      warc, csv, tsv\n"
		"  -@ FILE             read input paths from FILE, one a line\n"
		"      --include GLOB, --exclude GLOB, --csv-columns SPEC, -v: as for annotate\n"
		"      --stages LIST   comma-separated stages to run (default: all)\n"
		"      --data DIR      models, gazetteers and word lists (default: $NEWSGRAPH_DATA,\n"
		"                      else share/newsgraph of the install, else the source\n"
		"                      tree's data/; here: %s)\n"
		"      --max-bytes N   largest record accepted, e.g. 4M (default and most: 16M)\n"
		"      --batch N       articles per transaction (default 2048)\n"
		"      --ahead N       articles annotated ahead of the writer, so the workers\n"
		"                      go on through a commit (default 1024, ~0.06 MB each)\n"
		"  -q, --quiet         no progress line and no summary\n"
		"  -h, --help          this help\n\n"
		"exit status: 0 all inputs stored, 1 some inputs failed, 2 usage error.\n",
		ng_data_dir());
}

typedef struct build_ctx {
	ng_store *store;
	const char *db;
	uint64_t added, skipped, updated, failed; /* committed, or needing no commit */
	uint64_t batch_added, batch_updated;      /* in the open batch */
	uint64_t lost;
	bool fatal;
} build_ctx;

/* The open batch committed: its articles are stored. */
static void batch_done(build_ctx *b)
{
	b->added += b->batch_added;
	b->updated += b->batch_updated;
	b->batch_added = b->batch_updated = 0;
}

/* The open batch rolled back: its articles are not stored. */
static void batch_lost(build_ctx *b)
{
	uint64_t n = b->batch_added + b->batch_updated;
	b->lost += n;
	if (n)
		fprintf(stderr, "newsgraph build: %s: not stored: the %llu articles added and %llu "
				"re-annotated since the last commit; the store holds everything before "
				"them, and the same build run again adds them\n",
			b->db, (unsigned long long)b->batch_added, (unsigned long long)b->batch_updated);
	b->batch_added = b->batch_updated = 0;
}

static int store_sink(void *ctx, const ng_doc *doc, const char *json, size_t len)
{
	(void)json;
	(void)len;
	build_ctx *b = ctx;
	ng_store_result res = NG_STORE_SKIPPED;
	ng_status st = ng_store_add(b->store, doc, &res);
	if (st == NG_OK || st == NG_EIO || st == NG_ENOMEM) {
		/* a failing commit (or a write that gave the batch up) counts the
		** document in the batch it takes with it */
		if (res == NG_STORE_ADDED)
			b->batch_added++;
		else if (res == NG_STORE_UPDATED)
			b->batch_updated++;
		else if (st == NG_OK)
			b->skipped++;
	}
	if (st == NG_OK) {
		if (ng_store_pending(b->store) == 0)
			batch_done(b);
		return 0;
	}
	fprintf(stderr, "newsgraph build: %s\n", ng_store_errmsg(b->store));
	b->failed++;
	if (st == NG_EIO || st == NG_ENOMEM) {
		batch_lost(b);
		b->fatal = true;
		return -1;
	}
	return 0;
}

/* The number after option argv[*i], from `lo` to 1000000: true with *n set
** and *i at the number, else false after a usage message. */
static bool count_arg(int argc, char **argv, int *i, long lo, long *n)
{
	const char *opt = argv[*i];
	char *end = NULL;
	*n = *i + 1 < argc ? strtol(argv[*i + 1], &end, 10) : lo - 1;
	if (*i + 1 >= argc || *end || *n < lo || *n > 1000000) {
		fprintf(stderr, "newsgraph build: %s needs a number from %ld to 1000000\n", opt, lo);
		return false;
	}
	(*i)++;
	return true;
}

int cmd_build(int argc, char **argv)
{
	const char *db = NULL;
	unsigned batch = 2048;
	runner_opts o;
	runner_opts_init(&o);
	o.sink = store_sink;
	o.no_json = true;
	/* a commit (every --batch articles) holds the sink for 0.3-0.6 s: with
	** about 1,000 articles in flight the workers keep annotating through it
	** instead of waiting; past that the sink itself is the limit, and more
	** would only cost memory (~0.06 MB per article); --ahead changes it */
	o.in_flight = 1024;
	runner_cli c = {0};
	char **inputs = calloc((size_t)argc + 1, sizeof(char *));
	int n_in = 0;
	if (!inputs)
		return EXIT_SOME_FAILED;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int shared = runner_parse_opt("newsgraph build", argc, argv, &i, &o, &c);
		if (shared < 0) {
			free(inputs);
			free(c.list_text);
			return EXIT_USAGE;
		}
		if (shared)
			continue;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			help(stdout);
			free(inputs);
			free(c.list_text);
			return EXIT_OK;
		} else if (!strcmp(a, "--batch") || !strcmp(a, "--ahead")) {
			bool is_batch = !strcmp(a, "--batch");
			long n;
			if (!count_arg(argc, argv, &i, is_batch ? 1 : 0, &n)) {
				free(inputs);
				free(c.list_text);
				return EXIT_USAGE;
			}
			if (is_batch)
				batch = (unsigned)n;
			else
				o.in_flight = (size_t)n;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "newsgraph build: unknown option '%s' (see --help)\n", a);
			free(inputs);
			free(c.list_text);
			return EXIT_USAGE;
		} else if (!db) {
			db = a;
		} else {
			inputs[n_in++] = argv[i];
		}
	}
	if (!db) {
		fprintf(stderr, "newsgraph build: no database given (see --help)\n");
		free(inputs);
		free(c.list_text);
		return EXIT_USAGE;
	}
	if (runner_read_list("newsgraph build", &c, &inputs, &n_in) != 0) {
		free(inputs);
		free(c.list_text);
		return EXIT_USAGE;
	}
	if (n_in == 0)
		inputs[n_in++] = "-";
	/* the store is no input: neither named as one nor inside an input
	** directory (its pages, -wal and -shm would be read as articles, more
	** each run) */
	for (int i = 0; i < n_in; i++)
		if (cli_is_db_file(inputs[i], db)) {
			fprintf(stderr, "newsgraph build: input %s is the database %s itself (or a file "
					"SQLite keeps beside it), not articles\n", inputs[i], db);
			free(inputs);
			return EXIT_USAGE;
		}
	if (cli_check_output("newsgraph build", db, inputs, n_in) != 0) {
		free(inputs);
		return EXIT_USAGE;
	}
	char err[1024];
	ng_config cfg = {.stages = c.stages, .data_dir = c.data, .max_doc_bytes = o.max_bytes};
	ng_engine *eng = ng_engine_create(&cfg, err, sizeof err);
	if (!eng) {
		fprintf(stderr, "newsgraph build: %s\n", err);
		free(inputs);
		free(c.list_text);
		return EXIT_USAGE;
	}
	runner_warn_stages("newsgraph build", eng, c.quiet);
	build_ctx b = {.db = db};
	b.store = ng_store_open(db, NG_STORE_CREATE, err, sizeof err);
	if (!b.store) {
		fprintf(stderr, "newsgraph build: %s\n", err);
		ng_engine_destroy(eng);
		free(inputs);
		free(c.list_text);
		return EXIT_SOME_FAILED;
	}
	ng_store_set_batch(b.store, batch);
	if (ng_store_set_stages(b.store, ng_engine_stages(eng)) != NG_OK) {
		fprintf(stderr, "newsgraph build: out of memory\n");
		(void)ng_store_close(b.store);
		ng_engine_destroy(eng);
		free(inputs);
		free(c.list_text);
		return EXIT_SOME_FAILED;
	}
	o.inputs = inputs;
	o.n_inputs = n_in;
	o.sink_ctx = &b;
	o.progress = !c.quiet && isatty(STDERR_FILENO);
	o.summary = !c.quiet;
	runner_stats st;
	int rc = runner_run(eng, &o, &st);
	if (ng_store_pending(b.store) && ng_store_commit(b.store) != NG_OK) {
		fprintf(stderr, "newsgraph build: %s\n", ng_store_errmsg(b.store));
		batch_lost(&b);
		rc = 1;
	} else {
		batch_done(&b);
	}
	if (ng_store_close(b.store) != NG_OK) {
		fprintf(stderr, "newsgraph build: %s: closing the database failed\n", db);
		rc = 1;
	}
	if (b.failed || b.fatal)
		rc = 1;
	if (!c.quiet)
		fprintf(stderr,
			"newsgraph build: %s: %llu articles added, %llu already stored, %llu re-annotated, "
			"%llu failed, %llu records skipped, %llu inputs unreadable%s; the writer thread "
			"used %.2f s CPU\n",
			db, (unsigned long long)b.added, (unsigned long long)b.skipped,
			(unsigned long long)b.updated, (unsigned long long)b.failed,
			(unsigned long long)st.docs_failed, (unsigned long long)st.inputs_failed,
			b.lost ? ", some not stored (above)" : "", st.sink_cpu);
	ng_engine_destroy(eng);
	free(inputs);
	free(c.list_text);
	return rc ? EXIT_SOME_FAILED : EXIT_OK;
}
