/*
** query.c -- `newsgraph query DB SUBCOMMAND ...` and `newsgraph export DB
** --format F`: thin front-ends over ng_store_query() and ng_store_export()
** (include/newsgraph/store.h). The store is opened read-only. Query rows are
** printed here: an aligned table (cells flattened to one line and cut to a
** width) or JSON Lines (ng_row_json()).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "newsgraph/store.h"

static void query_help(FILE *f)
{
	fprintf(f,
		"usage: newsgraph query DB SUBCOMMAND [OPTIONS]\n\n"
		"Asks a database made by 'newsgraph build'. Subcommands:\n"
		"  search WORDS...                  articles holding all the words (full text,\n"
		"                                   best first, with a snippet)\n"
		"  quotes [--speaker NAME] [--text WORDS] [--class CLASS]\n"
		"                                   quotations, newest first; CLASS is what\n"
		"                                   the record attributes: speech (said, told,\n"
		"                                   according to), belief, intention,\n"
		"                                   perception, stance or evidence (polls)\n"
		"  events [--source X] [--target Y] [--code 04] [--since DATE] [--until DATE]\n"
		"                                   events; X and Y match a CAMEO actor code\n"
		"                                   prefix (IRN, USAGOV), an actor's exact name or\n"
		"                                   an entity holding all the words; --code is a\n"
		"                                   CAMEO code prefix; dates are YYYY-MM-DD\n"
		"  entities [--type PER|ORG|LOC|MISC] [--top N] [--name WORDS]\n"
		"                                   the most mentioned entities\n"
		"  network --person NAME            who interacts with NAME: counts of events\n"
		"                                   between them, quotes where one speaks of the\n"
		"                                   other, sentences naming both, and articles\n"
		"  articles --entity NAME [--since DATE]\n"
		"                                   articles mentioning an entity whose name holds\n"
		"                                   all of NAME's words, newest first, with the\n"
		"                                   entity's mentions in each\n\n"
		"options for all:\n"
		"  --json        JSON Lines (one object per row) instead of a table\n"
		"  --limit N     at most N rows (default 20; --top is the same)\n"
		"  -h, --help    this help\n\n"
		"Words are matched as whole words, case- and accent-insensitively.\n"
		"exit status: 0 rows found, 1 no rows or an error, 2 usage error.\n");
}

/* ---- printing rows: an aligned table for people, JSON Lines for programs */

#define CELL_CHARS 60
#define TABLE_MAX_CELLS ((size_t)1 << 26) /* rows * columns held for the widths */

typedef struct grid {
	char **cells; /* rows * cols, each a malloc'ed flattened string */
	size_t rows, cols, cap;
	size_t *width;
	char **names; /* the column names */
} grid;

typedef struct printer {
	bool json;
	FILE *out;
	grid t;
	ng_outbuf jb;
} printer;

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* A copy of `s` with whitespace runs as one space, cut to CELL_CHARS characters. */
static char *flatten(const char *s)
{
	size_t l = strlen(s);
	char *o = malloc(l + 4);
	if (!o)
		return NULL;
	size_t n = 0, chars = 0;
	bool space = false;
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			space = n > 0;
			continue;
		}
		bool start = (c & 0xC0) != 0x80;
		if (start && space) {
			if (chars + 1 >= CELL_CHARS)
				break;
			o[n++] = ' ';
			chars++;
		}
		space = false;
		if (start && chars >= CELL_CHARS - 1) {
			/* the ellipsis */
			memcpy(o + n, "\xE2\x80\xA6", 3);
			n += 3;
			break;
		}
		o[n++] = (char)c;
		chars += start;
	}
	o[n] = 0;
	return o;
}

/* The first row: the columns, their names and widths. */
static ng_status table_start(grid *t, const ng_row *row)
{
	t->cols = row->n;
	t->width = calloc(t->cols ? t->cols : 1, sizeof *t->width);
	t->names = calloc(t->cols ? t->cols : 1, sizeof *t->names);
	if (!t->width || !t->names)
		return NG_ENOMEM;
	for (size_t i = 0; i < t->cols; i++) {
		t->names[i] = strdup(row->names[i]);
		if (!t->names[i])
			return NG_ENOMEM;
		t->width[i] = utf8_chars(t->names[i]);
	}
	return NG_OK;
}

