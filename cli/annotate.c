/*
** annotate.c -- `newsgraph annotate`: articles in, JSON Lines out.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "runner.h"

static void help(FILE *f)
{
	fprintf(f,
		"usage: newsgraph annotate [OPTIONS] [INPUT...]\n\n"
		"Runs the pipeline over articles and writes one JSON object per article\n"
		"(schema: docs/schema.md). INPUT is a text file (one article), an HTML page,\n"
		"a JSON Lines file ({\"id\",\"text\",\"title\"?,\"date\"?,\"url\"?} per line), a\n"
		"JSON file (one such object or an array of them, pretty-printed or not), a\n"
		"CSV or TSV file with a header (one article a row), a web archive (.warc,\n"
		".warc.gz, .arc, .arc.gz: one article per HTML page), a directory (walked\n"
		"recursively in name order, taking the files of these kinds and passing\n"
		"over images, PDFs, README/LICENSE files and other non-articles) or - for\n"
		"standard input (the default). Files may be gzip, zstd or bzip2 compressed\n"
		"and in UTF-8, UTF-16 or UTF-32.\n\n"
		"options:\n"
		"  -o, --output FILE   write to FILE instead of standard output (never an\n"
		"                      input, nor inside an input directory)\n"
		"  -j, --threads N     worker threads (default: the number of cores)\n"
		"  -f, --format FMT    input format: auto (default), text, jsonl, json, html,\n"
		"                      warc, csv, tsv\n"
		"  -@ FILE             read input paths from FILE, one a line (- for stdin)\n"
		"      --include GLOB  directories: take only files matching GLOB (repeatable;\n"
		"                      a GLOB with / matches the path under the directory)\n"
		"      --exclude GLOB  directories: pass over files matching GLOB (repeatable)\n"
		"      --csv-columns SPEC  CSV/TSV columns, e.g. text=body,title=headline\n"
		"                      (fields id, text, html, title, date, author, site,\n"
		"                      lang, url; default: the usual header names)\n"
		"  -v, --verbose       list each file a directory walk passes over, and why\n"
		"      --date-order O  dmy (default) or mdy: how to read 05/06/2021 (a number\n"
		"                      over 12 decides by itself; 05.06.2021 is always dmy)\n"
		"      --stages LIST   comma-separated stages to run (default: all)\n"
		"      --data DIR      models, gazetteers and word lists (default: $NEWSGRAPH_DATA,\n"
		"                      else share/newsgraph of the install, else the source\n"
		"                      tree's data/; here: %s)\n"
		"      --max-bytes N   largest record accepted, e.g. 4M (default and most: 16M)\n"
		"      --tokens        add \"tokens\": [[start,end],...] to each article\n"
		"      --syntax        add \"words\": UD words with upos, xpos, lemma, head and\n"
		"                      deprel (the syntax stage, docs/schema.md)\n"
		"      --dictionaries D  code events with TABARI/PETRARCH dictionaries: a\n"
		"                      directory (files named *verbs*, *actors*, *agents*,\n"
		"                      *discards*, CAMEO*) or a comma-separated list of files\n"
		"      --petrarch-config FILE  PETRARCH coding options from a PETR_config.ini-\n"
		"                      style file: require_dyad (default true: events need a\n"
		"                      coded source and target), new_actor_length (0: an\n"
		"                      uncoded noun phrase of up to N words is an actor coded\n"
		"                      \"ITS WORDS\"), comma_min/max, comma_bmin/bmax,\n"
		"                      comma_emin/emax (comma clauses of min..max words inside,\n"
		"                      at the beginning, at the end are removed; max 0 = off,\n"
		"                      the default); other keys are ignored\n"
		"      --format-out F  output: jsonl (default), gdelt (GDELT 2.0-style\n"
		"                      tab-separated event rows, docs/internals/events.md) or\n"
		"                      conllu (the syntax stage's words and trees as CoNLL-U)\n"
		"      --include-negated  GDELT rows also for negated and hypothetical events\n"
		"                      (left out by default; JSON always has them, marked)\n"
		"  -q, --quiet         no progress line\n"
		"  -h, --help          this help\n\n"
		"A record that cannot be read is reported on standard error with its file,\n"
		"line and column, and skipped; the run goes on.\n"
		"exit status: 0 all inputs processed, 1 some inputs failed, 2 usage error.\n",
		ng_data_dir());
}

/* errno of the first failed write (the sink runs in one thread): by the
** time the run ends, errno says nothing about it */
static int write_errno;

static int conllu_sink(void *ctx, const ng_doc *doc, const char *json, size_t len)
{
	(void)json;
	(void)len;
	FILE *f = ctx;
	ng_outbuf b = {NULL, 0, 0, (size_t)1 << 28};
	int rc = 0;
	if (ng_write_conllu(doc, &b) != NG_OK)
		rc = -1;
	else if (b.len && fwrite(b.data, 1, b.len, f) != b.len) {
		rc = -1;
		if (!write_errno)
			write_errno = errno ? errno : EIO;
	}
	ng_outbuf_free(&b);
	return rc;
}

static int write_sink(void *ctx, const ng_doc *doc, const char *json, size_t len)
{
	(void)doc;
	FILE *f = ctx;
	if (fwrite(json, 1, len, f) == len)
		return 0;
	if (!write_errno)
		write_errno = errno ? errno : EIO;
	return -1;
}

static unsigned gdelt_flags; /* NG_GDELT_ALL with --include-negated */

