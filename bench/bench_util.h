/*
** bench_util.h -- what the benchmark tools in bench/ share: clocks, and
** a corpus read and annotated into memory so that one stage can then be
** timed alone over it.
*/
#ifndef NG_BENCH_UTIL_H
#define NG_BENCH_UTIL_H

#include <stddef.h>

#include "newsgraph/newsgraph.h"

/* Seconds of this thread's CPU time (other processes on a shared machine
** do not count), and of the monotonic clock. */
double bench_cpu_now(void);
double bench_now(void);

/* Reads the records of `path` (as ng_reader_open() takes it, format
** `fmt`), annotates each with `eng` and keeps it: up to `max` documents
** (0: all). Records that fail to read or annotate are skipped and counted in
** *failed. Returns the documents (*n of them; free with bench_free_docs()),
** or NULL with a message on standard error when `path` cannot be opened
** or memory runs out. */
ng_doc **bench_load_docs(const ng_engine *eng, const char *path, ng_input_format fmt, size_t max,
			 size_t *n, size_t *failed);
void bench_free_docs(ng_doc **docs, size_t n);

#endif
