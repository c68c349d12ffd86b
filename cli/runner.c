/*
** runner.c -- batch-parallel, order-keeping processing of a corpus.
**
** The main thread fills a batch of document slots from the readers; worker
** threads take slots by an atomic counter, annotate them and write their
** JSON into the slot's buffer. Annotated batches go, in order, to a sink
** thread that hands each document to the sink and then returns the batch's
** slots (each slot's arena reset, keeping its first chunk) to a pool. Reading
** is cheap next to annotating, so one reader feeds all workers. While the
** workers annotate one batch, the main thread refills a free one; the pool
** holds enough batches for `runner_opts.in_flight` documents, so annotation
** can run that far ahead of a sink that stalls now and then (the commits of `newsgraph
** build`, a few hundred milliseconds each) instead of waiting for it.
*/
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "runner.h"

#define SLOTS_PER_THREAD 16
#define MAX_SETS 16 /* batches in flight at most */
#define BATCH_BYTES ((uint64_t)64 << 20)

typedef struct slot {
	ng_doc *doc;
	ng_outbuf out;
	ng_status st;
	bool given_back; /* the engine ran out of memory and gave the document back */
} slot;

typedef struct batch {
	const ng_engine *eng;
	slot *slots;
	size_t n;
	unsigned flags;
	bool no_json;
	atomic_size_t next;
} batch;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void process_slot(batch *b, slot *s)
{
	s->out.len = 0;
	s->st = ng_engine_annotate(b->eng, s->doc);
	s->given_back = s->st == NG_ENOMEM;
	if (s->st == NG_OK && !b->no_json)
		s->st = ng_write_jsonl(s->doc, b->flags, &s->out);
}

static void *worker(void *arg)
{
	batch *b = arg;
	for (;;) {
		size_t i = atomic_fetch_add(&b->next, 1);
		if (i >= b->n)
			return NULL;
		process_slot(b, &b->slots[i]);
	}
}

/* Starts `threads` workers on the batch without joining them. */
static int start_batch(batch *b, int threads, pthread_t *tid)
{
	atomic_store(&b->next, 0);
	int nt = threads;
	if ((size_t)nt > b->n)
		nt = (int)b->n;
	int started = 0;
	for (int t = 0; t < nt && t < 256; t++)
		if (pthread_create(&tid[t], NULL, worker, b) == 0)
			started++;
	return started;
}