static int gdelt_sink(void *ctx, const ng_doc *doc, const char *json, size_t len)
{
	(void)json;
	(void)len;
	FILE *f = ctx;
	ng_outbuf b = {NULL, 0, 0, (size_t)1 << 28};
	int rc = 0;
	if (ng_write_gdelt_flags(doc, &b, gdelt_flags) != NG_OK)
		rc = -1;
	else if (b.len && fwrite(b.data, 1, b.len, f) != b.len) {
		rc = -1;
		if (!write_errno)
			write_errno = errno ? errno : EIO;
	}
	ng_outbuf_free(&b);
	return rc;
}

int cmd_annotate(int argc, char **argv)
{
	const char *out_path = NULL, *dictionaries = NULL, *petrarch_config = NULL;
	runner_opts o;
	runner_opts_init(&o);
	o.sink = write_sink;
	runner_cli c = {0};
	char **inputs = calloc((size_t)argc + 1, sizeof(char *));
	int n_in = 0;
	if (!inputs)
		return EXIT_SOME_FAILED;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int shared = runner_parse_opt("newsgraph annotate", argc, argv, &i, &o, &c);
		if (shared < 0) {
			free(inputs);
			free(c.list_text);
			return EXIT_USAGE;
		}
		if (shared)
			continue;
		/* this command's own options, each with a value but --tokens, --syntax and --help */
		const char *val = NULL;
		if (a[0] == '-' && a[1] == 'o' && a[2]) {
			val = a + 2; /* -oFILE */
			a = "-o";
		} else if (!strcmp(a, "-o") || !strcmp(a, "--output") || !strcmp(a, "--dictionaries") ||
			   !strcmp(a, "--petrarch-config") || !strcmp(a, "--format-out")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "newsgraph annotate: %s needs a value\n", a);
				free(inputs);
				free(c.list_text);
				return EXIT_USAGE;
			}
			val = argv[++i];
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			help(stdout);
			free(inputs);
			free(c.list_text);
			return EXIT_OK;
		} else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
			out_path = val;
		} else if (!strcmp(a, "--dictionaries")) {
			dictionaries = val;
		} else if (!strcmp(a, "--petrarch-config")) {
			petrarch_config = val;
		} else if (!strcmp(a, "--format-out")) {
			if (!strcmp(val, "jsonl"))
				o.sink = write_sink;
			else if (!strcmp(val, "gdelt"))
				o.sink = gdelt_sink;
			else if (!strcmp(val, "conllu"))
				o.sink = conllu_sink;
			else {
				fprintf(stderr,
					"newsgraph annotate: unknown output format '%s' (jsonl, gdelt, conllu)\n",
					val);
				free(inputs);
				free(c.list_text);
				return EXIT_USAGE;
			}
		} else if (!strcmp(a, "--include-negated")) {
			gdelt_flags |= NG_GDELT_ALL;
		} else if (!strcmp(a, "--tokens")) {
			o.write_flags |= NG_W_TOKENS;
		} else if (!strcmp(a, "--syntax")) {
			o.write_flags |= NG_W_SYNTAX;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "newsgraph annotate: unknown option '%s' (see --help)\n", a);
			free(inputs);
			free(c.list_text);
			return EXIT_USAGE;
		} else {
			inputs[n_in++] = argv[i];
		}
	}
	if (runner_read_list("newsgraph annotate", &c, &inputs, &n_in) != 0) {
		free(inputs);
		free(c.list_text);
		return EXIT_USAGE;
	}
	if (n_in == 0)
		inputs[n_in++] = "-";
	char err[512];
	ng_config cfg = {.stages = c.stages, .data_dir = c.data, .max_doc_bytes = o.max_bytes,
			 .dictionaries = dictionaries, .petrarch_config = petrarch_config};
	ng_engine *eng = ng_engine_create(&cfg, err, sizeof err);
	if (!eng) {
		fprintf(stderr, "newsgraph annotate: %s\n", err);
		free(inputs);
		free(c.list_text);
		return EXIT_USAGE;
	}
	runner_warn_stages("newsgraph annotate", eng, c.quiet);
	if (out_path && cli_check_output("newsgraph annotate", out_path, inputs, n_in) != 0) {
		ng_engine_destroy(eng);
		free(inputs);
		free(c.list_text);
		return EXIT_USAGE;
	}
	FILE *out = stdout;
	if (out_path && !(out = fopen(out_path, "wb"))) {
		fprintf(stderr, "newsgraph annotate: %s: %s\n", out_path, strerror(errno));
		ng_engine_destroy(eng);
		free(inputs);
		free(c.list_text);
		return EXIT_SOME_FAILED;
	}
	o.inputs = inputs;
	o.n_inputs = n_in;
	o.sink_ctx = out;
	o.progress = !c.quiet && isatty(STDERR_FILENO);
	o.summary = !c.quiet;
	runner_stats st;
	int rc = runner_run(eng, &o, &st);
	errno = 0;
	bool flush_failed = fflush(out) != 0;
	int werr = write_errno ? write_errno : flush_failed ? errno : 0;
	bool stream_failed = ferror(out) != 0;
	if (out != stdout && fclose(out) != 0 && !werr)
		werr = errno ? errno : EIO;
	if (!werr && (stream_failed || st.sink_failed))
		werr = EIO;
	if (werr) {
		fprintf(stderr, "newsgraph annotate: %s: write error: %s\n", out_path ? out_path : "standard output",
			strerror(werr ? werr : EIO));
		rc = EXIT_SOME_FAILED;
	}
	if (!c.quiet && (st.docs_failed || st.inputs_failed))
		fprintf(stderr,
			"newsgraph annotate: %llu articles written, %llu records skipped, %llu inputs "
			"unreadable\n",
			(unsigned long long)st.docs_ok, (unsigned long long)st.docs_failed,
			(unsigned long long)st.inputs_failed);
	ng_engine_destroy(eng);
	free(inputs);
	free(c.list_text);
	return rc ? EXIT_SOME_FAILED : EXIT_OK;
}
