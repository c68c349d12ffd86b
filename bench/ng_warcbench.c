/*
** ng_warcbench.c -- times the web-archive reader alone (no pipeline stage):
** `ng_warcbench FILE...` reads every file through ng_reader (format by
** extension or content), keeps nothing, and prints the input MB (as stored,
** so compressed for .gz), the payload MB returned, archive records, HTML
** pages, errors, seconds, and MB/s and records/s for one core. Used by
** bench/warc.sh.
*/
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "newsgraph/newsgraph.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: ng_warcbench FILE...\n");
		return 2;
	}
	ng_doc *doc = ng_doc_create(0);
	if (!doc)
		return 1;
	double t0 = now();
	uint64_t in_bytes = 0, payload = 0, errors = 0;
	ng_reader_counts total = {0};
	for (int i = 1; i < argc; i++) {
		char err[512];
		ng_reader *r = ng_reader_open(argv[i], NG_IN_AUTO, 0, err, sizeof err);
		if (!r) {
			fprintf(stderr, "ng_warcbench: %s\n", err);
			return 1;
		}
		ng_status st;
		while ((st = ng_reader_next(r, doc)) != NG_DONE) {
			if (st == NG_OK)
				payload += doc->raw_len;
			else if (st == NG_EIO)
				break;
			else
				errors++;
		}
		ng_reader_counts c;
		ng_reader_counts_get(r, &c);
		total.records += c.records;
		total.pages += c.pages;
		in_bytes += ng_reader_bytes(r);
		ng_reader_close(r);
	}
	double dt = now() - t0;
	printf("input %.1f MB, payload %.1f MB, %llu records, %llu HTML pages, %llu errors, %.2f s: "
	       "%.1f MB/s input, %.0f records/s, %.0f pages/s\n",
	       (double)in_bytes / 1e6, (double)payload / 1e6, (unsigned long long)total.records,
	       (unsigned long long)total.pages, (unsigned long long)errors, dt,
	       (double)in_bytes / 1e6 / dt, (double)total.records / dt, (double)total.pages / dt);
	ng_doc_destroy(doc);
	return 0;
}
