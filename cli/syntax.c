/*
** syntax.c -- `newsgraph train-syntax` (train the tagger and the parser on
** a CoNLL-U treebank) and `newsgraph parse-conllu` (tag and parse a CoNLL-U
** file with its own tokenization, for scoring, and the speed).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "newsgraph/newsgraph.h"

static void train_help(FILE *f)
{
	fprintf(f,
		"usage: newsgraph train-syntax --train FILE [--dev FILE] [--tagger MODEL]\n"
		"                              [--parser MODEL] [OPTIONS]\n\n"
		"Trains the part-of-speech tagger and lemmatizer and/or the dependency parser on\n"
		"a CoNLL-U treebank and writes their models; with --dev the best epoch on it is\n"
		"kept. The same files and options give the same model bytes.\n\n"
		"options:\n"
		"      --train FILE       training treebank (CoNLL-U)\n"
		"      --dev FILE         development treebank to choose the epochs\n"
		"      --tagger MODEL     tagger model to write (e.g. data/syntax/tagger.model)\n"
		"      --parser MODEL     parser model to write (e.g. data/syntax/parser.model)\n"
		"      --tagger-epochs N  tagger training passes (default 10)\n"
		"      --parser-epochs N  parser training passes (default: the parser's)\n"
		"      --seed N           order of the training sentences (default 1)\n"
		"  -q, --quiet            no progress lines\n"
		"  -h, --help             this help\n");
}

int cmd_train_syntax(int argc, char **argv)
{
	ng_syntax_train_opts o = {.log = stderr};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			train_help(stdout);
			return EXIT_OK;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			o.log = NULL;
		} else if (v && !strcmp(a, "--train")) {
			o.train_path = argv[++i];
		} else if (v && !strcmp(a, "--dev")) {
			o.dev_path = argv[++i];
		} else if (v && !strcmp(a, "--tagger")) {
			o.tagger_path = argv[++i];
		} else if (v && !strcmp(a, "--parser")) {
			o.parser_path = argv[++i];
		} else if (v && !strcmp(a, "--tagger-epochs")) {
			o.tagger_epochs = (unsigned)strtoul(argv[++i], NULL, 10);
		} else if (v && !strcmp(a, "--parser-epochs")) {
			o.parser_epochs = (unsigned)strtoul(argv[++i], NULL, 10);
		} else if (v && !strcmp(a, "--seed")) {
			o.seed = strtoull(argv[++i], NULL, 10);
		} else {
			fprintf(stderr, "newsgraph train-syntax: bad option '%s'\n", a);
			train_help(stderr);
			return EXIT_USAGE;
		}
	}
	if (!o.train_path || (!o.tagger_path && !o.parser_path)) {
		train_help(stderr);
		return EXIT_USAGE;
	}
	char err[512] = "";
	ng_status st = ng_syntax_train(&o, err, sizeof err);
	if (st != NG_OK) {
		fprintf(stderr, "newsgraph train-syntax: %s\n", err[0] ? err : ng_strerror(st));
		return st == NG_EUSAGE ? EXIT_USAGE : EXIT_SOME_FAILED;
	}
	return EXIT_OK;
}

static void parse_help(FILE *f)
{
	fprintf(f,
		"usage: newsgraph parse-conllu [OPTIONS] FILE\n\n"
		"Tags and parses a CoNLL-U file keeping its tokenization and writes CoNLL-U with\n"
		"the predicted UPOS, XPOS, lemmas, heads and relations (FEATS and DEPS as \"_\"),\n"
		"the input of score_conllu.py. The speed (CPU time of tagging and parsing) goes\n"
		"to standard error.\n\n"
		"options:\n"
		"  -o, --output FILE  write there instead of standard output\n"
		"      --tagger MODEL tagger model (default: DATA/syntax/tagger.model)\n"
		"      --parser MODEL parser model (default: DATA/syntax/parser.model if present)\n"
		"      --gold-tags    keep the file's tags and lemmas, parse only\n"
		"      --no-parse     tag only (HEAD and DEPREL written as \"_\")\n"
		"      --time-only    write nothing, report the speed\n"
		"  -h, --help         this help\n");
}

int cmd_parse_conllu(int argc, char **argv)
{
	const char *tagger = NULL, *parser = NULL, *out_path = NULL, *in = NULL;
	unsigned flags = 0;
	int time_only = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int has_v = i + 1 < argc;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			parse_help(stdout);
			return EXIT_OK;
		} else if (!strcmp(a, "--gold-tags")) {
			flags |= NG_PARSE_GOLD_TAGS;
		} else if (!strcmp(a, "--no-parse")) {
			flags |= NG_PARSE_NO_PARSER;
		} else if (!strcmp(a, "--time-only")) {
			time_only = 1;
		} else if (has_v && (!strcmp(a, "-o") || !strcmp(a, "--output"))) {
			out_path = argv[++i];
		} else if (has_v && !strcmp(a, "--tagger")) {
			tagger = argv[++i];
		} else if (has_v && !strcmp(a, "--parser")) {
			parser = argv[++i];
		} else if ((a[0] != '-' || !strcmp(a, "-")) && !in) {
			in = a;
		} else {
			fprintf(stderr, "newsgraph parse-conllu: bad argument '%s'\n", a);
			parse_help(stderr);
			return EXIT_USAGE;
		}
	}
	if (!in) {
		parse_help(stderr);
		return EXIT_USAGE;
	}
	FILE *out = time_only ? NULL : stdout;
	if (out_path && !time_only && !(out = fopen(out_path, "w"))) {
		fprintf(stderr, "newsgraph parse-conllu: cannot write %s\n", out_path);
		return EXIT_SOME_FAILED;
	}
	char err[512] = "";
	double secs = 0;
	size_t n = 0;
	ng_status st = ng_syntax_parse_conllu(tagger, parser, in, flags, out, &secs, &n, err,
					      sizeof err);
	if (out == stdout) {
		if (fflush(stdout) != 0 && st == NG_OK)
			st = NG_EIO;
	} else if (out && fclose(out) != 0 && st == NG_OK) {
		st = NG_EIO;
	}
	if (st != NG_OK) {
		fprintf(stderr, "newsgraph parse-conllu: %s\n", err[0] ? err : ng_strerror(st));
		return EXIT_SOME_FAILED;
	}
	fprintf(stderr, "parse-conllu: %zu words in %.3f s of CPU: %.0f words/s per core\n", n,
		secs, secs > 0 ? (double)n / secs : 0.0);
	return EXIT_OK;
}
