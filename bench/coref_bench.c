/*
** coref_bench.c -- runs the coref stage alone on documents whose entity
** tags are given (for measuring coreference apart from the tagger), prints
** each document's JSON line, and times the stage.
**
** usage: ng_coref_bench FILE > out.jsonl
** FILE holds documents as
**     #doc ID NBYTES NTAGS\n  NBYTES of clean text  \n
**     START END TYPE\n   (NTAGS lines; byte offsets; TYPE PER|ORG|LOC|MISC)
** Every token overlapping [START, END) is tagged (B- on the first). After
** the output, the stage alone is re-run over all documents until 2 s have
** passed and its speed (documents/s, tokens/s, one core) goes to stderr.
** Used by bench/coref.sh.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/core.h"
#include "pipeline/stage.h"
#include "stage/segment/segment.h"

typedef struct bdoc {
	char id[128];
	char *text;
	size_t len;
	uint32_t (*tags)[3];
	size_t n_tags;
} bdoc;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint32_t type_code(const char *s)
{
	return !strcmp(s, "PER") ? NG_ENT_PER : !strcmp(s, "ORG") ? NG_ENT_ORG
	       : !strcmp(s, "LOC") ? NG_ENT_LOC : NG_ENT_MISC;
}

static int read_docs(FILE *f, bdoc **out, size_t *n_out)
{
	size_t n = 0, cap = 64;
	bdoc *d = malloc(cap * sizeof(*d));
	char line[512];
	while (d && fgets(line, sizeof line, f)) {
		size_t len, nt;
		char id[128];
		if (sscanf(line, "#doc %127s %zu %zu", id, &len, &nt) != 3)
			return -1;
		if (n == cap && !(d = realloc(d, (cap *= 2) * sizeof(*d))))
			return -1;
		bdoc *b = &d[n++];
		snprintf(b->id, sizeof b->id, "%s", id);
		b->text = malloc(len + 1);
		b->tags = malloc((nt + 1) * sizeof(*b->tags));
		if (!b->text || !b->tags || fread(b->text, 1, len, f) != len || fgetc(f) != '\n')
			return -1;
		b->text[len] = 0;
		b->len = len;
		b->n_tags = nt;
		for (size_t i = 0; i < nt; i++) {
			char type[16];
			if (!fgets(line, sizeof line, f) ||
			    sscanf(line, "%u %u %15s", &b->tags[i][0], &b->tags[i][1], type) != 3)
				return -1;
			b->tags[i][2] = type_code(type);
		}
	}
	*out = d;
	*n_out = n;
	return d ? 0 : -1;
}

/* Fills the document: text, tokens, sentences, tags. */
static ng_status prepare(ng_doc *doc, const bdoc *b)
{
	ng_doc_reset(doc);
	doc->id = b->id;
	if (!(doc->text = ng_doc_strndup(doc, b->text, b->len)))
		return NG_ENOMEM;
	doc->text_len = b->len;
	ng_segmentation sg;
	ng_status st = ng_segment(doc->arena, doc->text, doc->text_len, &sg);
	if (st != NG_OK)
		return st;
	doc->tokens = sg.tokens;
	doc->n_tokens = sg.n_tokens;
	doc->sentences = sg.sentences;
	doc->sentence_tok = sg.sentence_tok;
	doc->n_sentences = sg.n_sentences;
	if (!(doc->ner_tags = ng_arena_alloc(doc->arena, doc->n_tokens + 1)))
		return NG_ENOMEM;
	memset(doc->ner_tags, 0, doc->n_tokens + 1);
	size_t i = 0;
	for (size_t k = 0; k < b->n_tags; k++) { /* tags are sorted by start */
		uint32_t s = b->tags[k][0], e = b->tags[k][1];
		while (i > 0 && doc->tokens[i - 1].end > s)
			i--;
		while (i < doc->n_tokens && doc->tokens[i].end <= s)
			i++;
		for (size_t j = i; j < doc->n_tokens && doc->tokens[j].start < e; j++)
			doc->ner_tags[j] = (uint8_t)(1 + 2 * b->tags[k][2] + (j > i));
	}
	doc->assigned = NG_F_RAW | NG_F_TEXT | NG_F_TOKENS | NG_F_SENTENCES;
	return NG_OK;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: ng_coref_bench FILE > out.jsonl\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	bdoc *docs = NULL;
	size_t n = 0;
	if (!f || read_docs(f, &docs, &n) != 0) {
		fprintf(stderr, "ng_coref_bench: cannot read %s\n", argv[1]);
		return 1;
	}
	fclose(f);
	char err[256] = "";
	void *state = NULL;
	if (ng_stage_coref.init(NULL, &state, err, sizeof err) != NG_OK) {
		fprintf(stderr, "ng_coref_bench: %s\n", err);
		return 1;
	}
	ng_doc *doc = ng_doc_create(0);
	ng_outbuf out = {.cap = (size_t)1 << 30};
	size_t tokens = 0;
	for (size_t i = 0; i < n; i++) {
		ng_status st = prepare(doc, &docs[i]);
		if (st == NG_OK)
			st = ng_stage_coref.process(state, doc);
		if (st == NG_OK) {
			doc->assigned |= NG_F_ENTITIES;
			out.len = 0;
			st = ng_write_jsonl(doc, 0, &out);
		}
		if (st != NG_OK) {
			fprintf(stderr, "ng_coref_bench: %s: %s\n", docs[i].id, ng_strerror(st));
			return 1;
		}
		fwrite(out.data, 1, out.len, stdout);
		tokens += doc->n_tokens;
	}
	/* timing: the stage alone (the document is prepared outside the clock) */
	double spent = 0;
	size_t runs = 0;
	do {
		for (size_t i = 0; i < n; i++) {
			if (prepare(doc, &docs[i]) != NG_OK)
				return 1;
			double t0 = now();
			if (ng_stage_coref.process(state, doc) != NG_OK)
				return 1;
			spent += now() - t0;
		}
		runs++;
	} while (spent < 2.0 && n);
	if (n)
		fprintf(stderr, "coref: %zu documents x %zu runs in %.2f s: %.0f documents/s, %.2f M tokens/s "
			"(one core, stage alone)\n",
			n, runs, spent, (double)(n * runs) / spent, (double)(tokens * runs) / spent / 1e6);
	ng_outbuf_free(&out);
	ng_doc_destroy(doc);
	ng_stage_coref.destroy(state);
	for (size_t i = 0; i < n; i++) {
		free(docs[i].text);
		free(docs[i].tags);
	}
	free(docs);
	return 0;
}