/* Waits for the workers; annotates in this thread what no worker took.
** A document that ran out of memory beside the others (the engine gives
** it back as it came) is annotated once more, alone, now that they are
** done: under a memory limit many threads cost speed, not documents. */
static void join_batch(batch *b, pthread_t *tid, int started)
{
	if (started == 0)
		worker(b);
	for (int t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	if (started < 2)
		return;
	for (size_t i = 0; i < b->n; i++)
		if (b->slots[i].given_back)
			process_slot(b, &b->slots[i]);
}

static void progress_line(const runner_stats *s, double t0, bool final)
{
	double dt = now() - t0;
	double mb = (double)s->bytes_in / 1e6;
	fprintf(stderr, "\rnewsgraph: %llu articles, %.1f MB, %.1f MB/s, %llu errors%s",
		(unsigned long long)s->docs_ok, mb, dt > 0 ? mb / dt : 0.0,
		(unsigned long long)s->docs_failed, final ? "\n" : "   ");
}

/* For web archives: what was read and what was passed over; for
** directories, the files passed over. */
static void archive_summary(const ng_reader *r, const char *input)
{
	ng_reader_counts c;
	ng_reader_counts_get(r, &c);
	uint64_t skipped = c.skipped_binary + c.skipped_other + c.skipped_excluded;
	if (skipped)
		fprintf(stderr, "newsgraph: %s: %llu files read, %llu passed over: %llu binary, %llu "
				"not articles, %llu excluded by --include/--exclude (-v lists them)\n",
			input, (unsigned long long)c.files, (unsigned long long)skipped,
			(unsigned long long)c.skipped_binary, (unsigned long long)c.skipped_other,
			(unsigned long long)c.skipped_excluded);
	if (!c.records && !c.errors)
		return;
	fprintf(stderr, "newsgraph: %s: %llu archive records, %llu HTML pages; skipped: %llu by "
			"record type, %llu by HTTP status, %llu not HTML, %llu by encoding; %llu errors\n",
		input, (unsigned long long)c.records, (unsigned long long)c.pages,
		(unsigned long long)c.skipped_type, (unsigned long long)c.skipped_status,
		(unsigned long long)c.skipped_media, (unsigned long long)c.skipped_encoding,
		(unsigned long long)c.errors);
}

static void on_skip(void *ctx, const char *path, const char *why)
{
	(void)ctx;
	fprintf(stderr, "newsgraph: %s: passed over: %s\n", path, why);
}

/* The reading side of a run: the inputs and where we are in them. */
typedef struct feed {
	const runner_opts *o;
	runner_stats *stats;
	int in;
	ng_reader *r;
	uint64_t bytes_done; /* bytes of closed readers */
	bool done;
} feed;

/* Reads the next records into the batch's slots. */
static void fill_batch(feed *f, batch *b, size_t nslots)
{
	const runner_opts *o = f->o;
	uint64_t batch_bytes = 0;
	b->n = 0;
	while (b->n < nslots && batch_bytes < BATCH_BYTES) {
		if (!f->r) {
			if (f->in >= o->n_inputs) {
				f->done = true;
				break;
			}
			char err[1024];
			ng_reader_opts ro = {.fmt = o->fmt, .max_record = o->max_bytes,
					     .csv_columns = o->csv_columns, .include = o->include,
					     .exclude = o->exclude, .date_order = o->date_order,
					     .on_skip = o->verbose ? on_skip : NULL};
			f->r = ng_reader_open_opts(o->inputs[f->in], &ro, err, sizeof err);
			f->in++;
			if (!f->r) {
				fprintf(stderr, "newsgraph: %s\n", err);
				f->stats->inputs_failed++;
				continue;
			}
		}
		slot *s = &b->slots[b->n];
		ng_status st = ng_reader_next(f->r, s->doc);
		if (st == NG_OK) {
			batch_bytes += s->doc->raw_len;
			b->n++;
		} else if (st == NG_DONE) {
			if (o->summary)
				archive_summary(f->r, o->inputs[f->in - 1]);
			f->bytes_done += ng_reader_bytes(f->r);
			ng_reader_close(f->r);
			f->r = NULL;
		} else {
			fprintf(stderr, "newsgraph: %s\n", ng_reader_errmsg(f->r));
			if (st == NG_EIO)
				f->stats->inputs_failed++;
			else
				f->stats->docs_failed++;
		}
	}
}

/* Hands an annotated batch to the sink in order, then resets its slots. */
static void sink_batch(const runner_opts *o, runner_stats *stats, batch *b)
{
	for (size_t i = 0; i < b->n && !stats->sink_failed; i++) {
		slot *s = &b->slots[i];
		const ng_doc *d = s->doc;
		if (s->st != NG_OK) {
			const char *why = d->n_errors ? d->errors[d->n_errors - 1].message
						      : ng_strerror(s->st);
			if (d->source_line > 0)
				fprintf(stderr, "newsgraph: %s:%lld: %s; skipped\n", d->source_path,
					(long long)d->source_line, why);
			else
				fprintf(stderr, "newsgraph: %s: %s; skipped\n",
					d->source_path ? d->source_path : d->id, why);
			stats->docs_failed++;
			continue;
		}
		for (size_t e = 0; e < d->n_errors; e++) {
			if (d->source_line > 0)
				fprintf(stderr, "newsgraph: %s:%lld: warning: %s\n", d->source_path,
					(long long)d->source_line, d->errors[e].message);
			else
				fprintf(stderr, "newsgraph: %s: warning: %s\n",
					d->source_path ? d->source_path : d->id, d->errors[e].message);
		}
		if (d->n_errors)
			stats->docs_warned++;
		if (o->sink(o->sink_ctx, d, s->out.data, s->out.len) != 0)
			stats->sink_failed = true;
		stats->docs_ok++;
		/* don't keep a huge buffer around for the next small document */
		if (s->out.alloc > ((size_t)8 << 20))
			ng_outbuf_free(&s->out);
	}
	for (size_t i = 0; i < b->n; i++)
		ng_doc_reset(b->slots[i].doc);
	b->n = 0;
}

void runner_opts_init(runner_opts *o)
{
	memset(o, 0, sizeof(*o));
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	o->fmt = NG_IN_AUTO;
	o->max_bytes = (size_t)16 << 20;
	o->threads = n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

int runner_parse_opt(const char *cmd, int argc, char **argv, int *i, runner_opts *o, runner_cli *c)
{
	const char *a = argv[*i];
	const char *val = *i + 1 < argc ? argv[*i + 1] : NULL;
	char opt[3] = {'-', a[1], '\0'};
	bool glued = a[0] == '-' && (a[1] == 'j' || a[1] == 'f' || a[1] == '@') && a[2];
	if (glued) { /* -j8, -fjsonl, -@list.txt */
		val = a + 2;
		a = opt;
	}
	bool takes_val = !strcmp(a, "-j") || !strcmp(a, "--threads") || !strcmp(a, "-f") ||
			 !strcmp(a, "--format") || !strcmp(a, "--stages") || !strcmp(a, "--max-bytes") ||
			 !strcmp(a, "--data") ||
			 !strcmp(a, "--csv-columns") || !strcmp(a, "--include") ||
			 !strcmp(a, "--exclude") || !strcmp(a, "-@") || !strcmp(a, "--date-order");
	if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
		c->quiet = true;
		return 1;
	}
	if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
		o->verbose = true;
		return 1;
	}
	if (!takes_val)
		return 0;
	if (!val) {
		fprintf(stderr, "%s: %s needs a value\n", cmd, a);
		return -1;
	}
	if (!glued)
		(*i)++;
	if (!strcmp(a, "-j") || !strcmp(a, "--threads")) {
		char *end;
		long n = strtol(val, &end, 10);
		if (*end || n < 1 || n > 256) {
			fprintf(stderr, "%s: -j needs a number from 1 to 256, not '%s'\n", cmd, val);
			return -1;
		}
		o->threads = (int)n;
	} else if (!strcmp(a, "-f") || !strcmp(a, "--format")) {
		static const struct {
			const char *name;
			ng_input_format fmt;
		} fmts[] = {{"auto", NG_IN_AUTO}, {"text", NG_IN_TEXT}, {"jsonl", NG_IN_JSONL},
			    {"json", NG_IN_JSON}, {"html", NG_IN_HTML}, {"warc", NG_IN_WARC},
			    {"csv", NG_IN_CSV},   {"tsv", NG_IN_TSV}};
		size_t k = 0;
		while (k < sizeof fmts / sizeof fmts[0] && strcmp(val, fmts[k].name))
			k++;
		if (k == sizeof fmts / sizeof fmts[0]) {
			fprintf(stderr, "%s: unknown format '%s' (auto, text, jsonl, json, html, warc, csv, "
					"tsv)\n",
				cmd, val);
			return -1;
		}
		o->fmt = fmts[k].fmt;
	} else if (!strcmp(a, "--stages")) {
		c->stages = val;
	} else if (!strcmp(a, "--data")) {
		c->data = val;
	} else if (!strcmp(a, "--csv-columns")) {
		o->csv_columns = val;
	} else if (!strcmp(a, "--date-order")) {
		if (strcmp(val, "dmy") && strcmp(val, "mdy")) {
			fprintf(stderr, "%s: --date-order is dmy or mdy, not '%s'\n", cmd, val);
			return -1;
		}
		o->date_order = !strcmp(val, "mdy");
	} else if (!strcmp(a, "-@")) {
		if (c->list) {
			fprintf(stderr, "%s: -@ given twice\n", cmd);
			return -1;
		}
		c->list = val;
	} else if (!strcmp(a, "--include") || !strcmp(a, "--exclude")) {
		const char **g = a[2] == 'i' ? o->include : o->exclude;
		int n = 0;
		while (g[n])
			n++;
		if (n >= 32) {
			fprintf(stderr, "%s: at most 32 %s globs\n", cmd, a);
			return -1;
		}
		g[n] = val;
	} else if (!cli_parse_size(val, &o->max_bytes) || o->max_bytes == 0 ||
		   o->max_bytes > ((size_t)16 << 20)) {
		/* a document may use 1 GiB of memory (its arena's cap); the entities
		** stage needs about 40 bytes per byte of news text, and news text of
		** 20 MiB already fails there (tests/malformed/run.sh): 16M is the
		** largest size every stage accepts */
		fprintf(stderr,
			"%s: --max-bytes needs a size up to 16M (a larger article does not fit the 1 GiB "
			"of memory a document may use), not '%s'\n",
			cmd, val);
		return -1;
	}
	return 1;
}