static ng_status table_add(grid *t, const ng_row *row)
{
	if (!t->width) {
		ng_status st = table_start(t, row);
		if (st)
			return st;
	}
	if (t->rows == t->cap) {
		size_t nc = t->cap ? t->cap * 2 : 32;
		if (nc * (t->cols ? t->cols : 1) > TABLE_MAX_CELLS)
			return NG_ELIMIT;
		char **c = realloc(t->cells, nc * t->cols * sizeof *c + 1);
		if (!c)
			return NG_ENOMEM;
		t->cells = c;
		t->cap = nc;
	}
	for (size_t i = 0; i < t->cols; i++) {
		const ng_value *v = &row->values[i];
		const char *s = v->text;
		char buf[32];
		if (v->type == NG_VALUE_REAL) {
			snprintf(buf, sizeof buf, "%.1f", v->r);
			s = buf;
		}
		char *c = flatten(s ? s : "");
		if (!c) {
			for (size_t k = 0; k < i; k++)
				free(t->cells[t->rows * t->cols + k]);
			return NG_ENOMEM;
		}
		t->cells[t->rows * t->cols + i] = c;
		size_t w = utf8_chars(c);
		if (w > t->width[i])
			t->width[i] = w;
	}
	t->rows++;
	return NG_OK;
}

static void pad(FILE *out, const char *s, size_t width, bool last)
{
	fputs(s, out);
	if (last)
		return;
	for (size_t n = utf8_chars(s); n < width + 2; n++)
		fputc(' ', out);
}

static void table_print(const grid *t, FILE *out)
{
	for (size_t i = 0; i < t->cols; i++)
		pad(out, t->names[i], t->width[i], i + 1 == t->cols);
	fputc('\n', out);
	for (size_t i = 0; i < t->cols; i++) {
		for (size_t k = 0; k < t->width[i]; k++)
			fputc('-', out);
		if (i + 1 < t->cols)
			fputs("  ", out);
	}
	fputc('\n', out);
	for (size_t r = 0; r < t->rows; r++) {
		for (size_t i = 0; i < t->cols; i++)
			pad(out, t->cells[r * t->cols + i], t->width[i], i + 1 == t->cols);
		fputc('\n', out);
	}
}

static void table_free(grid *t)
{
	for (size_t i = 0; i < t->rows * t->cols; i++)
		free(t->cells[i]);
	for (size_t i = 0; t->names && i < t->cols; i++)
		free(t->names[i]);
	free(t->cells);
	free(t->width);
	free(t->names);
}

/* ng_row_fn: a JSON line written at once, or a table row kept for the widths. */
static ng_status print_row(void *ctx, const ng_row *row)
{
	printer *p = ctx;
	if (!p->json)
		return table_add(&p->t, row);
	p->jb.len = 0;
	ng_status st = ng_row_json(row, &p->jb);
	if (st == NG_OK && fwrite(p->jb.data, 1, p->jb.len, p->out) != p->jb.len)
		st = NG_EIO;
	return st;
}

static const struct {
	const char *name;
	ng_query_kind kind;
} subcommands[] = {
	{"search", NG_QUERY_SEARCH}, {"quotes", NG_QUERY_QUOTES}, {"events", NG_QUERY_EVENTS},
	{"entities", NG_QUERY_ENTITIES}, {"network", NG_QUERY_NETWORK},
	{"articles", NG_QUERY_ARTICLES},
};

