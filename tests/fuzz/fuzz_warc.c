/*
** fuzz_warc.c -- libFuzzer target for the WARC / ARC reader (src/io/warc.c):
** reads the input as an archive from memory (fmemopen) until the end, twice:
** with the default record cap, and with a tiny cap and the first bytes given
** as an already-read prefix, so the size-limit and prefix paths are fuzzed
** too. Checks what every returned page must satisfy, and that the reader
** always ends (every call consumes input or finishes).
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "io/warc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void run(const uint8_t *data, size_t size, size_t prefix, size_t max_record, ng_doc *doc)
{
	FILE *f = size > prefix ? fmemopen((void *)(uintptr_t)(data + prefix), size - prefix, "rb")
				: fopen("/dev/null", "rb");
	if (!f)
		return;
	ng_warc *w = ng_warc_open(f, "fuzz", max_record, data, prefix);
	if (!w) {
		fclose(f);
		return;
	}
	/* each call either returns a page, reports at least one byte, or ends */
	for (size_t calls = 0; calls <= 2 * size + 16; calls++) {
		ng_doc_reset(doc);
		ng_status st = ng_warc_next(w, doc);
		if (st == NG_DONE)
			break;
		if (st == NG_OK) {
			if (doc->raw_kind != NG_RAW_HTML || !doc->raw || doc->raw[doc->raw_len] != '\0' ||
			    !doc->id || !doc->source_path || doc->source_offset < 0 ||
			    doc->source_offset > (int64_t)size || doc->raw_len > max_record)
				abort();
			continue;
		}
		if (st != NG_EPARSE && st != NG_ELIMIT)
			abort(); /* no read errors or internal errors from memory */
		if (!ng_warc_errmsg(w)[0])
			abort(); /* every error has a message */
		if (calls == 2 * size + 16)
			abort(); /* no end in sight */
	}
	ng_warc_close(w);
	fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ng_doc *doc = ng_doc_create((size_t)256 << 20);
	if (!doc)
		return 0;
	(void)ng_warc_sniff(data, size);
	run(data, size, 0, (size_t)1 << 20, doc);
	run(data, size, size < 13 ? size : 13, 64, doc);
	ng_doc_destroy(doc);
	return 0;
}
