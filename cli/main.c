/*
** main.c -- `newsgraph COMMAND ...`: dispatch to the subcommands.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "newsgraph/newsgraph.h"

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{"annotate", cmd_annotate, "run the pipeline over articles and write JSON Lines"},
	{"build", cmd_build, "run the pipeline over articles into an SQLite database"},
	{"query", cmd_query, "ask a database: search, quotes, events, entities, network"},
	{"export", cmd_export, "write a database as JSON Lines, GDELT TSV, GraphML or CSV"},
	{"train-ner", cmd_train_ner, "train the entity tagger on a CoNLL-2003 file"},
	{"tag-conll", cmd_tag_conll, "tag a CoNLL-2003 file with the entity tagger (for scoring)"},
	{"train-syntax", cmd_train_syntax, "train the POS tagger and dependency parser on CoNLL-U"},
	{"parse-conllu", cmd_parse_conllu, "tag and parse a CoNLL-U file (for scoring)"},
};

static void usage(FILE *f)
{
	fprintf(f, "usage: newsgraph COMMAND [OPTIONS] ...\n\n"
		   "newsgraph turns news articles into structured records: clean text, sentences,\n"
		   "entities, quotations and events, each pointing back to the text by byte offset.\n\n"
		   "commands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n'newsgraph COMMAND --help' describes a command. 'newsgraph --version' prints the\n"
		   "version (%s), the data directory and the models found. 'man newsgraph' once installed.\n",
		NG_VERSION);
	fprintf(f, "\nModels, gazetteers and word lists are read from the data directory: --data DIR,\n"
		   "else $NEWSGRAPH_DATA, else share/newsgraph of the install (found from the\n"
		   "program's location), else the source tree's data/. Here: %s\n",
		ng_data_dir());
}

/* `newsgraph --version [--data DIR]`: the version, the data directory in use
** (and where that choice came from) and, for each model file, its format tag
** (the first line of the file) and size, or "missing". */
static int print_version(int argc, char **argv)
{
	const char *dir = NULL, *origin = "install or source tree, found from the program's location";
	if (argc == 4 && !strcmp(argv[2], "--data")) {
		dir = argv[3];
		origin = "--data";
	} else if (argc != 2) {
		fprintf(stderr, "usage: newsgraph --version [--data DIR]\n");
		return EXIT_USAGE;
	} else {
		const char *env = getenv("NEWSGRAPH_DATA");
		if (env && *env)
			origin = "$NEWSGRAPH_DATA";
		dir = ng_data_dir();
	}
	printf("newsgraph %s\ndata directory: %s (%s)\nmodels:\n", NG_VERSION, dir, origin);
	static const char *const models[] = {"ner.model", "syntax/tagger.model", "syntax/parser.model",
					     "quotes/leftover.model"};
	for (size_t i = 0; i < sizeof models / sizeof models[0]; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, models[i]);
		FILE *f = fopen(path, "rb");
		if (!f) {
			printf("  %-22s missing\n", models[i]);
			continue;
		}
		char head[64] = "";
		size_t n = fread(head, 1, sizeof head - 1, f);
		head[n] = '\0';
		head[strcspn(head, "\n")] = '\0';
		long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
		fclose(f);
		/* binary models start with a tag line like NGNERM1; text ones with a comment */
		const char *fmt = !strncmp(head, "NG", 2) ? head : head[0] == '#' ? "text" : "unknown";
		printf("  %-22s %-8s %ld bytes\n", models[i], fmt, size);
	}
	return EXIT_OK;
}

bool cli_parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (end == s)
		return false;
	unsigned long long mul = 1;
	if (*end == 'k' || *end == 'K')
		mul = 1ull << 10;
	else if (*end == 'm' || *end == 'M')
		mul = 1ull << 20;
	else if (*end == 'g' || *end == 'G')
		mul = 1ull << 30;
	else if (*end)
		return false;
	if (mul > 1 && end[1])
		return false;
	if (v > (unsigned long long)SIZE_MAX / mul)
		return false;
	*out = (size_t)(v * mul);
	return true;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version"))
		return print_version(argc, argv);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "newsgraph: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
