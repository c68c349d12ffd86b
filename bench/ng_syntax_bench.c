/*
** ng_syntax_bench.c -- trains and times the dependency parser alone.
**
**   ng_syntax_bench train-parser TRAIN.conllu DEV.conllu OUT.model [options]
**       trains the parser (options: --epochs N --templates N --static
**       --explore P --prune Q --prune-scan --seed S) and writes the model of the best
**       epoch on DEV; progress on standard error.
**   ng_syntax_bench parse MODEL IN.conllu OUT.conllu [--repeat N]
**       parses every sentence of IN with its given words and tags (gold
**       tags unless the file holds predicted ones) and writes CoNLL-U with
**       HEAD and DEPREL replaced; then parses the whole file N more times
**       (default 5) and prints the best CPU time as tokens/s per core, the
**       in-process UAS/LAS against IN's own trees and the peak RSS.
**   ng_syntax_bench tag TAGGER IN.conllu OUT.conllu
**       writes IN with the UPOS, XPOS and LEMMA the tagger predicts.
**   ng_syntax_bench jackknife K TRAIN.conllu DEV.conllu OUT.conllu
**       writes TRAIN with tags predicted by K taggers, each trained on the
**       other K-1 parts (default options, epoch chosen on DEV), so that the
**       parser learns from tags as wrong as they will be when it runs.
** `parse` also takes --tagger MODEL: the sentences are tagged (and the
** timing covers tagging + parsing).
** Used by bench/syntax_parser.sh.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "bench_util.h"
#include "core/core.h"
#include "stage/syntax/conllu.h"
#include "stage/syntax/parser_int.h"
#include "stage/syntax/tagger.h"

static int usage(void)
{
	fprintf(stderr, "usage: ng_syntax_bench train-parser TRAIN DEV OUT [--epochs N] "
			"[--templates N] [--static] [--explore P] [--prune Q] [--prune-scan] [--seed S]\n"
			"       ng_syntax_bench parse MODEL IN.conllu OUT.conllu [--repeat N] "
			"[--tagger MODEL]\n"
			"       ng_syntax_bench tag TAGGER IN.conllu OUT.conllu\n"
			"       ng_syntax_bench prune MODEL Q OUT.model\n"
			"       ng_syntax_bench jackknife K TRAIN.conllu DEV.conllu OUT.conllu\n");
	return 2;
}

static ng_ud_corpus *read_or_die(const char *path)
{
	char err[512];
	ng_ud_corpus *c = NULL;
	if (ng_conllu_read(path, &c, err, sizeof err) != NG_OK) {
		fprintf(stderr, "ng_syntax_bench: %s\n", err);
		exit(1);
	}
	return c;
}

static int cmd_train(int argc, char **argv)
{
	if (argc < 5)
		return usage();
	ng_parser_train_opts o;
	ng_parser_train_defaults(&o);
	for (int i = 5; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--static") || !strcmp(a, "--prune-scan")) {
			*(a[2] == 's' ? &o.static_oracle : &o.prune_scan) = 1;
			continue;
		}
		if (!v)
			return usage();
		if (!strcmp(a, "--epochs"))
			o.epochs = (unsigned)strtoul(v, NULL, 10);
		else if (!strcmp(a, "--templates"))
			o.templates = (unsigned)strtoul(v, NULL, 10);
		else if (!strcmp(a, "--explore"))
			o.explore = strtod(v, NULL);
		else if (!strcmp(a, "--prune"))
			o.prune = (unsigned)strtoul(v, NULL, 10);
		else if (!strcmp(a, "--seed"))
			o.seed = strtoull(v, NULL, 0);
		else
			return usage();
		i++;
	}
	ng_ud_corpus *train = read_or_die(argv[2]), *dev = read_or_die(argv[3]);
	char err[512];
	double c0 = bench_cpu_now();
	ng_status st = ng_parser_train(train, dev, &o, argv[4], stderr, err, sizeof err);
	if (st != NG_OK) {
		fprintf(stderr, "ng_syntax_bench: %s\n", err);
		return 1;
	}
	fprintf(stderr, "trained in %.1f s CPU: %s\n", bench_cpu_now() - c0, argv[4]);
	ng_conllu_free(train);
	ng_conllu_free(dev);
	return 0;
}

static ng_tagger *load_tagger(const char *path)
{
	char err[512];
	ng_tagger *t = NULL;
	if (ng_tagger_load(path, &t, err, sizeof err) != NG_OK) {
		fprintf(stderr, "ng_syntax_bench: %s\n", err);
		exit(1);
	}
	return t;
}

/* Tags sentences [from, to) of c (every k-th from `fold` when k > 0) and
** puts the tags into its columns (names are static strings; lemmas are
** copied into c's arena). */
static int tag_corpus(const ng_tagger *t, ng_ud_corpus *c, size_t k, size_t fold)
{
	ng_arena *a = ng_arena_create(1 << 16, 1 << 26);
	if (!a)
		return 1;
	for (size_t s = 0; s < c->n; s++) {
		if (k && s % k != fold)
			continue;
		ng_ud_sent *u = &c->sents[s];
		ng_syn_word *w = ng_syn_from_ud(u, a);
		if (!w || ng_tagger_tag(t, a, w, u->n) != NG_OK)
			return 1;
		for (size_t i = 0; i < u->n; i++) {
			u->words[i].upos = ng_upos_name(w[i].upos);
			u->words[i].xpos = ng_xpos_name(w[i].xpos);
			size_t len = w[i].lemma ? strlen(w[i].lemma) : 0;
			char *lem = ng_arena_alloc(c->arena, len + 1);
			if (!lem)
				return 1;
			memcpy(lem, w[i].lemma ? w[i].lemma : "", len + 1);
			u->words[i].lemma = len ? lem : "_";
		}
		ng_arena_reset(a);
	}
	ng_arena_destroy(a);
	return 0;
}

