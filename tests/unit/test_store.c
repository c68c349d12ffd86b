/*
** test_store.c -- the SQLite store: schema creation and versioning, bad
** database paths, idempotent adds and re-annotation, every query kind, and
** the exports (the JSON Lines export must give back exactly what
** ng_write_jsonl() wrote for the original document).
**
** The documents are built by hand with entities, quotes and events, so the
** whole schema is exercised before the stages that fill those exist.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "core/core.h"
#include "newsgraph/store.h"
#include "store/store_int.h"

static char tmpdir[256];

static const char *tmp_path(const char *name)
{
	static char p[512];
	snprintf(p, sizeof p, "%s/%s", tmpdir, name);
	return p;
}

/* the byte span of the n-th (0-based) occurrence of `what` in the text */
static ng_span find(const char *text, const char *what, int nth)
{
	const char *p = text;
	for (;;) {
		p = strstr(p, what);
		assert_non_null(p);
		if (nth-- == 0)
			break;
		p++;
	}
	return (ng_span){(uint32_t)(p - text), (uint32_t)(p - text + strlen(what))};
}

static const char text_a[] =
	"Ismail Haniyeh met Ali Larijani in Tehran on Monday. "
	"\"Israel will never be recognized,\" Haniyeh said of the occupation. "
	"Larijani criticized Israel.";

/* Article A: three sentences, four entities, one quote, two events. */
static ng_doc *make_doc_a(void)
{
	ng_doc *d = ng_doc_create(0);
	assert_non_null(d);
	d->id = "a1";
	d->source_path = "fixtures/a1.txt";
	d->source_url = "https://example.org/a1";
	d->source_offset = -1;
	d->title = "Haniyeh meets Larijani";
	d->date = "2024-03-04";
	d->text = ng_doc_strndup(d, text_a, strlen(text_a));
	d->text_len = strlen(text_a);
	d->assigned = NG_F_RAW | NG_F_TEXT | NG_F_META | NG_F_SENTENCES | NG_F_ENTITIES |
		      NG_F_QUOTES | NG_F_EVENTS;
	ng_span s1 = find(text_a, "Ismail Haniyeh met Ali Larijani in Tehran on Monday.", 0);
	ng_span s2 = find(text_a, "\"Israel will never be recognized,\" Haniyeh said of the occupation.", 0);
	ng_span s3 = find(text_a, "Larijani criticized Israel.", 0);
	d->sentences = ng_arena_alloc(d->arena, 3 * sizeof(ng_span));
	d->sentences[0] = s1;
	d->sentences[1] = s2;
	d->sentences[2] = s3;
	d->n_sentences = 3;

	d->entities = ng_arena_alloc(d->arena, 4 * sizeof(ng_entity));
	memset(d->entities, 0, 4 * sizeof(ng_entity));
	d->n_entities = 4;
	ng_entity *e = d->entities;
	static const char *haniyeh_titles[] = {"Hamas Political Bureau chief"};
	e[0] = (ng_entity){.id = 0, .type = NG_ENT_PER, .name = "Ismail Haniyeh",
			   .titles = haniyeh_titles, .n_titles = 1, .affiliation = "Hamas",
			   .country = "PSE"};
	e[1] = (ng_entity){.id = 1, .type = NG_ENT_PER, .name = "Ali Larijani", .country = "IRN"};
	e[2] = (ng_entity){.id = 2, .type = NG_ENT_LOC, .name = "Tehran", .country = "IRN"};
	e[3] = (ng_entity){.id = 3, .type = NG_ENT_LOC, .name = "Israel", .country = "ISR"};
	ng_mention *m = ng_arena_alloc(d->arena, 8 * sizeof(ng_mention));
	memset(m, 0, 8 * sizeof(ng_mention));
	ng_span sp;
	sp = find(text_a, "Ismail Haniyeh", 0);
	m[0] = (ng_mention){sp.start, sp.end, NG_MENTION_NAME, 0};
	sp = find(text_a, "Haniyeh", 1);
	m[1] = (ng_mention){sp.start, sp.end, NG_MENTION_PARTIAL, 0};
	e[0].mentions = m;
	e[0].n_mentions = 2;
	sp = find(text_a, "Ali Larijani", 0);
	m[2] = (ng_mention){sp.start, sp.end, NG_MENTION_NAME, 0};
	sp = find(text_a, "Larijani", 1);
	m[3] = (ng_mention){sp.start, sp.end, NG_MENTION_PARTIAL, 0};
	e[1].mentions = m + 2;
	e[1].n_mentions = 2;
	sp = find(text_a, "Tehran", 0);
	m[4] = (ng_mention){sp.start, sp.end, NG_MENTION_NAME, 0};
	e[2].mentions = m + 4;
	e[2].n_mentions = 1;
	sp = find(text_a, "Israel", 0);
	m[5] = (ng_mention){sp.start, sp.end, NG_MENTION_NAME, 0};
	sp = find(text_a, "Israel", 1);
	m[6] = (ng_mention){sp.start, sp.end, NG_MENTION_NAME, 0};
	e[3].mentions = m + 5;
	e[3].n_mentions = 2;

	d->quotes = ng_arena_alloc(d->arena, sizeof(ng_quote));
	d->n_quotes = 1;
	ng_span qs = find(text_a, "Israel will never be recognized,", 0);
	ng_span spk = find(text_a, "Haniyeh", 1);
	ng_span cue = find(text_a, "said", 0);
	d->quotes[0] = (ng_quote){.start = qs.start, .end = qs.end, .kind = NG_QUOTE_DIRECT,
				  .speaker = 0, .speaker_start = spk.start, .speaker_end = spk.end,
				  .cue_start = cue.start, .cue_end = cue.end, .cue = "say",
				  .cue_class = "speech"};
	d->assigned |= NG_F_CUE_CLASS;

	d->events = ng_arena_alloc(d->arena, 2 * sizeof(ng_event));
	memset(d->events, 0, 2 * sizeof(ng_event));
	d->n_events = 2;
	ng_span v1 = find(text_a, "met", 0);
	ng_span a1 = find(text_a, "Ismail Haniyeh", 0), b1 = find(text_a, "Ali Larijani", 0);
	d->events[0] = (ng_event){.sentence = 0, .start = s1.start, .end = s1.end,
				  .source = {0, a1.start, a1.end, "PSEHAM"},
				  .target = {1, b1.start, b1.end, "IRNLEG"},
				  .cameo = "040", .plover = "CONSULT", .verb_start = v1.start,
				  .verb_end = v1.end, .goldstein = 1.0, .quad_class = 1};
	ng_span v2 = find(text_a, "criticized", 0);
	ng_span a2 = find(text_a, "Larijani", 1), b2 = find(text_a, "Israel", 1);
	d->events[1] = (ng_event){.sentence = 2, .start = s3.start, .end = s3.end,
				  .source = {1, a2.start, a2.end, "IRNLEG"},
				  .target = {3, b2.start, b2.end, "ISR"},
				  .cameo = "111", .plover = "DISAPPROVE", .verb_start = v2.start,
				  .verb_end = v2.end, .goldstein = -2.0, .quad_class = 3};
	return d;
}

