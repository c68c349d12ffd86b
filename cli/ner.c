/*
** ner.c -- `newsgraph train-ner` (train the entity tagger on a CoNLL file)
** and `newsgraph tag-conll` (tag a CoNLL file: "token gold pred" lines for
** scoring, and the tagging speed).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "newsgraph/newsgraph.h"

static void train_help(FILE *f)
{
	fprintf(f,
		"usage: newsgraph train-ner --train FILE [--dev FILE] -o MODEL [OPTIONS]\n\n"
		"Trains the entity tagger (averaged perceptron, Viterbi over BIO tags) on a\n"
		"CoNLL-2003 file and writes the model; with --dev the best epoch on it is kept.\n\n"
		"options:\n"
		"      --train FILE       training data (token ... tag per line)\n"
		"      --dev FILE         development data to choose the epoch\n"
		"  -o, --output MODEL     model file to write (e.g. data/ner.model)\n"
		"      --data DIR         data directory (default: %s)\n"
		"      --gazetteers DIR   gazetteer lists (default: DATA/gazetteers)\n"
		"      --no-gazetteers    train without gazetteer features\n"
		"      --unlabelled FILE  text for word clusters (repeatable)\n"
		"      --clusters FILE    word-cluster cache: read if present, else written\n"
		"      --epochs N         training passes (default 15)\n"
		"      --two-pass         tag documents twice (whole-document history)\n"
		"  -q, --quiet            no progress lines\n"
		"  -h, --help             this help\n",
		ng_data_dir());
}

int cmd_train_ner(int argc, char **argv)
{
	ng_ner_train_opts o = {.epochs = 15, .passes = 1, .log = stderr};
	const char *data = ng_data_dir();
	char gazdir[4096];
	bool gaz_default = true;
	const char **unl = calloc((size_t)argc + 1, sizeof(char *));
	int n_unl = 0;
	if (!unl)
		return EXIT_SOME_FAILED;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			train_help(stdout);
			free(unl);
			return EXIT_OK;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			o.log = NULL;
		} else if (!strcmp(a, "--two-pass")) {
			o.passes = 2;
		} else if (!strcmp(a, "--no-gazetteers")) {
			o.gazetteer_dir = NULL;
			gaz_default = false;
		} else if (v && !strcmp(a, "--data")) {
			data = argv[++i];
		} else if (v && !strcmp(a, "--train")) {
			o.train_path = argv[++i];
		} else if (v && !strcmp(a, "--dev")) {
			o.dev_path = argv[++i];
		} else if (v && (!strcmp(a, "-o") || !strcmp(a, "--output"))) {
			o.model_path = argv[++i];
		} else if (v && !strcmp(a, "--gazetteers")) {
			o.gazetteer_dir = argv[++i];
			gaz_default = false;
		} else if (v && !strcmp(a, "--unlabelled")) {
			unl[n_unl++] = argv[++i];
		} else if (v && !strcmp(a, "--clusters")) {
			o.clusters_path = argv[++i];
		} else if (v && !strcmp(a, "--epochs")) {
			o.epochs = (unsigned)strtoul(argv[++i], NULL, 10);
		} else {
			fprintf(stderr, "newsgraph train-ner: bad option '%s'\n", a);
			train_help(stderr);
			free(unl);
			return EXIT_USAGE;
		}
	}
	if (!o.train_path || !o.model_path || !o.epochs) {
		train_help(stderr);
		free(unl);
		return EXIT_USAGE;
	}
	if (gaz_default) {
		snprintf(gazdir, sizeof gazdir, "%s/gazetteers", data);
		o.gazetteer_dir = gazdir;
	}
	o.unlabelled = unl;
	char err[512] = "";
	ng_status st = ng_ner_train(&o, err, sizeof err);
	free(unl);
	if (st != NG_OK) {
		fprintf(stderr, "newsgraph train-ner: %s\n", err[0] ? err : ng_strerror(st));
		return EXIT_SOME_FAILED;
	}
	return EXIT_OK;
}

static void tag_help(FILE *f)
{
	fprintf(f,
		"usage: newsgraph tag-conll [-m MODEL] [--data DIR] [-o OUT] FILE\n\n"
		"Tags a CoNLL-2003 file with the entity tagger and writes one\n"
		"'token gold predicted' line per token (blank lines between sentences), the\n"
		"input of conll_f1.py. The tagging speed goes to standard error.\n\n"
		"options:\n"
		"  -m, --model FILE   model (default: DATA/ner.model)\n"
		"      --data DIR     data directory: model and gazetteers (default: %s)\n"
		"  -o, --output FILE  write there instead of standard output\n"
		"  -h, --help         this help\n",
		ng_data_dir());
}

int cmd_tag_conll(int argc, char **argv)
{
	const char *model = NULL, *data = NULL, *out_path = NULL, *in = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int has_v = i + 1 < argc;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			tag_help(stdout);
			return EXIT_OK;
		} else if (has_v && (!strcmp(a, "-m") || !strcmp(a, "--model"))) {
			model = argv[++i];
		} else if (has_v && !strcmp(a, "--data")) {
			data = argv[++i];
		} else if (has_v && (!strcmp(a, "-o") || !strcmp(a, "--output"))) {
			out_path = argv[++i];
		} else if (a[0] != '-' && !in) {
			in = a;
		} else {
			fprintf(stderr, "newsgraph tag-conll: bad argument '%s'\n", a);
			tag_help(stderr);
			return EXIT_USAGE;
		}
	}
	if (!in) {
		tag_help(stderr);
		return EXIT_USAGE;
	}
	FILE *out = stdout;
	if (out_path && !(out = fopen(out_path, "w"))) {
		fprintf(stderr, "newsgraph tag-conll: cannot write %s\n", out_path);
		return EXIT_SOME_FAILED;
	}
	char err[512] = "";
	double secs = 0;
	size_t n = 0;
	ng_status st = ng_ner_tag_conll(model, data, in, out, &secs, &n, err, sizeof err);
	if (out != stdout && fclose(out) != 0 && st == NG_OK)
		st = NG_EIO;
	if (st != NG_OK) {
		fprintf(stderr, "newsgraph tag-conll: %s\n", err[0] ? err : ng_strerror(st));
		return EXIT_SOME_FAILED;
	}
	fprintf(stderr, "tag-conll: %zu tokens in %.3f s of CPU: %.0f tokens/s per core\n", n, secs,
		secs > 0 ? (double)n / secs : 0.0);
	return EXIT_OK;
}