static int write_corpus(const ng_ud_corpus *c, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		return 1;
	}
	for (size_t s = 0; s < c->n; s++)
		if (ng_conllu_write_sent(f, &c->sents[s]) != NG_OK)
			return 1;
	return fclose(f) != 0;
}

static int cmd_tag(int argc, char **argv)
{
	if (argc != 5)
		return usage();
	ng_tagger *t = load_tagger(argv[2]);
	ng_ud_corpus *c = read_or_die(argv[3]);
	int rc = tag_corpus(t, c, 0, 0) || write_corpus(c, argv[4]);
	ng_tagger_free(t);
	ng_conllu_free(c);
	return rc;
}

static int cmd_jackknife(int argc, char **argv)
{
	if (argc != 6)
		return usage();
	size_t k = strtoul(argv[2], NULL, 10);
	if (k < 2 || k > 20)
		return usage();
	ng_ud_corpus *train = read_or_die(argv[3]), *dev = read_or_die(argv[4]);
	ng_ud_corpus *tagged = read_or_die(argv[3]);
	ng_ud_sent *part = ng_malloc(train->n * sizeof *part);
	if (!part)
		return 1;
	char tmp[] = "/tmp/ng_jackknife_XXXXXX";
	int fd = mkstemp(tmp);
	if (fd < 0)
		return 1;
	close(fd);
	for (size_t f = 0; f < k; f++) {
		ng_ud_corpus rest = *train;
		rest.sents = part;
		rest.n = rest.n_words = 0;
		for (size_t s = 0; s < train->n; s++)
			if (s % k != f) {
				part[rest.n++] = train->sents[s];
				rest.n_words += train->sents[s].n;
			}
		ng_tagger_train_opts o = {0};
		char err[512];
		if (ng_tagger_train(&rest, dev, &o, tmp, NULL, err, sizeof err) != NG_OK) {
			fprintf(stderr, "ng_syntax_bench: %s\n", err);
			return 1;
		}
		ng_tagger *t = load_tagger(tmp);
		double up = 0;
		if (tag_corpus(t, tagged, k, f) != 0 || ng_tagger_eval(t, dev, &up, NULL, NULL) != NG_OK)
			return 1;
		fprintf(stderr, "jackknife part %zu of %zu tagged (that tagger: dev UPOS %.2f)\n", f + 1,
			k, up);
		ng_tagger_free(t);
	}
	unlink(tmp);
	int rc = write_corpus(tagged, argv[5]);
	ng_free(part);
	ng_conllu_free(train);
	ng_conllu_free(dev);
	ng_conllu_free(tagged);
	return rc;
}