/* Article B: text only, with a quote whose speaker is not an entity. */
static const char text_b[] = "Protests grew in Cairo, a spokesman said. \"Calm, please,\" he added.";
static ng_doc *make_doc_b(void)
{
	ng_doc *d = ng_doc_create(0);
	assert_non_null(d);
	d->id = "b1";
	d->source_offset = -1;
	d->date = "2024-01-02";
	d->text = ng_doc_strndup(d, text_b, strlen(text_b));
	d->text_len = strlen(text_b);
	d->assigned = NG_F_RAW | NG_F_TEXT | NG_F_SENTENCES | NG_F_QUOTES;
	d->sentences = ng_arena_alloc(d->arena, 2 * sizeof(ng_span));
	d->sentences[0] = find(text_b, "Protests grew in Cairo, a spokesman said.", 0);
	d->sentences[1] = find(text_b, "\"Calm, please,\" he added.", 0);
	d->n_sentences = 2;
	d->quotes = ng_arena_alloc(d->arena, sizeof(ng_quote));
	d->n_quotes = 1;
	ng_span qs = find(text_b, "Calm, please,", 0), spk = find(text_b, "he", 0);
	/* "he" first occurs inside "spokesman"? no: check the real one below */
	spk = find(text_b, " he ", 0);
	spk.start++;
	spk.end--;
	d->quotes[0] = (ng_quote){.start = qs.start, .end = qs.end, .kind = NG_QUOTE_DIRECT,
				  .speaker = -1, .speaker_start = spk.start, .speaker_end = spk.end,
				  .cue_start = -1, .cue_end = -1, .cue = NULL};
	return d;
}

static ng_store *open_new(const char *name)
{
	const char *p = tmp_path(name);
	unlink(p);
	char err[512];
	ng_store *s = ng_store_open(p, NG_STORE_CREATE, err, sizeof err);
	if (!s)
		fail_msg("open: %s", err);
	return s;
}

