/*
** runner.h -- runs the engine over many inputs with N threads, keeping the
** input order: documents are read in batches, annotated and serialized in
** parallel, then handed to a sink one by one in order. Shared by every
** subcommand that processes a corpus.
*/
#ifndef NG_RUNNER_H
#define NG_RUNNER_H

#include <stdbool.h>
#include <stdint.h>

#include "newsgraph/newsgraph.h"

typedef struct runner_opts {
	char **inputs;        /* paths, "-" for standard input */
	int n_inputs;
	ng_input_format fmt;
	size_t max_bytes;     /* per record */
	const char *csv_columns;     /* --csv-columns, or NULL */
	const char *include[33];     /* --include globs, NULL-terminated */
	const char *exclude[33];     /* --exclude globs, NULL-terminated */
	bool verbose;                /* -v: list each file a directory walk passes over */
	int date_order;              /* --date-order: 0 dmy (default), 1 mdy */
	int threads;
	bool progress;        /* a progress line on standard error */
	bool summary;         /* a line per web archive: records read and skipped */
	unsigned write_flags; /* NG_W_* */
	bool no_json;         /* the sink needs the document only: json is NULL */
	size_t in_flight;     /* documents the runner may hold between reader and sink
				 (0: two batches, 16 per thread each); more let annotation
				 run ahead of a sink that stalls, at the memory of a
				 document each; at most 16 batches */
	/* Called in input order for each annotated document, with its JSON
	** line. Returns 0, or non-zero to stop the run (an output error). */
	int (*sink)(void *ctx, const ng_doc *doc, const char *json, size_t len);
	void *sink_ctx;
} runner_opts;

typedef struct runner_stats {
	uint64_t docs_ok;
	uint64_t docs_failed;    /* records skipped: unreadable, malformed, stage failure */
	uint64_t docs_warned;    /* written, with problems in their "errors" */
	uint64_t inputs_failed;  /* paths that could not be opened */
	uint64_t bytes_in;
	double seconds;
	double sink_cpu;         /* CPU seconds of the sink thread (0 when the sink ran in the main thread) */
	bool sink_failed;
} runner_stats;

/* Options every corpus command shares, besides runner_opts: */
typedef struct runner_cli {
	const char *stages; /* --stages LIST, or NULL for all */
	const char *data;   /* --data DIR, or NULL for the default (ng_data_dir()) */
	bool quiet;         /* -q */
	const char *list;   /* -@ FILE: input paths, one a line */
	char *list_text;    /* its text, holding the paths (free() it) */
} runner_cli;

/* Sets the defaults: auto format, 16 MiB records, one thread per core. */
void runner_opts_init(runner_opts *o);

/* Parses one of the shared options at argv[*i]: -j/--threads N, -f/--format
** FMT, --stages LIST, --data DIR, --max-bytes N, -q/--quiet, -v/--verbose,
** --csv-columns SPEC, --include GLOB, --exclude GLOB, -@ FILE, and the glued
** -jN, -fFMT.
** Returns 1 when it was one (*i then points at its last word), 0 when it is
** not a shared option, -1 on a usage error (reported on standard error,
** prefixed with `cmd`). */
int runner_parse_opt(const char *cmd, int argc, char **argv, int *i, runner_opts *o, runner_cli *c);

/* Prints the engine's warnings about its stage list (a stage that runs
** without an optional input) on standard error, each prefixed with
** "CMD: warning: ", unless `quiet`. */
void runner_warn_stages(const char *cmd, const ng_engine *eng, bool quiet);

/* Appends the paths listed in c->list (one a line; blank lines and lines
** starting with # are passed over; "-" for the list reads standard input)
** to *inputs (malloc'd, grown here) and *n_in. Returns 0, or -1 after a
** message on standard error. No-op without -@. */
int runner_read_list(const char *cmd, runner_cli *c, char ***inputs, int *n_in);

/* Returns 0 when everything went well, 1 when some input failed, and
** fills *stats. Messages go to standard error. */
int runner_run(const ng_engine *eng, const runner_opts *o, runner_stats *stats);

#endif