/* Writes a copy of a model whose rows with a largest |weight| below q (of
** 32767) are zeroed, with the number of rows left: the accuracy and size
** that training with --prune q would give, without training again. */
static int cmd_prune(int argc, char **argv)
{
	if (argc != 5)
		return usage();
	FILE *f = fopen(argv[2], "rb");
	static unsigned char img[1 << 27];
	size_t len = f ? fread(img, 1, sizeof img, f) : 0;
	if (f)
		fclose(f);
	int q = atoi(argv[3]);
	prs_header h;
	memcpy(&h, img, sizeof h);
	prs_layout l;
	prs_layout_of(&h, &l);
	if (len < sizeof h || len != l.total)
		return 1;
	prs_tbucket *tt = (prs_tbucket *)(img + l.ttab);
	prs_lbucket *lt = (prs_lbucket *)(img + l.ltab);
	prs_lent *pool = (prs_lent *)(img + l.pool);
	size_t trows = 0, lrows = 0, np = 0;
	for (size_t i = 0; i < h.tbuckets; i++)
		for (int j = 0; j < PRS_BUCKET; j++) {
			int m = 0;
			for (int c = 0; c < PRS_NT; c++)
				m = abs(tt[i].w[c][j]) > m ? abs(tt[i].w[c][j]) : m;
			if (tt[i].fp[j] && m < q)
				for (int c = 0; c < PRS_NT; c++)
					tt[i].w[c][j] = 0;
			trows += tt[i].fp[j] && m >= q;
		}
	for (size_t i = 0; i < h.lbuckets; i++)
		for (int j = 0; j < PRS_BUCKET; j++) {
			prs_lent *e = pool + (lt[i].ref[j] >> 8);
			uint32_t cnt = lt[i].ref[j] & 0xFF;
			int m = 0;
			for (uint32_t c = 0; c < cnt; c++)
				m = abs(e[c].w) > m ? abs(e[c].w) : m;
			if (lt[i].fp[j] && m < q)
				for (uint32_t c = 0; c < cnt; c++)
					e[c].w = 0;
			if (lt[i].fp[j] && m >= q) {
				lrows++;
				np += cnt;
			}
		}
	((prs_header *)img)->checksum = prs_checksum(img, len);
	f = fopen(argv[4], "wb");
	if (!f || fwrite(img, 1, len, f) != len || fclose(f) != 0)
		return 1;
	size_t ts = (trows / 4 + 1) * 64, ls = (lrows / 4 + 1) * 64;
	printf("prune %d: %zu of %u transition rows, %zu of %u relation rows (%zu weights): "
	       "about %.1f MB\n", q, trows, h.ntrows, lrows, h.nlrows, np,
	       (double)(ts + ls + np * 4) / 1e6);
	return 0;
}