static int64_t scalar(const char *path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static void test_schema(void **state)
{
	(void)state;
	ng_store *s = open_new("schema.db");
	ng_store_counts c;
	assert_int_equal(ng_store_count(s, &c), NG_OK);
	assert_int_equal(c.articles, 0);
	assert_int_equal(ng_store_close(s), NG_OK);
	const char *p = tmp_path("schema.db");
	assert_int_equal(scalar(p, "PRAGMA user_version"), NG_STORE_SCHEMA_VERSION);
	static const char *const tables[] = {"articles", "sentences", "entities", "article_entities",
					     "mentions", "quotes", "events", "links", "entity_articles", "articles_fts",
					     "quotes_fts", "entities_fts", "meta"};
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		char sql[128];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM sqlite_schema WHERE name = '%s'", tables[i]);
		assert_int_equal(scalar(p, sql), 1);
	}
	assert_true(scalar(p, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'") >= 10);
	/* version 8: the FTS5 indexes keep 8 MB of pending terms before a flush */
	assert_int_equal(scalar(p, "SELECT v FROM articles_fts_config WHERE k = 'hashsize'"), 8388608);
	assert_int_equal(scalar(p, "SELECT v FROM quotes_fts_config WHERE k = 'hashsize'"), 8388608);
	assert_int_equal(scalar(p, "SELECT v FROM articles_fts_config WHERE k = 'automerge'"), 8);
	assert_int_equal(scalar(p, "SELECT v FROM quotes_fts_config WHERE k = 'automerge'"), 8);
	assert_int_equal(scalar(p, "SELECT count(*) FROM sqlite_schema WHERE name = 'entities_top'"), 0);
	/* the indexes are filled at commit: only the delete triggers */
	assert_int_equal(scalar(p, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"), 3);
	/* no column sizes for quotes_fts; articles_fts keeps them (bm25) */
	assert_int_equal(scalar(p, "SELECT count(*) FROM sqlite_schema WHERE name = 'quotes_fts_docsize'"), 0);
	assert_int_equal(scalar(p, "SELECT count(*) FROM sqlite_schema WHERE name = 'articles_fts_docsize'"), 1);
	assert_int_equal(scalar(p, "SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'quotes'"
				   " AND type = 'index'"), 0);
	assert_int_equal(scalar(p, "SELECT count(*) FROM sqlite_schema WHERE name = 'entity_articles'"
				   " AND type = 'view'"), 1);
	/* opening again: no migration, same version; read-only works too */
	char err[512];
	s = ng_store_open(p, NG_STORE_READONLY, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(ng_store_close(s), NG_OK);
	s = ng_store_open(p, 0, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(ng_store_close(s), NG_OK);
}

static void expect_open_fails(const char *path, unsigned flags, const char *msg)
{
	char err[512];
	ng_store *s = ng_store_open(path, flags, err, sizeof err);
	if (s) {
		(void)ng_store_close(s);
		fail_msg("%s: opened, expected '%s'", path, msg);
	}
	if (!strstr(err, msg))
		fail_msg("%s: got '%s', expected '%s'", path, err, msg);
}

static void test_bad_paths(void **state)
{
	(void)state;
	expect_open_fails(tmpdir, NG_STORE_CREATE, "is a directory");
	expect_open_fails(tmp_path("missing.db"), NG_STORE_READONLY, "no such database");
	expect_open_fails(tmp_path("no/such/dir/x.db"), NG_STORE_CREATE, "cannot open");
	expect_open_fails("", NG_STORE_CREATE, "no database path");
	/* not SQLite */
	FILE *f = fopen(tmp_path("garbage.db"), "wb");
	assert_non_null(f);
	for (int i = 0; i < 300; i++)
		fputs("this is not a database. ", f);
	fclose(f);
	expect_open_fails(tmp_path("garbage.db"), NG_STORE_CREATE, "not a database");
	expect_open_fails(tmp_path("garbage.db"), NG_STORE_READONLY, "not a database");
	/* SQLite, but someone else's */
	sqlite3 *db;
	unlink(tmp_path("other.db"));
	assert_int_equal(sqlite3_open(tmp_path("other.db"), &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	expect_open_fails(tmp_path("other.db"), NG_STORE_CREATE, "not a newsgraph store");
	/* from a newer newsgraph */
	ng_store *s = open_new("newer.db");
	assert_int_equal(ng_store_close(s), NG_OK);
	assert_int_equal(sqlite3_open(tmp_path("newer.db"), &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	expect_open_fails(tmp_path("newer.db"), NG_STORE_CREATE, "newer newsgraph");
	/* an empty file is a new store for build, not for queries */
	f = fopen(tmp_path("empty.db"), "wb");
	fclose(f);
	expect_open_fails(tmp_path("empty.db"), NG_STORE_READONLY, "empty database");
	char err[512];
	s = ng_store_open(tmp_path("empty.db"), NG_STORE_CREATE, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(ng_store_close(s), NG_OK);
}

/* The bytes of a file (caller frees). */
static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	long l = ftell(f);
	assert_true(l >= 0);
	rewind(f);
	char *b = malloc((size_t)l + 1);
	assert_non_null(b);
	assert_int_equal(fread(b, 1, (size_t)l, f), (size_t)l);
	fclose(f);
	*n = (size_t)l;
	return b;
}

/* `path` is refused, for build and for queries, with `msg`, and left
** exactly as it was: same bytes, no -wal or -shm made (issue 29, items 7
** and 13: a negative user_version indexed migrations[-5]; a foreign file
** was switched to WAL before it was refused). */
static void expect_refused_untouched(const char *path, const char *msg)
{
	size_t n0, n1;
	char *before = slurp(path, &n0);
	expect_open_fails(path, NG_STORE_CREATE, msg);
	expect_open_fails(path, 0, msg);
	expect_open_fails(path, NG_STORE_READONLY, msg);
	char *after = slurp(path, &n1);
	assert_int_equal(n0, n1);
	assert_memory_equal(before, after, n0);
	free(before);
	free(after);
	char side[600];
	snprintf(side, sizeof side, "%s-wal", path);
	assert_int_not_equal(access(side, F_OK), 0);
	snprintf(side, sizeof side, "%s-shm", path);
	assert_int_not_equal(access(side, F_OK), 0);
}

/* A file with `sql` run on it by SQLite itself (rollback journal), closed. */
static void make_db(const char *path, const char *sql)
{
	unlink(path);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void test_refused_untouched(void **state)
{
	(void)state;
	const char *p = tmp_path("foreign.db");
	make_db(p, "CREATE TABLE t(x); INSERT INTO t VALUES(1)");
	expect_refused_untouched(p, "not a newsgraph store");
	/* a store's tables at versions this one does not read: older ones
	** (never released, no migration), newer, and out of range */
	static const struct {
		const char *version, *msg;
	} cases[] = {
		{"1", "schema version 1, from a development version"},
		{"12", "schema version 12, from a development version"},
		{"14", "newer newsgraph"},
		{"-5", "not a newsgraph store (schema version -5)"},
		{"-2147483648", "not a newsgraph store (schema version -2147483648)"},
		{"2147483647", "not a newsgraph store (schema version 2147483647)"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char sql[128];
		snprintf(sql, sizeof sql, "CREATE TABLE articles(id); PRAGMA user_version = %s",
			 cases[i].version);
		p = tmp_path("version.db");
		make_db(p, sql);
		expect_refused_untouched(p, cases[i].msg);
	}
	/* a store of this version in a file whose version is then made
	** negative: refused too */
	ng_store *s = open_new("negative.db");
	assert_int_equal(ng_store_close(s), NG_OK);
	p = tmp_path("negative.db");
	sqlite3 *db;
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = -5",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
	expect_refused_untouched(p, "schema version -5");
}

static void add_expect(ng_store *s, const ng_doc *d, ng_store_result want)
{
	ng_store_result r;
	ng_status st = ng_store_add(s, d, &r);
	if (st != NG_OK)
		fail_msg("add: %s", ng_store_errmsg(s));
	assert_int_equal(r, want);
}

/* the text of the first row of `sql` ("" for NULL), copied into buf */
static const char *text_scalar(const char *path, const char *sql, char *buf, size_t n)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	const char *v = (const char *)sqlite3_column_text(st, 0);
	snprintf(buf, n, "%s", v ? v : "");
	sqlite3_finalize(st);
	sqlite3_close(db);
	return buf;
}

/* Everything a store holds but the time of adding, as one string. */
static const char *store_digest(const char *path, char *buf, size_t n)
{
	return text_scalar(
		path,
		"SELECT (SELECT group_concat(v, ';') FROM (SELECT id || '|' || hash || '|' || stages"
		"   || '|' || ifnull(sentences, '') || '|' || ifnull(links, '') || '|'"
		"   || ifnull(entities, '') AS v FROM articles ORDER BY id))"
		" || '#' || (SELECT group_concat(v, ';') FROM (SELECT id || '|' || name || '|' || type"
		"   || '|' || n_articles || '|' || n_mentions AS v FROM entities ORDER BY id))"
		" || '#' || (SELECT group_concat(v, ';') FROM (SELECT entity_id || '|' || article_id"
		"   || '|' || n_mentions AS v FROM entity_articles ORDER BY 1))"
		" || '#' || (SELECT group_concat(v, ';') FROM (SELECT id || '|' || text || '|'"
		"   || ifnull(speaker, '') || '|' || ifnull(speaker_entity_id, '') AS v FROM quotes"
		"   ORDER BY id))"
		" || '#' || (SELECT group_concat(v, ';') FROM (SELECT id || '|' || article_id || '|'"
		"   || ifnull(source_entity_id, '') || '|' || ifnull(cameo, '') AS v FROM events"
		"   ORDER BY id))"
		" || '#' || (SELECT group_concat(v, ';') FROM (SELECT x || '|' || y || '|' || events"
		"   || '|' || quotes || '|' || cooccur || '|' || articles AS v FROM edges ORDER BY 1))"
		" || '#' || (SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'haniyeh OR he')"
		" || '#' || (SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'cairo OR tehran')"
		" || '#' || (SELECT count(*) FROM entities_fts WHERE entities_fts MATCH 'larijani')",
		buf, n);
}

/* A document whose adding fails (an allocation made to fail at each point
** in turn) leaves nothing behind: it fails before any of its rows is
** written and the batch goes on, or, once rows are written, the batch is
** rolled back, which the caller hears as a fatal error and adds again.
** Either way, adding again gives the same store as adding without
** failures. */
static void test_failed_document(void **state)
{
	(void)state;
	static char want[8192], got[8192];
	ng_doc *a = make_doc_a(), *b = make_doc_b();
	ng_store *s = open_new("nofail.db");
	add_expect(s, b, NG_STORE_ADDED);
	add_expect(s, a, NG_STORE_ADDED);
	assert_int_equal(ng_store_close(s), NG_OK);
	store_digest(tmp_path("nofail.db"), want, sizeof want);
	assert_non_null(strstr(want, "Ismail Haniyeh|PER|1|2"));
	int failures = 0, kept = 0, lost = 0;
	for (uint64_t k = 1; k < 1000; k++) {
		s = open_new("fail.db");
		add_expect(s, b, NG_STORE_ADDED);
		ng_store_result res;
		ng_alloc_fail_after(k);
		ng_status st = ng_store_add(s, a, &res);
		ng_alloc_fail_after(0);
		if (st == NG_OK) {
			assert_int_equal(ng_store_close(s), NG_OK);
			break;
		}
		failures++;
		assert_int_equal(st, NG_ENOMEM);
		if (!strstr(ng_store_errmsg(s), "a1: "))
			fail_msg("allocation %llu: the error does not name the document: %s",
				 (unsigned long long)k, ng_store_errmsg(s));
		bool said_lost = strstr(ng_store_errmsg(s), "was rolled back") != NULL;
		st = ng_store_add(s, b, &res); /* skipped, or added again after a lost batch */
		assert_int_equal(st, NG_OK);
		kept += res == NG_STORE_SKIPPED;
		lost += res == NG_STORE_ADDED;
		/* the failure said which of the two it was */
		assert_int_equal(said_lost, res == NG_STORE_ADDED);

		add_expect(s, a, NG_STORE_ADDED);
		assert_int_equal(ng_store_close(s), NG_OK);
		store_digest(tmp_path("fail.db"), got, sizeof got);
		if (strcmp(got, want) != 0)
			fail_msg("allocation %llu failed: the store differs:\n%s\nwant:\n%s",
				 (unsigned long long)k, got, want);
		assert_int_equal(scalar(tmp_path("fail.db"), "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	}
	assert_true(failures > 3);
	assert_true(kept > 0); /* failures before the document's first row */
	assert_true(lost > 0); /* after it: the batch rolled back */
	ng_doc_destroy(a);
	ng_doc_destroy(b);
}


/* An article added and re-annotated in the same open batch (found by
** fuzz_store): its quotes were not in quotes_fts yet, and the delete
** trigger's 'delete' of rows the index never had made SQLite report the
** database malformed and roll the batch back. */
static void test_reannotate_in_batch(void **state)
{
	(void)state;
	ng_doc *a = make_doc_a(), *b = make_doc_b();
	ng_store *s = open_new("inbatch.db");
	assert_int_equal(ng_store_set_stages(s, "extract,segment,entities"), NG_OK);
	add_expect(s, a, NG_STORE_ADDED);
	add_expect(s, b, NG_STORE_ADDED);
	assert_int_equal(ng_store_set_stages(s, "extract,segment"), NG_OK);
	add_expect(s, a, NG_STORE_UPDATED);
	assert_int_equal(ng_store_commit(s), NG_OK);
	add_expect(s, a, NG_STORE_SKIPPED);
	assert_int_equal(ng_store_close(s), NG_OK);
	ng_doc_destroy(a);
	ng_doc_destroy(b);
	const char *p = tmp_path("inbatch.db");
	assert_int_equal(scalar(p, "SELECT count(*) FROM articles"), 2);
	assert_int_equal(scalar(p, "SELECT count(*) FROM quotes"), 2);
	/* the index agrees with its content table, each quote in it once */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO quotes_fts(quotes_fts) VALUES('integrity-check')",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(scalar(p, "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'haniyeh'"), 1);
}

static void test_idempotent(void **state)
{
	(void)state;
	ng_doc *a = make_doc_a(), *b = make_doc_b();
	ng_store *s = open_new("idem.db");
	ng_store_set_batch(s, 1);
	assert_int_equal(ng_store_set_stages(s, "extract,segment,entities,quotes,events"), NG_OK);
	add_expect(s, a, NG_STORE_ADDED);
	add_expect(s, b, NG_STORE_ADDED);
	add_expect(s, a, NG_STORE_SKIPPED);
	ng_store_counts c1, c2;
	assert_int_equal(ng_store_count(s, &c1), NG_OK);
	assert_int_equal(c1.articles, 2);
	assert_int_equal(c1.sentences, 5);
	assert_int_equal(c1.entities, 4);
	assert_int_equal(c1.mentions, 7);
	assert_int_equal(c1.quotes, 2);
	assert_int_equal(c1.events, 2);
	/* links: 2 events, 1 quote (Haniyeh on Israel), cooccur: s1 {H,L,T}=3 pairs, s2 {H,I}, s3 {L,I} */
	assert_int_equal(c1.links, 2 + 1 + 5);
	assert_int_equal(ng_store_close(s), NG_OK);

	/* a second run with the same stages adds nothing */
	char err[512];
	s = ng_store_open(tmp_path("idem.db"), NG_STORE_CREATE, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(ng_store_set_stages(s, "extract,segment,entities,quotes,events"), NG_OK);
	add_expect(s, b, NG_STORE_SKIPPED);
	add_expect(s, a, NG_STORE_SKIPPED);
	/* new stages: annotations replaced, nothing doubled */
	assert_int_equal(ng_store_set_stages(s, "extract,segment,entities,coref,quotes,events"), NG_OK);
	add_expect(s, a, NG_STORE_UPDATED);
	assert_int_equal(ng_store_count(s, &c2), NG_OK);
	assert_int_equal(memcmp(&c1, &c2, sizeof c1), 0);
	/* the same text under another URL is another article */
	a->source_url = "https://example.org/a1-copy";
	add_expect(s, a, NG_STORE_ADDED);
	/* re-annotated in the batch that added it: its entity_articles rows,
	** staged for the commit, are written before the old ones go */
	assert_int_equal(ng_store_set_stages(s, "extract,segment,entities,coref,quotes,events,x"), NG_OK);
	add_expect(s, a, NG_STORE_UPDATED);
	assert_int_equal(ng_store_close(s), NG_OK);
	const char *p = tmp_path("idem.db");
	assert_int_equal(scalar(p, "SELECT count(*) FROM articles"), 3);
	assert_int_equal(scalar(p, "SELECT count(DISTINCT hash) FROM articles"), 3);
	/* per-entity totals follow the replacement: Haniyeh in two articles, 4 mentions */
	assert_int_equal(scalar(p, "SELECT n_articles FROM entities WHERE name = 'Ismail Haniyeh'"), 2);
	assert_int_equal(scalar(p, "SELECT n_mentions FROM entities WHERE name = 'Ismail Haniyeh'"), 4);
	assert_int_equal(scalar(p, "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'Haniyeh'"), 2);
	assert_int_equal(scalar(p, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	/* the re-annotated article's quotes were indexed again, once (their ids
	** are in its old range, below the batch's new ids) */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO quotes_fts(quotes_fts) VALUES('integrity-check')",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	/* edges: Haniyeh (1) and Larijani (2) in two articles, one event and one
	** shared sentence in each, after one article's annotations were replaced */
	assert_int_equal(scalar(p, "SELECT events * 100 + cooccur * 10 + articles FROM edges"
				   " WHERE x = 1 AND y = 2"), 222);
	assert_int_equal(scalar(p, "SELECT sum(articles) FROM edges"), 2 * 5);
	/* entity_articles: one row per entity and article, after a replacement too */
	char buf[256];
	assert_string_equal(text_scalar(p, "SELECT group_concat(entity_id || ':' || article_id || ':' ||"
					   " n_mentions, ' ') FROM (SELECT * FROM entity_articles ORDER BY entity_id, article_id)",
					   buf, sizeof buf),
			    "1:1:2 1:3:2 2:1:2 2:3:2 3:1:1 3:3:1 4:1:2 4:3:2");
	/* re-annotated with "Israel" renamed "Tehran": article 1 keeps no Israel
	** row, and its two Tehran entities are one row with their mentions summed */
	s = ng_store_open(p, 0, err, sizeof err);
	assert_non_null(s);
	assert_int_equal(ng_store_set_stages(s, "extract,segment,entities,coref,quotes,events,v2"), NG_OK);
	a->source_url = "https://example.org/a1";
	a->entities[3].name = "Tehran";
	add_expect(s, a, NG_STORE_UPDATED);
	assert_int_equal(ng_store_close(s), NG_OK);
	assert_string_equal(text_scalar(p, "SELECT group_concat(entity_id || ':' || article_id || ':' ||"
					   " n_mentions, ' ') FROM (SELECT * FROM entity_articles ORDER BY entity_id, article_id)",
					   buf, sizeof buf),
			    "1:1:2 1:3:2 2:1:2 2:3:2 3:1:3 3:3:1 4:3:2");
	/* the posting list that held only article 1's Israel is gone, none is left empty */
	assert_int_equal(scalar(p, "SELECT count(*) FROM entity_postings WHERE articles = '[]'"), 0);
	assert_int_equal(scalar(p, "SELECT count(*) FROM entity_postings WHERE entity_id = 4"), 1);
	/* and they agree with the running totals */
	assert_int_equal(scalar(p, "SELECT count(*) FROM entities e WHERE n_articles !="
				   " (SELECT count(*) FROM entity_articles x WHERE x.entity_id = e.id)"
				   " OR n_mentions != (SELECT coalesce(sum(n_mentions), 0) FROM entity_articles x"
				   " WHERE x.entity_id = e.id)"), 0);
	assert_int_equal(scalar(p, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	ng_doc_destroy(a);
	ng_doc_destroy(b);
}

/* a document without clean text is refused, and the store stays usable */
static void test_refuses_untexted(void **state)
{
	(void)state;
	ng_store *s = open_new("refuse.db");
	ng_doc *d = ng_doc_create(0);
	d->id = "raw-only";
	ng_store_result r;
	assert_int_equal(ng_store_add(s, d, &r), NG_EUSAGE);
	assert_non_null(strstr(ng_store_errmsg(s), "no clean text"));
	ng_doc *a = make_doc_a();
	add_expect(s, a, NG_STORE_ADDED);
	assert_int_equal(ng_store_close(s), NG_OK);
	ng_doc_destroy(d);
	ng_doc_destroy(a);
}

static ng_store *fixture_store(void)
{
	ng_doc *a = make_doc_a(), *b = make_doc_b();
	ng_store *s = open_new("query.db");
	assert_int_equal(ng_store_set_stages(s, "test"), NG_OK);
	add_expect(s, a, NG_STORE_ADDED);
	add_expect(s, b, NG_STORE_ADDED);
	assert_int_equal(ng_store_close(s), NG_OK);
	ng_doc_destroy(a);
	ng_doc_destroy(b);
	char err[512];
	s = ng_store_open(tmp_path("query.db"), NG_STORE_READONLY, err, sizeof err);
	assert_non_null(s);
	return s;
}

static ng_status json_line(void *ctx, const ng_row *row)
{
	return ng_row_json(row, ctx);
}

/* Runs a query into a string of JSON Lines (caller frees). */
static char *run_q(ng_store *s, const ng_query *q, long *rows, ng_status *st)
{
	ng_outbuf b = {NULL, 0, 0, (size_t)1 << 28};
	*st = ng_store_query(s, q, json_line, &b, rows);
	char *out = strndup(b.data ? b.data : "", b.len);
	assert_non_null(out);
	ng_outbuf_free(&b);
	return out;
}

static void expect_json(ng_store *s, const ng_query *q, const char *want)
{
	long rows;
	ng_status st;
	char *got = run_q(s, q, &rows, &st);
	if (st != NG_OK)
		fail_msg("query failed: %s", ng_store_errmsg(s));
	if (strcmp(got, want))
		fail_msg("got:\n%s\nwant:\n%s", got, want);
	free(got);
}

/* `quotes --text` folds case and accents as FTS5's tokenizer does, and takes
** a word of several tokens as a phrase */
static void test_quote_words(void **state)
{
	(void)state;
	static const char text[] = "In Z\xc3\xbcrich, S\xc3\xa9gol\xc3\xa8ne Royal said: "
				   "\"Stra\303\237e closed, the caf\xc3\xa9 of al-Nakhalah failed.\"";
	ng_store *s = open_new("words.db");
	ng_doc *d = ng_doc_create(0);
	assert_non_null(d);
	d->id = "w1";
	d->source_offset = -1;
	d->text = ng_doc_strndup(d, text, strlen(text));
	d->text_len = strlen(text);
	d->assigned = NG_F_RAW | NG_F_TEXT | NG_F_QUOTES;
	d->quotes = ng_arena_alloc(d->arena, sizeof(ng_quote));
	d->n_quotes = 1;
	ng_span qs = find(text, "Stra", 0), spk = find(text, "S\xc3\xa9gol\xc3\xa8ne Royal", 0);
	qs.end = (int64_t)strlen(text) - 1;
	d->quotes[0] = (ng_quote){.start = qs.start, .end = qs.end, .kind = NG_QUOTE_DIRECT,
				  .speaker = -1, .speaker_start = spk.start, .speaker_end = spk.end,
				  .cue_start = -1, .cue_end = -1};
	add_expect(s, d, NG_STORE_ADDED);
	assert_int_equal(ng_store_commit(s), NG_OK);
	static const char *const hit[] = {"stra\303\237e", "CAFE", "Caf\xc3\xa9",
					  "CLOSED al-nakhalah", "al nakhalah", "nakhalah"};
	/* Zurich and Royal are outside the quote; FTS5 does not fold sharp s */
	static const char *const miss[] = {"zurich", "al-failed", "nakhalah-al", "strass",
					   "Royal", "strasse"};
	long rows;
	ng_status st;
	for (size_t i = 0; i < sizeof hit / sizeof hit[0]; i++) {
		ng_query q = {.kind = NG_QUERY_QUOTES, .text = hit[i]};
		free(run_q(s, &q, &rows, &st));
		assert_int_equal(st, NG_OK);
		if (rows != 1)
			fail_msg("'%s' should find the quote", hit[i]);
	}
	for (size_t i = 0; i < sizeof miss / sizeof miss[0]; i++) {
		ng_query q = {.kind = NG_QUERY_QUOTES, .text = miss[i]};
		free(run_q(s, &q, &rows, &st));
		assert_int_equal(st, NG_OK);
		if (rows != 0)
			fail_msg("'%s' should not find the quote", miss[i]);
	}
	/* accents folded on both sides: the speaker as typed without them */
	ng_query q = {.kind = NG_QUERY_QUOTES, .speaker = "segolene", .text = "cafe"};
	free(run_q(s, &q, &rows, &st));
	assert_int_equal(rows, 1);
	assert_int_equal(ng_store_close(s), NG_OK);
	ng_doc_destroy(d);
}

static void test_queries(void **state)
{
	(void)state;
	ng_store *s = fixture_store();
	ng_query q = {.kind = NG_QUERY_SEARCH, .text = "recognized occupation"};
	long rows;
	ng_status st;
	char *hit = run_q(s, &q, &rows, &st);
	assert_int_equal(st, NG_OK);
	assert_int_equal(rows, 1);
	assert_true(strncmp(hit, "{\"article\":1,\"date\":\"2024-03-04\",\"title\":\"Haniyeh meets Larijani\","
			    "\"snippet\":\"", 77) == 0);
	assert_non_null(strstr(hit, "[recognized],\\\" Haniyeh said of the [occupation]."));
	free(hit);
	/* punctuation in the words cannot break the FTS5 syntax */
	q.text = "Cairo\" OR (";
	expect_json(s, &q, "");
	q.text = "Cairo,";
	free(run_q(s, &q, &rows, &st));
	assert_int_equal(st, NG_OK);
	assert_int_equal(rows, 1);
	/* a word holding punctuation is a phrase of its tokens (the index keeps
	** positions: detail=full, which bm25 ranking needs to stay fast) */
	q.text = "Ali-Larijani";
	free(run_q(s, &q, &rows, &st));
	assert_int_equal(st, NG_OK);
	assert_int_equal(rows, 1);
	q.text = "\xe2\x80\x9cTehran\xe2\x80\x9d \xc2\xbbHaniyeh\xc2\xab";
	free(run_q(s, &q, &rows, &st));
	assert_int_equal(st, NG_OK);
	assert_int_equal(rows, 1);
	q.text = "Larijani-Tehran"; /* not adjacent */
	expect_json(s, &q, "");

	q = (ng_query){.kind = NG_QUERY_QUOTES, .speaker = "haniyeh"};
	expect_json(s, &q, "{\"quote\":65536,\"date\":\"2024-03-04\",\"speaker\":\"Ismail Haniyeh\","
			   "\"cue\":\"say\",\"class\":\"speech\","
			   "\"quote_text\":\"Israel will never be recognized,\","
			   "\"article\":1,\"title\":\"Haniyeh meets Larijani\"}\n");
	q.cue_class = "belief";
	expect_json(s, &q, "");
	q.speaker = "Larijani";
	expect_json(s, &q, "");
	/* the words said: found in the articles' index, then checked in each
	** quote, as FTS5 would match them (whole words, any case, any order) */
	q = (ng_query){.kind = NG_QUERY_QUOTES, .text = "RECOGNIZED israel"};
	char *said = run_q(s, &q, &rows, &st);
	assert_int_equal(st, NG_OK);
	assert_int_equal(rows, 1);
	assert_non_null(strstr(said, "\"quote\":65536,"));
	free(said);
	q.text = "occupation"; /* in article A, outside its quote */
	expect_json(s, &q, "");
	q.text = "recogni"; /* part of a word */
	expect_json(s, &q, "");
	q = (ng_query){.kind = NG_QUERY_QUOTES, .speaker = "haniyeh", .text = "never"};
	free(run_q(s, &q, &rows, &st));
	assert_int_equal(rows, 1);
	q.text = "calm";
	expect_json(s, &q, "");
	/* one speaker match, the word in both articles: the speaker's quotes
	** drive and each is checked; "said" is in A, but not in its quote */
	q.text = "said";
	expect_json(s, &q, "");
	q = (ng_query){.kind = NG_QUERY_QUOTES, .text = "please calm"};
	said = run_q(s, &q, &rows, &st);
	assert_int_equal(rows, 1);
	assert_non_null(strstr(said, "Calm, please,"));
	free(said);
	/* by class alone: article B's quote was stored without one (its
	** document did not carry NG_F_CUE_CLASS), so only A's is speech */
	q = (ng_query){.kind = NG_QUERY_QUOTES, .cue_class = "speech"};
	char *speech = run_q(s, &q, &rows, &st);
	assert_int_equal(st, NG_OK);
	assert_int_equal(rows, 1);
	assert_non_null(strstr(speech, "recognized"));
	free(speech);
	q.cue_class = "gossip";
	free(run_q(s, &q, &rows, &st));
	assert_int_equal(st, NG_EUSAGE);
	assert_non_null(strstr(ng_store_errmsg(s), "no class 'gossip'"));
	q = (ng_query){.kind = NG_QUERY_QUOTES};
	char *all = run_q(s, &q, &rows, &st);
	assert_int_equal(rows, 2);
	/* newest first */
	assert_true(strstr(all, "recognized") < strstr(all, "Calm"));
	free(all);

	q = (ng_query){.kind = NG_QUERY_EVENTS, .source = "Larijani"};
	expect_json(s, &q, "{\"event\":2,\"date\":\"2024-03-04\",\"source\":\"Ali Larijani\","
			   "\"source_code\":\"IRNLEG\",\"cameo\":\"111\",\"plover\":\"DISAPPROVE\","
			   "\"target\":\"Israel\",\"target_code\":\"ISR\",\"goldstein\":-2,"
			   "\"negated\":\"\",\"article\":1,\"sentence\":\"Larijani criticized Israel.\"}\n");
	q = (ng_query){.kind = NG_QUERY_EVENTS, .target = "irn", .code = "04", .since = "2024-03-01"};
	char *ev = run_q(s, &q, &rows, &st);
	assert_int_equal(st, NG_OK);
	assert_int_equal(rows, 1);
	assert_non_null(strstr(ev, "\"cameo\":\"040\""));
	free(ev);
	q.since = "2024-03-05";
	expect_json(s, &q, "");
	q = (ng_query){.kind = NG_QUERY_EVENTS, .code = "04x"};
	free(run_q(s, &q, &rows, &st));
	assert_int_equal(st, NG_EUSAGE);

	q = (ng_query){.kind = NG_QUERY_ENTITIES, .type = "PER", .limit = 5};
	expect_json(s, &q, "{\"name\":\"Ali Larijani\",\"type\":\"PER\",\"articles\":1,\"mentions\":2}\n"
			   "{\"name\":\"Ismail Haniyeh\",\"type\":\"PER\",\"articles\":1,\"mentions\":2}\n");
	q = (ng_query){.kind = NG_QUERY_ENTITIES, .limit = 1};
	expect_json(s, &q, "{\"name\":\"Ali Larijani\",\"type\":\"PER\",\"articles\":1,\"mentions\":2}\n");
	/* all types: the tops of each type merged, ties by articles then name */
	q.limit = 4;
	expect_json(s, &q, "{\"name\":\"Ali Larijani\",\"type\":\"PER\",\"articles\":1,\"mentions\":2}\n"
			   "{\"name\":\"Ismail Haniyeh\",\"type\":\"PER\",\"articles\":1,\"mentions\":2}\n"
			   "{\"name\":\"Israel\",\"type\":\"LOC\",\"articles\":1,\"mentions\":2}\n"
			   "{\"name\":\"Tehran\",\"type\":\"LOC\",\"articles\":1,\"mentions\":1}\n");
	q.type = "PERSON";
	free(run_q(s, &q, &rows, &st));
	assert_int_equal(st, NG_EUSAGE);

	q = (ng_query){.kind = NG_QUERY_NETWORK, .person = "Haniyeh"};
	expect_json(s, &q,
		    "{\"person\":\"Ismail Haniyeh\",\"other\":\"Ali Larijani\",\"type\":\"PER\","
		    "\"events\":1,\"quotes\":0,\"cooccur\":1,\"articles\":1}\n"
		    "{\"person\":\"Ismail Haniyeh\",\"other\":\"Israel\",\"type\":\"LOC\","
		    "\"events\":0,\"quotes\":1,\"cooccur\":1,\"articles\":1}\n"
		    "{\"person\":\"Ismail Haniyeh\",\"other\":\"Tehran\",\"type\":\"LOC\","
		    "\"events\":0,\"quotes\":0,\"cooccur\":1,\"articles\":1}\n");
	q.person = NULL;
	free(run_q(s, &q, &rows, &st));
	assert_int_equal(st, NG_EUSAGE);

	q = (ng_query){.kind = NG_QUERY_ARTICLES, .entity = "israel"};
	expect_json(s, &q, "{\"article\":1,\"date\":\"2024-03-04\",\"title\":\"Haniyeh meets Larijani\","
			   "\"url\":\"https://example.org/a1\",\"entity\":\"Israel\",\"mentions\":2}\n");
	q.since = "2024-03-05";
	expect_json(s, &q, "");
	q = (ng_query){.kind = NG_QUERY_ARTICLES, .entity = "Cairo"}; /* in b's text, not an entity */
	expect_json(s, &q, "");
	q.entity = " ";
	free(run_q(s, &q, &rows, &st));
	assert_int_equal(st, NG_EUSAGE);

	/* typed columns, in order (the command line prints them as a table) */
	q = (ng_query){.kind = NG_QUERY_ENTITIES, .type = "LOC"};
	expect_json(s, &q, "{\"name\":\"Israel\",\"type\":\"LOC\",\"articles\":1,\"mentions\":2}\n"
			   "{\"name\":\"Tehran\",\"type\":\"LOC\",\"articles\":1,\"mentions\":1}\n");
	assert_int_equal(ng_store_close(s), NG_OK);
}

/* An entity in more articles than the counting step's cap (2,000): the
** query walks the articles by date instead of sorting all matches, and
** must give the same kind of rows, newest first. */
static void test_articles_dense(void **state)
{
	(void)state;
	ng_store *s = open_new("dense.db");
	ng_store_set_batch(s, 4096);
	enum { N = 2100 };
	for (int i = 0; i < N; i++) {
		ng_doc *d = ng_doc_create(0);
		assert_non_null(d);
		char text[64], date[16];
		int l = snprintf(text, sizeof text, "Keeper %d lit the lamp.", i);
		snprintf(date, sizeof date, "%04d-01-01", 1000 + i);
		d->text = ng_doc_strndup(d, text, (size_t)l);
		d->text_len = (size_t)l;
		d->date = ng_doc_strndup(d, date, strlen(date));
		d->assigned = NG_F_RAW | NG_F_TEXT | NG_F_ENTITIES;
		int ne = i == N - 1 ? 2 : 1;
		ng_entity *e = ng_arena_alloc(d->arena, 2 * sizeof *e);
		ng_mention *m = ng_arena_alloc(d->arena, 4 * sizeof *m);
		memset(e, 0, 2 * sizeof *e);
		memset(m, 0, 4 * sizeof *m);
		for (int k = 0; k < 4; k++)
			m[k] = (ng_mention){0, 6, NG_MENTION_NAME, 0};
		e[0] = (ng_entity){.type = NG_ENT_PER, .name = "Lighthouse Keeper", .mentions = m,
				   .n_mentions = (size_t)(1 + i % 3)};
		/* the newest article also names another entity with "Keeper" */
		e[1] = (ng_entity){.id = 1, .type = NG_ENT_ORG, .name = "Keeper Trust", .mentions = m + 3,
				   .n_mentions = 1};
		d->entities = e;
		d->n_entities = (size_t)ne;
		/* every article quotes the keeper: "lit the lamp" (speech, the
		** dense match), then "Keeper" without a speaker, but every 500th
		** article has the keeper believe it */
		ng_quote *qs = ng_arena_alloc(d->arena, 2 * sizeof *qs);
		memset(qs, 0, 2 * sizeof *qs);
		qs[0] = (ng_quote){.start = (int64_t)l - 13, .end = (int64_t)l - 1, .speaker = 0,
				   .speaker_start = -1, .speaker_end = -1, .cue = "say", .cue_start = -1,
				   .cue_end = -1, .cue_class = "speech"};
		qs[1] = (ng_quote){.start = 0, .end = 6, .speaker = i % 500 ? -1 : 0, .speaker_start = -1,
				   .speaker_end = -1, .cue = "think", .cue_start = -1, .cue_end = -1,
				   .cue_class = i % 500 ? "speech" : "belief"};
		d->quotes = qs;
		d->n_quotes = 2;
		d->assigned |= NG_F_QUOTES | NG_F_CUE_CLASS;
		add_expect(s, d, NG_STORE_ADDED);
		ng_doc_destroy(d);
	}
	assert_int_equal(ng_store_close(s), NG_OK);
	const char *p = tmp_path("dense.db");
	assert_int_equal(scalar(p, "SELECT count(*) FROM quotes"), 2 * N);
	assert_int_equal(scalar(p, "SELECT max(id) FROM quotes"), N * 65536 + 1);
	assert_int_equal(scalar(p, "SELECT count(*) FROM entity_articles"), N + 1);
	char err[512];
	s = ng_store_open(p, NG_STORE_READONLY, err, sizeof err);
	assert_non_null(s);
	long rows_dense;
	ng_status st_dense;
	ng_query q = {.kind = NG_QUERY_ARTICLES, .entity = "keeper", .limit = 3};
	expect_json(s, &q, "{\"article\":2100,\"date\":\"3099-01-01\",\"title\":null,\"url\":null,"
			   "\"entity\":\"Lighthouse Keeper\",\"mentions\":4}\n"
			   "{\"article\":2099,\"date\":\"3098-01-01\",\"title\":null,\"url\":null,"
			   "\"entity\":\"Lighthouse Keeper\",\"mentions\":2}\n"
			   "{\"article\":2098,\"date\":\"3097-01-01\",\"title\":null,\"url\":null,"
			   "\"entity\":\"Lighthouse Keeper\",\"mentions\":1}\n");
	q = (ng_query){.kind = NG_QUERY_ARTICLES, .entity = "lighthouse keeper", .since = "3098-06-01",
		       .limit = 10};
	expect_json(s, &q, "{\"article\":2100,\"date\":\"3099-01-01\",\"title\":null,\"url\":null,"
			   "\"entity\":\"Lighthouse Keeper\",\"mentions\":3}\n");
	/* the sparse entity, same store: the other plan */
	q = (ng_query){.kind = NG_QUERY_ARTICLES, .entity = "trust"};
	expect_json(s, &q, "{\"article\":2100,\"date\":\"3099-01-01\",\"title\":null,\"url\":null,"
			   "\"entity\":\"Keeper Trust\",\"mentions\":1}\n");
	/* quotes: 2,100 speakers match (the walk of articles newest first, each
	** one's quotes by id), then a class on top of the words */
	q = (ng_query){.kind = NG_QUERY_QUOTES, .speaker = "keeper", .text = "lamp", .limit = 2};
	expect_json(s, &q, "{\"quote\":137625600,\"date\":\"3099-01-01\",\"speaker\":\"Lighthouse Keeper\","
			   "\"cue\":\"say\",\"class\":\"speech\",\"quote_text\":\"lit the lamp\","
			   "\"article\":2100,\"title\":null}\n"
			   "{\"quote\":137560064,\"date\":\"3098-01-01\",\"speaker\":\"Lighthouse Keeper\","
			   "\"cue\":\"say\",\"class\":\"speech\",\"quote_text\":\"lit the lamp\","
			   "\"article\":2099,\"title\":null}\n");
	/* the speaker alone, 2,105 matches: the quotes of the speaker only
	** (not article 2100's second quote, which has none) */
	q = (ng_query){.kind = NG_QUERY_QUOTES, .speaker = "keeper", .limit = 3};
	char *kept = run_q(s, &q, &rows_dense, &st_dense);
	assert_int_equal(st_dense, NG_OK);
	assert_int_equal(rows_dense, 3);
	assert_non_null(strstr(kept, "{\"quote\":137625600,"));
	assert_non_null(strstr(kept, "{\"quote\":137560064,"));
	assert_non_null(strstr(kept, "{\"quote\":137494528,"));
	free(kept);
	/* and with a class only every 500th article has: the walk skips the
	** articles without a match of the speaker */
	q = (ng_query){.kind = NG_QUERY_QUOTES, .speaker = "keeper", .cue_class = "belief",
		       .limit = 10};
	kept = run_q(s, &q, &rows_dense, &st_dense);
	assert_int_equal(st_dense, NG_OK);
	assert_int_equal(rows_dense, 5);
	assert_true(strstr(kept, "{\"quote\":131137537,") < strstr(kept, "{\"quote\":98369537,"));
	assert_null(strstr(kept, "\"speaker\":null"));
	free(kept);
	q = (ng_query){.kind = NG_QUERY_QUOTES, .cue_class = "belief", .limit = 10};
	char *beliefs = run_q(s, &q, &rows_dense, &st_dense);
	assert_int_equal(st_dense, NG_OK);
	assert_int_equal(rows_dense, 5); /* articles 1, 501, ..., 2001: newest first */
	assert_true(strstr(beliefs, "\"article\":2001,") < strstr(beliefs, "\"article\":1501,"));
	free(beliefs);
	assert_int_equal(ng_store_close(s), NG_OK);
}

static char *export_str(ng_store *s, ng_export_format f, const char *table, ng_status *st)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	*st = ng_store_export(s, f, table, fp);
	fclose(fp);
	return buf;
}

static void test_exports(void **state)
{
	(void)state;
	ng_store *s = fixture_store();
	ng_status st;
	/* jsonl: exactly what the writer gives for the original documents */
	char *got = export_str(s, NG_EXPORT_JSONL, NULL, &st);
	assert_int_equal(st, NG_OK);
	ng_outbuf want = {.cap = 1 << 20};
	ng_doc *a = make_doc_a(), *b = make_doc_b();
	assert_int_equal(ng_write_jsonl(a, 0, &want), NG_OK);
	assert_int_equal(ng_write_jsonl(b, 0, &want), NG_OK);
	assert_int_equal(ng_buf_append(&want, "", 1), NG_OK);
	assert_string_equal(got, want.data);
	free(got);
	ng_outbuf_free(&want);
	ng_doc_destroy(a);
	ng_doc_destroy(b);

	/* gdelt: exactly what the GDELT writer gives for the original documents */
	got = export_str(s, NG_EXPORT_GDELT, NULL, &st);
	assert_int_equal(st, NG_OK);
	ng_outbuf gwant = {.cap = 1 << 20};
	ng_doc *ga = make_doc_a(), *gb = make_doc_b();
	assert_int_equal(ng_write_gdelt(ga, &gwant), NG_OK);
	assert_int_equal(ng_write_gdelt(gb, &gwant), NG_OK);
	assert_int_equal(ng_buf_append(&gwant, "", 1), NG_OK);
	assert_true(gwant.len > 100); /* the documents have events */
	assert_string_equal(got, gwant.data);
	free(got);
	ng_outbuf_free(&gwant);
	ng_doc_destroy(ga);
	ng_doc_destroy(gb);

	got = export_str(s, NG_EXPORT_GRAPHML, NULL, &st);
	assert_int_equal(st, NG_OK);
	assert_non_null(strstr(got, "<node id=\"n1\"><data key=\"label\">Ismail Haniyeh</data>"));
	assert_non_null(strstr(got, "source=\"n1\" target=\"n2\"><data key=\"weight\">2</data>"
				    "<data key=\"events\">1</data><data key=\"quotes\">0</data>"
				    "<data key=\"cooccur\">1</data>"));
	assert_non_null(strstr(got, "</graphml>\n"));
	free(got);

	got = export_str(s, NG_EXPORT_CSV, "quotes", &st);
	assert_int_equal(st, NG_OK);
	assert_non_null(strstr(got, "id,article_id,idx,start,end,kind,text,"));
	assert_non_null(strstr(got, ",direct,\"Calm, please,\",,,he,"));
	free(got);
	got = export_str(s, NG_EXPORT_CSV, "articles; DROP TABLE x", &st);
	assert_int_equal(st, NG_EUSAGE);
	free(got);
	assert_int_equal(ng_store_close(s), NG_OK);
}

/* An article of `bytes` bytes of one repeated sentence, with an entity, a
** quote and an event (ids and spans in its first sentence). */
static ng_doc *make_big_doc(size_t bytes)
{
	static const char unit[] = "Haniyeh said the harbor strike goes on. ";
	ng_doc *d = ng_doc_create(0);
	assert_non_null(d);
	size_t n = bytes / (sizeof unit - 1);
	char *text = ng_arena_alloc(d->arena, n * (sizeof unit - 1) + 1);
	assert_non_null(text);
	for (size_t i = 0; i < n; i++)
		memcpy(text + i * (sizeof unit - 1), unit, sizeof unit - 1);
	text[n * (sizeof unit - 1)] = 0;
	d->id = "big";
	d->date = "2024-03-04";
	d->text = text;
	d->text_len = n * (sizeof unit - 1);
	d->assigned = NG_F_RAW | NG_F_TEXT | NG_F_META | NG_F_ENTITIES | NG_F_QUOTES | NG_F_EVENTS;
	d->entities = ng_arena_alloc(d->arena, sizeof(ng_entity));
	memset(d->entities, 0, sizeof(ng_entity));
	ng_mention *m = ng_arena_alloc(d->arena, sizeof(ng_mention));
	*m = (ng_mention){0, 7, NG_MENTION_NAME, 0};
	d->entities[0] = (ng_entity){.type = NG_ENT_PER, .name = "Ismail Haniyeh", .mentions = m,
				     .n_mentions = 1};
	d->n_entities = 1;
	d->quotes = ng_arena_alloc(d->arena, sizeof(ng_quote));
	memset(d->quotes, 0, sizeof(ng_quote));
	d->quotes[0] = (ng_quote){.start = 13, .end = 39, .kind = 1, .speaker = 0, .speaker_start = 0,
				  .speaker_end = 7, .cue = "say", .cue_start = 8, .cue_end = 12};
	d->n_quotes = 1;
	d->events = ng_arena_alloc(d->arena, sizeof(ng_event));
	memset(d->events, 0, sizeof(ng_event));
	d->events[0] = (ng_event){.start = 0, .end = 39, .cameo = "010", .source = {.entity = 0,
				  .start = 0, .end = 7, .code = "PSE"}, .target = {.entity = -1,
				  .start = -1, .end = -1}, .verb_start = 8, .verb_end = 12};
	d->n_events = 1;
	return d;
}

static ng_status no_row(void *ctx, const ng_row *row)
{
	(void)row;
	++*(long *)ctx;
	return NG_OK;
}

/* Every `query` subcommand's work on a store holding one article of
** `bytes` bytes in which the words searched for occur everywhere (issue
** 29, item 6): SQLite steps plus snippet steps, for each query. */
static void query_costs(size_t bytes, uint64_t cost[7])
{
	ng_store *s = open_new("cost.db");
	ng_doc *d = make_big_doc(bytes);
	add_expect(s, d, NG_STORE_ADDED);
	assert_int_equal(ng_store_close(s), NG_OK);
	ng_doc_destroy(d);
	char err[512];
	s = ng_store_open(tmp_path("cost.db"), NG_STORE_READONLY, err, sizeof err);
	assert_non_null(s);
	const ng_query qs[7] = {
		{.kind = NG_QUERY_SEARCH, .text = "harbor strike"},
		{.kind = NG_QUERY_QUOTES, .text = "harbor"},
		{.kind = NG_QUERY_QUOTES, .speaker = "Haniyeh"},
		{.kind = NG_QUERY_EVENTS, .source = "Haniyeh"},
		{.kind = NG_QUERY_ENTITIES},
		{.kind = NG_QUERY_NETWORK, .person = "Haniyeh"},
		{.kind = NG_QUERY_ARTICLES, .entity = "Haniyeh"},
	};
	for (int i = 0; i < 7; i++) {
		long n = 0, rows = 0;
		ng_status st = ng_store_query(s, &qs[i], no_row, &n, &rows);
		if (st != NG_OK)
			fail_msg("query %d on %zu bytes: %s", i, bytes, ng_store_errmsg(s));
		cost[i] = s->query_steps + s->query_work;
	}
	assert_int_equal(ng_store_close(s), NG_OK);
}

static void test_query_cost(void **state)
{
	(void)state;
	uint64_t c1[7], c2[7];
	query_costs((size_t)1 << 20, c1);
	query_costs((size_t)2 << 20, c2);
	for (int i = 0; i < 7; i++) {
		printf("query cost %d: 1 MB %llu steps, 2 MB %llu\n", i, (unsigned long long)c1[i],
		       (unsigned long long)c2[i]);
		/* at most linear in the article, and small: snippet() alone took
		** ~10^10 steps here (the square of 52,000 hits, times the window) */
		assert_true(c2[i] <= 2 * c1[i] + 100000);
		assert_true(c2[i] < 10000000);
	}
	/* the bound stops a query with a message */
	char err[512];
	ng_store *s = ng_store_open(tmp_path("cost.db"), NG_STORE_READONLY, err, sizeof err);
	assert_non_null(s);
	ng_store_set_query_limit(s, 1, 0);
	ng_query q = {.kind = NG_QUERY_ENTITIES, .limit = 1000};
	long n = 0;
	assert_int_equal(ng_store_query(s, &q, no_row, &n, NULL), NG_ELIMIT);
	assert_non_null(strstr(ng_store_errmsg(s), "past the query's bound"));
	ng_store_set_query_limit(s, 0, 0);
	assert_int_equal(ng_store_query(s, &q, no_row, &n, NULL), NG_OK);
	assert_int_equal(ng_store_close(s), NG_OK);
}

int main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "%s/ng-test-store-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schema),      cmocka_unit_test(test_bad_paths),
		cmocka_unit_test(test_refused_untouched),
		cmocka_unit_test(test_idempotent),  cmocka_unit_test(test_refuses_untexted),
		cmocka_unit_test(test_failed_document),
		cmocka_unit_test(test_queries),     cmocka_unit_test(test_quote_words),
		cmocka_unit_test(test_articles_dense),
		cmocka_unit_test(test_exports),
		cmocka_unit_test(test_query_cost),
		cmocka_unit_test(test_reannotate_in_batch),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	return rc;
}
