/*
** fuzz_events.c -- libFuzzer target for the event coder. The first byte
** chooses the path: below 0xC0 the rest is an article run through extract,
** segment and events with the project's dictionaries (from 0x80 on with
** every PETRARCH option on: require_dyad false, new actors, comma clause
** removal); from 0xC0 on the rest
** is a dictionary file (verbs, actors, agents or discards by the byte's low
** bits) that is loaded, indexed and used to code a fixed article. Checks
** that every event's actor and verb spans lie inside its sentence, in text
** order, and that codes are set.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/core.h"
#include "pipeline/stage.h"
#include "stage/events/events.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ng_engine *eng, *seg, *opt_eng;

static void check(const ng_doc *d)
{
	for (size_t i = 0; i < d->n_events; i++) {
		const ng_event *e = &d->events[i];
		if (e->sentence >= d->n_sentences || e->start != d->sentences[e->sentence].start ||
		    e->end != d->sentences[e->sentence].end || !e->cameo)
			abort();
		const ng_actor *a[2] = {&e->source, &e->target};
		if (a[0]->start < 0 && a[1]->start < 0)
			abort(); /* at most one side may be missing (require_dyad false) */
		for (int k = 0; k < 2; k++)
			if (a[k]->start < 0 && a[k]->end < 0 && !a[k]->code && a[k]->entity < 0)
				continue;
			else if (a[k]->start < e->start || a[k]->end > e->end || a[k]->start >= a[k]->end ||
			    (a[k]->entity >= 0 && (size_t)a[k]->entity >= d->n_entities))
				abort();
		if (e->verb_start < e->start || e->verb_end > e->end || e->verb_start >= e->verb_end)
			abort();
	}
}

static const char article[] =
	"The Iranian foreign minister met Iraqi officials on Monday. Kenya was attacked by "
	"Somali militants, officials said. Arnor did not restore ties with Gondor and Osgiliath.";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!eng) {
		ng_config cfg = {.stages = "extract,segment,events"};
		eng = ng_engine_create(&cfg, NULL, 0);
		ng_config c2 = {.stages = "extract,segment"};
		seg = ng_engine_create(&c2, NULL, 0);
		char ini[] = "/tmp/ng_fuzz_opts_XXXXXX";
		int fd = mkstemp(ini);
		static const char opts[] = "require_dyad = false\nnew_actor_length = 6\n"
					   "comma_min = 1\ncomma_max = 8\ncomma_bmin = 1\n"
					   "comma_bmax = 8\ncomma_emin = 1\ncomma_emax = 8\n";
		if (fd < 0 || write(fd, opts, sizeof opts - 1) != (ssize_t)(sizeof opts - 1))
			abort();
		close(fd);
		ng_config c3 = {.stages = "extract,segment,events", .petrarch_config = ini};
		opt_eng = ng_engine_create(&c3, NULL, 0);
		unlink(ini);
		if (!eng || !seg || !opt_eng)
			abort();
	}
	if (!size)
		return 0;
	if (data[0] < 0xC0) {
		ng_doc *d = ng_doc_create(1 << 24);
		if (!d)
			abort();
		d->raw = (const char *)data + 1;
		d->raw_len = size - 1;
		d->id = "fuzz";
		d->assigned = NG_F_RAW;
		ng_status st = ng_engine_annotate(data[0] < 0x80 ? eng : opt_eng, d);
		if (st == NG_OK)
			check(d);
		else if (st != NG_EEMPTY && st != NG_ELIMIT)
			abort();
		ng_doc_destroy(d);
		return 0;
	}
	static const char *const kinds[] = {"verbs", "actors", "agents", "discards"};
	char path[] = "/tmp/ng_fuzz_dict_XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 0;
	if (write(fd, data + 1, size - 1) != (ssize_t)(size - 1)) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	ng_ev_dict *dict = ng_ev_dict_create();
	char err[256];
	if (!dict)
		abort();
	ng_status st = ng_ev_dict_load(dict, path, kinds[data[0] & 3], err, sizeof err);
	unlink(path);
	if (st == NG_OK && ng_ev_dict_finish(dict) == NG_OK) {
		ng_doc *d = ng_doc_create(1 << 24);
		if (!d)
			abort();
		d->raw = article;
		d->raw_len = sizeof article - 1;
		d->id = "fuzz";
		d->assigned = NG_F_RAW;
		if (ng_engine_annotate(seg, d) != NG_OK)
			abort();
		ng_ev_ctx c;
		if (ng_ev_ctx_init(&c, dict, NULL, d) != NG_OK)
			abort();
		for (size_t i = 0; i < d->n_sentences; i++)
			if (ng_ev_code_sentence(&c, d, i, NULL) != NG_OK)
				abort();
		check(d);
		ng_doc_destroy(d);
	} else if (st != NG_OK && st != NG_ENOMEM && st != NG_EIO) {
		abort();
	}
	ng_ev_dict_destroy(dict);
	return 0;
}