static int cmd_parse(int argc, char **argv)
{
	if (argc < 5)
		return usage();
	int repeat = 5;
	ng_tagger *tg = NULL;
	for (int i = 5; i < argc; i++) {
		if (i + 1 < argc && !strcmp(argv[i], "--repeat"))
			repeat = atoi(argv[++i]);
		else if (i + 1 < argc && !strcmp(argv[i], "--tagger"))
			tg = load_tagger(argv[++i]);
		else
			return usage();
	}
	char err[512];
	ng_parser *p = NULL;
	if (ng_parser_load(argv[2], &p, err, sizeof err) != NG_OK) {
		fprintf(stderr, "ng_syntax_bench: %s\n", err);
		return 1;
	}
	ng_ud_corpus *c = read_or_die(argv[3]);
	ng_arena *a = ng_arena_create(1 << 20, (size_t)1 << 31);
	ng_arena *scratch = ng_arena_create(1 << 20, 1 << 28);
	ng_syn_word **w = ng_malloc((c->n ? c->n : 1) * sizeof *w);
	if (!a || !scratch || !w)
		return 1;
	for (size_t s = 0; s < c->n; s++)
		if (!(w[s] = ng_syn_from_ud(&c->sents[s], a)))
			return 1;
	ng_parser_score sc = {0};
	for (size_t s = 0; s < c->n; s++) {
		if (tg && ng_tagger_tag(tg, a, w[s], c->sents[s].n) != NG_OK)
			return 1;
		if (ng_parser_parse(p, scratch, w[s], c->sents[s].n) != NG_OK) {
			fprintf(stderr, "ng_syntax_bench: %s sentence %zu: parse failed\n", argv[3], s + 1);
			return 1;
		}
		ng_parser_score_add(p, &c->sents[s], w[s], &sc);
	}
	FILE *f = fopen(argv[4], "w");
	if (!f) {
		perror(argv[4]);
		return 1;
	}
	for (size_t s = 0; s < c->n; s++) {
		ng_ud_sent *u = &c->sents[s];
		for (size_t i = 0; i < u->n; i++) {
			if (tg) {
				u->words[i].upos = ng_upos_name(w[s][i].upos);
				u->words[i].xpos = ng_xpos_name(w[s][i].xpos);
			}
			u->words[i].head = w[s][i].head;
			u->words[i].deprel = ng_parser_deprel(p, w[s][i].deprel);
		}
		if (ng_conllu_write_sent(f, u) != NG_OK)
			return 1;
	}
	if (fclose(f) != 0)
		return 1;
	double best = 1e30;
	for (int r = 0; r < repeat; r++) {
		double c0 = bench_cpu_now();
		for (size_t s = 0; s < c->n; s++) {
			if (tg && ng_tagger_tag(tg, scratch, w[s], c->sents[s].n) != NG_OK)
				return 1;
			if (ng_parser_parse(p, scratch, w[s], c->sents[s].n) != NG_OK)
				return 1;
			ng_arena_reset(scratch);
		}
		double dt = bench_cpu_now() - c0;
		if (dt < best)
			best = dt;
	}
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	double n = (double)c->n_words;
	printf("parser: %zu sentences, %zu words; UAS %.2f LAS %.2f (full relations %.2f)\n", c->n,
	       c->n_words, 100.0 * (double)sc.uas / n, 100.0 * (double)sc.las / n,
	       100.0 * (double)sc.las_full / n);
	if (repeat > 0)
		printf("%s speed: %.0f tokens/s per core (CPU, best of %d passes of %.3f s)\n",
		       tg ? "tagger + parser" : "parser", n / best, repeat, best);
	printf("peak RSS: %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
	ng_free(w);
	ng_arena_destroy(scratch);
	ng_arena_destroy(a);
	ng_conllu_free(c);
	ng_parser_free(p);
	ng_tagger_free(tg);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage();
	if (!strcmp(argv[1], "train-parser"))
		return cmd_train(argc, argv);
	if (!strcmp(argv[1], "parse"))
		return cmd_parse(argc, argv);
	if (!strcmp(argv[1], "prune"))
		return cmd_prune(argc, argv);
	if (!strcmp(argv[1], "tag"))
		return cmd_tag(argc, argv);
	if (!strcmp(argv[1], "jackknife"))
		return cmd_jackknife(argc, argv);
	return usage();
}