int cmd_query(int argc, char **argv)
{
	if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		query_help(stdout);
		return EXIT_OK;
	}
	if (argc < 3) {
		fprintf(stderr, "newsgraph query: needs DB and a subcommand (see --help)\n");
		return EXIT_USAGE;
	}
	const char *db = argv[1];
	ng_query q = {0};
	bool found = false;
	for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
		if (!strcmp(argv[2], subcommands[i].name)) {
			q.kind = subcommands[i].kind;
			found = true;
		}
	if (!found) {
		fprintf(stderr, "newsgraph query: unknown subcommand '%s' (search, quotes, events, "
				"entities, network, articles)\n", argv[2]);
		return EXIT_USAGE;
	}
	bool json = false;
	/* positional words (search) joined by spaces */
	size_t wlen = 1;
	for (int i = 3; i < argc; i++)
		wlen += strlen(argv[i]) + 1;
	char *words = calloc(wlen, 1);
	if (!words)
		return EXIT_SOME_FAILED;
	int rc = EXIT_USAGE;
	for (int i = 3; i < argc; i++) {
		const char *a = argv[i];
		const char *val = (i + 1 < argc) ? argv[i + 1] : NULL;
		const char **target = NULL;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			query_help(stdout);
			free(words);
			return EXIT_OK;
		} else if (!strcmp(a, "--json")) {
			json = true;
			continue;
		} else if (!strcmp(a, "--limit") || !strcmp(a, "--top")) {
			char *end;
			long n = val ? strtol(val, &end, 10) : 0;
			if (!val || *end || n < 1 || n > 1000000) {
				fprintf(stderr, "newsgraph query: %s needs a number from 1 to 1000000\n", a);
				goto out;
			}
			q.limit = n;
			i++;
			continue;
		} else if (!strcmp(a, "--class") && q.kind == NG_QUERY_QUOTES) {
			target = &q.cue_class;
		} else if (!strcmp(a, "--speaker") && q.kind == NG_QUERY_QUOTES) {
			target = &q.speaker;
		} else if (!strcmp(a, "--text") &&
			   (q.kind == NG_QUERY_QUOTES || q.kind == NG_QUERY_SEARCH)) {
			target = &q.text;
		} else if (!strcmp(a, "--name") && q.kind == NG_QUERY_ENTITIES) {
			target = &q.text;
		} else if (!strcmp(a, "--source") && q.kind == NG_QUERY_EVENTS) {
			target = &q.source;
		} else if (!strcmp(a, "--target") && q.kind == NG_QUERY_EVENTS) {
			target = &q.target;
		} else if (!strcmp(a, "--code") && q.kind == NG_QUERY_EVENTS) {
			target = &q.code;
		} else if (!strcmp(a, "--since") &&
			   (q.kind == NG_QUERY_EVENTS || q.kind == NG_QUERY_ARTICLES)) {
			target = &q.since;
		} else if (!strcmp(a, "--until") && q.kind == NG_QUERY_EVENTS) {
			target = &q.until;
		} else if (!strcmp(a, "--type") && q.kind == NG_QUERY_ENTITIES) {
			target = &q.type;
		} else if (!strcmp(a, "--entity") && q.kind == NG_QUERY_ARTICLES) {
			target = &q.entity;
		} else if ((!strcmp(a, "--person") || !strcmp(a, "--name")) && q.kind == NG_QUERY_NETWORK) {
			target = &q.person;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "newsgraph query %s: unknown option '%s' (see --help)\n", argv[2], a);
			goto out;
		} else if (q.kind == NG_QUERY_SEARCH) {
			if (words[0])
				strcat(words, " ");
			strcat(words, a);
			continue;
		} else {
			fprintf(stderr, "newsgraph query %s: unexpected argument '%s' (see --help)\n",
				argv[2], a);
			goto out;
		}
		if (!val) {
			fprintf(stderr, "newsgraph query: %s needs a value\n", a);
			goto out;
		}
		*target = val;
		i++;
	}
	if (q.kind == NG_QUERY_SEARCH && words[0])
		q.text = words;
	char err[1024];
	ng_store *s = ng_store_open(db, NG_STORE_READONLY, err, sizeof err);
	if (!s) {
		fprintf(stderr, "newsgraph query: %s\n", err);
		rc = EXIT_SOME_FAILED;
		goto out;
	}
	long rows = 0;
	printer p = {.json = json, .out = stdout, .jb = {NULL, 0, 0, (size_t)256 << 20}};
	ng_status st = ng_store_query(s, &q, print_row, &p, &rows);
	if (st == NG_OK && !json && rows > 0)
		table_print(&p.t, stdout);
	table_free(&p.t);
	ng_outbuf_free(&p.jb);
	if (st != NG_OK) {
		fprintf(stderr, "newsgraph query %s: %s\n", argv[2], ng_store_errmsg(s));
		rc = st == NG_EUSAGE ? EXIT_USAGE : EXIT_SOME_FAILED;
	} else {
		rc = rows ? EXIT_OK : EXIT_SOME_FAILED;
	}
	(void)ng_store_close(s);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "newsgraph query: standard output: %s\n", strerror(errno));
		rc = EXIT_SOME_FAILED;
	}
