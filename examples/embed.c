/*
** embed.c -- newsgraph as a library: read articles, annotate them, print the
** entities and quotations of each, using only the public API.
**
**   cc embed.c $(pkg-config --cflags --libs newsgraph) -o embed
**   ./embed article.txt [more inputs ...]
**
** Inputs are anything `newsgraph annotate` reads (text, HTML, JSON Lines, web
** archives, directories). The data directory is found as the program finds
** it (NEWSGRAPH_DATA, else the installed share/newsgraph).
*/
#include <stdio.h>
#include <stdlib.h>

#include <newsgraph/newsgraph.h>

static const char *const type_names[] = {"PER", "ORG", "LOC", "MISC"};

static void print_doc(const ng_doc *doc)
{
	printf("%s: %zu bytes of text, %zu entities, %zu quotes, %zu events\n",
	       doc->id ? doc->id : "(no id)", doc->text_len, doc->n_entities, doc->n_quotes,
	       doc->n_events);
	for (size_t i = 0; i < doc->n_entities; i++) {
		const ng_entity *e = &doc->entities[i];
		printf("  entity %-4s %s (%zu mentions)\n", e->type < 4 ? type_names[e->type] : "?",
		       e->name ? e->name : "", e->n_mentions);
	}
	for (size_t i = 0; i < doc->n_quotes; i++) {
		const ng_quote *q = &doc->quotes[i];
		const char *who = q->speaker >= 0 && (size_t)q->speaker < doc->n_entities
					  ? doc->entities[q->speaker].name
					  : "(unknown)";
		printf("  quote  %s: \"%.*s\"\n", who, (int)(q->end - q->start), doc->text + q->start);
	}
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s INPUT...\n", argv[0]);
		return 2;
	}
	char err[512];
	ng_config cfg = {0};
	ng_engine *eng = ng_engine_create(&cfg, err, sizeof err);
	if (!eng) {
		fprintf(stderr, "embed: %s\n", err);
		return 1;
	}
	printf("newsgraph %s, data %s, stages %s\n", NG_VERSION, ng_data_dir(), ng_engine_stages(eng));
	ng_doc *doc = ng_doc_create(0);
	int failed = !doc;
	for (int a = 1; a < argc && doc; a++) {
		ng_reader *r = ng_reader_open(argv[a], NG_IN_AUTO, 0, err, sizeof err);
		if (!r) {
			fprintf(stderr, "embed: %s\n", err);
			failed = 1;
			continue;
		}
		ng_status st;
		while ((st = ng_reader_next(r, doc)) != NG_DONE) {
			if (st != NG_OK) {
				fprintf(stderr, "embed: %s\n", ng_reader_errmsg(r));
				failed = 1;
				continue;
			}
			st = ng_engine_annotate(eng, doc);
			if (st != NG_OK) {
				fprintf(stderr, "embed: %s: %s\n", argv[a], ng_strerror(st));
				failed = 1;
				continue;
			}
			print_doc(doc);
		}
		ng_reader_close(r);
	}
	ng_doc_destroy(doc);
	ng_engine_destroy(eng);
	return failed ? 1 : 0;
}
