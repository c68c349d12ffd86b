/*
** fuzz_reader.c -- libFuzzer target for the file readers (src/io/reader.c,
** instream.c, csv.c): the input's first byte picks the format (auto, text,
** jsonl, json, html, csv, tsv), the rest is written to a temporary file and
** read to its end with a small record cap. Whatever the bytes (compressed,
** UTF-16/32, broken JSON, unclosed CSV quotes), every record returned holds
** raw bytes within the cap and an id, and the reader ends.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const ng_input_format fmts[] = {NG_IN_AUTO, NG_IN_TEXT, NG_IN_JSONL, NG_IN_JSON,
					       NG_IN_HTML, NG_IN_CSV,  NG_IN_TSV};
	if (size < 1)
		return 0;
	ng_input_format fmt = fmts[data[0] % (sizeof fmts / sizeof fmts[0])];
	char path[] = "/tmp/ng_fuzz_reader_XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		abort();
	if (size > 1 && write(fd, data + 1, size - 1) != (ssize_t)(size - 1))
		abort();
	close(fd);
	ng_reader_opts o = {.fmt = fmt, .max_record = 4096};
	char err[256];
	ng_reader *r = ng_reader_open_opts(path, &o, err, sizeof err);
	if (!r)
		abort();
	ng_doc *d = ng_doc_create(1 << 24);
	if (!d)
		abort();
	for (int i = 0; i < 100000; i++) {
		ng_status st = ng_reader_next(r, d);
		if (st == NG_DONE)
			break;
		if (st == NG_OK && (!d->raw || !d->id || d->raw_len > 4096 + 3))
			abort();
		if (st != NG_OK && !ng_reader_errmsg(r)[0])
			abort(); /* every failure says why */
	}
	ng_doc_destroy(d);
	ng_reader_close(r);
	unlink(path);
	return 0;
}