out:
	free(words);
	return rc;
}

static void export_help(FILE *f)
{
	fprintf(f,
		"usage: newsgraph export DB --format FMT [--table T] [-o FILE]\n\n"
		"Writes a database made by 'newsgraph build' in another format:\n"
		"  jsonl    one article per line, as 'newsgraph annotate' writes it\n"
		"  gdelt    events as tab-separated values with GDELT event-table columns\n"
		"  graphml  the entity network (events, quotes, co-occurrence) for Gephi\n"
		"  csv      one table (--table: articles (default), sentences, entities,\n"
		"           article_entities, entity_articles, mentions, quotes, events,\n"
		"           links, edges)\n\n"
		"  -o, --output FILE   write to FILE instead of standard output\n"
		"exit status: 0 written, 1 an error, 2 usage error.\n");
}

int cmd_export(int argc, char **argv)
{
	const char *db = NULL, *fmt = NULL, *table = NULL, *out_path = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *val = (i + 1 < argc) ? argv[i + 1] : NULL;
		const char **target = NULL;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			export_help(stdout);
			return EXIT_OK;
		} else if (!strcmp(a, "--format") || !strcmp(a, "-f")) {
			target = &fmt;
		} else if (!strcmp(a, "--table")) {
			target = &table;
		} else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
			target = &out_path;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "newsgraph export: unknown option '%s' (see --help)\n", a);
			return EXIT_USAGE;
		} else if (!db) {
			db = a;
			continue;
		} else {
			fprintf(stderr, "newsgraph export: unexpected argument '%s'\n", a);
			return EXIT_USAGE;
		}
		if (!val) {
			fprintf(stderr, "newsgraph export: %s needs a value\n", a);
			return EXIT_USAGE;
		}
		*target = val;
		i++;
	}
	static const struct {
		const char *name;
		ng_export_format f;
	} formats[] = {{"jsonl", NG_EXPORT_JSONL}, {"gdelt", NG_EXPORT_GDELT},
		       {"graphml", NG_EXPORT_GRAPHML}, {"csv", NG_EXPORT_CSV}};
	int fi = -1;
	for (int i = 0; fmt && i < 4; i++)
		if (!strcmp(fmt, formats[i].name))
			fi = i;
	if (!db || fi < 0) {
		fprintf(stderr, "newsgraph export: needs DB and --format jsonl|gdelt|graphml|csv\n");
		return EXIT_USAGE;
	}
	if (table && formats[fi].f != NG_EXPORT_CSV) {
		fprintf(stderr, "newsgraph export: --table goes with --format csv\n");
		return EXIT_USAGE;
	}
	if (out_path && cli_is_db_file(out_path, db)) {
		fprintf(stderr, "newsgraph export: -o %s is the database %s itself (or a file SQLite "
				"keeps beside it): writing there would destroy it\n", out_path, db);
		return EXIT_USAGE;
	}
	char err[1024];
	ng_store *s = ng_store_open(db, NG_STORE_READONLY, err, sizeof err);
	if (!s) {
		fprintf(stderr, "newsgraph export: %s\n", err);
		return EXIT_SOME_FAILED;
	}
	FILE *out = stdout;
	if (out_path && !(out = fopen(out_path, "wb"))) {
		fprintf(stderr, "newsgraph export: %s: %s\n", out_path, strerror(errno));
		(void)ng_store_close(s);
		return EXIT_SOME_FAILED;
	}
	int rc = EXIT_OK;
	ng_status st = ng_store_export(s, formats[fi].f, table, out);
	if (st != NG_OK) {
		fprintf(stderr, "newsgraph export: %s\n", ng_store_errmsg(s));
		rc = st == NG_EUSAGE ? EXIT_USAGE : EXIT_SOME_FAILED;
	}
	if (fflush(out) != 0 || ferror(out)) {
		fprintf(stderr, "newsgraph export: %s: write error\n", out_path ? out_path : "standard output");
		rc = EXIT_SOME_FAILED;
	}
	if (out != stdout)
		fclose(out);
	(void)ng_store_close(s);
	return rc;
}