void runner_warn_stages(const char *cmd, const ng_engine *eng, bool quiet)
{
	const char *w = ng_engine_warnings(eng);
	while (!quiet && *w) {
		size_t len = strcspn(w, "\n");
		fprintf(stderr, "%s: warning: %.*s\n", cmd, (int)len, w);
		w += len + (w[len] == '\n');
	}
}

int runner_read_list(const char *cmd, runner_cli *c, char ***inputs, int *n_in)
{
	if (!c->list)
		return 0;
	FILE *f = strcmp(c->list, "-") ? fopen(c->list, "rb") : stdin;
	if (!f) {
		fprintf(stderr, "%s: -@ %s: %s\n", cmd, c->list, strerror(errno));
		return -1;
	}
	/* the whole list, capped: 64 MiB is a million long paths */
	size_t len = 0, cap = 0, max = (size_t)64 << 20;
	char *t = NULL;
	int rc = 0;
	for (;;) {
		if (cap - len < 65536) {
			char *nt = cap + 65536 + 1 > max ? NULL : realloc(t, cap + 65536 + 1);
			if (!nt) {
				fprintf(stderr, "%s: -@ %s: %s\n", cmd, c->list,
					cap + 65536 + 1 > max ? "list over 64 MiB" : "out of memory");
				rc = -1;
				break;
			}
			t = nt;
			cap += 65536;
		}
		size_t got = fread(t + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	if (rc == 0 && ferror(f)) {
		fprintf(stderr, "%s: -@ %s: read error: %s\n", cmd, c->list, strerror(errno));
		rc = -1;
	}
	if (f != stdin)
		fclose(f);
	if (rc) {
		free(t);
		return rc;
	}
	t[len] = '\0';
	c->list_text = t;
	size_t lines = 1;
	for (size_t i = 0; i < len; i++)
		lines += t[i] == '\n';
	char **ni = realloc(*inputs, ((size_t)*n_in + lines + 1) * sizeof(char *));
	if (!ni) {
		fprintf(stderr, "%s: -@ %s: out of memory\n", cmd, c->list);
		return -1;
	}
	*inputs = ni;
	for (char *p = t; p && *p;) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		size_t l = strlen(p);
		if (l && p[l - 1] == '\r')
			p[--l] = '\0';
		if (l && p[0] != '#')
			ni[(*n_in)++] = p;
		p = nl ? nl + 1 : NULL;
	}
	return 0;
}

/* The sets of slots between the main thread and the sink thread: a FIFO of
** annotated batches and a pool of free ones, under one lock. */
typedef struct relay {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	batch **ready; /* ring of annotated batches, in input order */
	size_t head, len, cap;
	batch **pool;  /* free batches */
	size_t n_pool;
	bool closed;   /* the main thread sends no more */
	atomic_bool stop;             /* the sink failed: read no further */
	atomic_uint_fast64_t bytes_in; /* for the progress line */
	const runner_opts *o;
	runner_stats sunk; /* the sink thread's counts */
	double t0;
} relay;

static batch *relay_take(relay *r)
{
	pthread_mutex_lock(&r->mu);
	while (r->n_pool == 0)
		pthread_cond_wait(&r->cv, &r->mu);
	batch *b = r->pool[--r->n_pool];
	pthread_mutex_unlock(&r->mu);
	return b;
}

static void relay_give(relay *r, batch *b) /* back to the pool */
{
	pthread_mutex_lock(&r->mu);
	r->pool[r->n_pool++] = b;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
}

static void relay_send(relay *r, batch *b) /* annotated, to the sink */
{
	pthread_mutex_lock(&r->mu);
	r->ready[(r->head + r->len) % r->cap] = b;
	r->len++;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
}

static void relay_close(relay *r)
{
	pthread_mutex_lock(&r->mu);
	r->closed = true;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
}

static double thread_cpu(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
		return 0.0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Hands batch b to the sink in order, flags a failed sink, returns b to the pool. */
static void relay_sink(relay *r, batch *b)
{
	sink_batch(r->o, &r->sunk, b);
	if (r->sunk.sink_failed)
		atomic_store(&r->stop, true);
	relay_give(r, b);
}

static void *sink_thread(void *arg)
{
	relay *r = arg;
	double last = r->t0;
	for (;;) {
		pthread_mutex_lock(&r->mu);
		while (r->len == 0 && !r->closed)
			pthread_cond_wait(&r->cv, &r->mu);
		if (r->len == 0) {
			pthread_mutex_unlock(&r->mu);
			r->sunk.sink_cpu = thread_cpu();
			return NULL;
		}
		batch *b = r->ready[r->head];
		r->head = (r->head + 1) % r->cap;
		r->len--;
		pthread_mutex_unlock(&r->mu);
		relay_sink(r, b);
		if (r->o->progress && now() - last > 0.5) {
			r->sunk.bytes_in = atomic_load(&r->bytes_in);
			progress_line(&r->sunk, r->t0, false);
			last = now();
		}
	}
}

int runner_run(const ng_engine *eng, const runner_opts *o, runner_stats *stats)
{
	memset(stats, 0, sizeof(*stats));
	int threads = o->threads < 1 ? 1 : o->threads > 256 ? 256 : o->threads;
	size_t nslots = (size_t)threads * SLOTS_PER_THREAD;
	size_t nsets = o->in_flight / nslots;
	nsets = nsets < 2 ? 2 : nsets > MAX_SETS ? MAX_SETS : nsets;
	slot *slots = calloc(nsets * nslots, sizeof(slot));
	batch *sets = calloc(nsets, sizeof(batch));
	batch **rings = calloc(2 * nsets, sizeof(batch *));
	if (!slots || !sets || !rings) {
		fprintf(stderr, "newsgraph: out of memory\n");
		free(slots);
		free(sets);
		free(rings);
		return 1;
	}
	size_t out_cap = o->max_bytes * 32 + ((size_t)1 << 20);
	for (size_t i = 0; i < nsets * nslots; i++) {
		slots[i].doc = ng_doc_create(0);
		slots[i].out.cap = out_cap;
		if (!slots[i].doc) {
			fprintf(stderr, "newsgraph: out of memory\n");
			for (size_t k = 0; k < i; k++)
				ng_doc_destroy(slots[k].doc);
			free(slots);
			free(sets);
			free(rings);
			return 1;
		}
	}
	relay r = {.ready = rings, .cap = nsets, .pool = rings + nsets, .o = o, .t0 = now()};
	pthread_mutex_init(&r.mu, NULL);
	pthread_cond_init(&r.cv, NULL);
	atomic_init(&r.stop, false);
	atomic_init(&r.bytes_in, 0);
	for (size_t k = 0; k < nsets; k++) {
		sets[k] = (batch){.eng = eng, .slots = slots + k * nslots, .n = 0,
				  .flags = o->write_flags, .no_json = o->no_json};
		r.pool[r.n_pool++] = &sets[nsets - 1 - k];
	}
	pthread_t sink_tid;
	bool sink_async = pthread_create(&sink_tid, NULL, sink_thread, &r) == 0;
	feed f = {.o = o, .stats = stats};
	pthread_t tid[256];
	/* `cur` is being annotated; meanwhile the main thread refills a free
	** batch with the next records, then sends `cur` on to the sink thread.
	** Without a sink thread (it could not start) the main thread sinks. */
	batch *cur = relay_take(&r);
	fill_batch(&f, cur, nslots);
	int started = start_batch(cur, threads, tid);
	for (;;) {
		batch *nxt = NULL;
		if (!f.done && !atomic_load(&r.stop)) {
			nxt = relay_take(&r);
			fill_batch(&f, nxt, nslots);
		}
		join_batch(cur, tid, started);
		atomic_store(&r.bytes_in, f.bytes_done + (f.r ? ng_reader_bytes(f.r) : 0));
		if (sink_async)
			relay_send(&r, cur);
		else
			relay_sink(&r, cur);
		if (!nxt || nxt->n == 0 || atomic_load(&r.stop)) {
			if (nxt) { /* empty, or read after the sink failed: not annotated */
				for (size_t i = 0; i < nxt->n; i++)
					ng_doc_reset(nxt->slots[i].doc);
				nxt->n = 0;
				relay_give(&r, nxt);
			}
			break;
		}
		started = start_batch(nxt, threads, tid);
		cur = nxt;
	}
	relay_close(&r);
	if (sink_async)
		pthread_join(sink_tid, NULL);
	if (f.r) {
		f.bytes_done += ng_reader_bytes(f.r);
		ng_reader_close(f.r);
	}
	stats->docs_ok = r.sunk.docs_ok;
	stats->docs_failed += r.sunk.docs_failed;
	stats->docs_warned = r.sunk.docs_warned;
	stats->sink_failed = r.sunk.sink_failed;
	stats->sink_cpu = r.sunk.sink_cpu;
	stats->bytes_in = f.bytes_done;
	stats->seconds = now() - r.t0;
	if (o->progress)
		progress_line(stats, r.t0, true);
	for (size_t i = 0; i < nsets * nslots; i++) {
		ng_doc_destroy(slots[i].doc);
		ng_outbuf_free(&slots[i].out);
	}
	pthread_cond_destroy(&r.cv);
	pthread_mutex_destroy(&r.mu);
	free(slots);
	free(sets);
	free(rings);
	return (stats->docs_failed || stats->inputs_failed || stats->sink_failed) ? 1 : 0;
}
