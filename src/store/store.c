/*
** store.c -- opening a newsgraph store (schema creation and migrations)
** and adding annotated documents to it.
**
** The schema lives in `migrations[]`: entry i brings a database from
** PRAGMA user_version i to i + 1, in one transaction together with the new
** user_version, so a store is always at a version this file knows. A file
** at version 0 with no tables is a new store; one with tables is someone
** else's database and is refused, as is a store from a newer newsgraph.
**
** Adding a document: its content hash finds the article; a new article is
** inserted with its sentences, entities (interned by name and type in the
** global `entities` table), mentions, quotes, events and the links they
** imply; an article stored with other stages gets its annotations
** replaced. Each document is a SAVEPOINT inside a batch transaction, so one
** bad document drops only itself; the batch commits every `batch`
** documents (WAL journal: a killed process loses at most the open batch).
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "io/json.h"
#include "store/store_int.h"

/* Version 1: the first schema (docs/store.md). */
static const char *const schema_v1[] = {
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;\n"
	"CREATE TABLE articles(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  hash TEXT NOT NULL UNIQUE,\n"
	"  doc_id TEXT, url TEXT, path TEXT, source_offset INTEGER, source_line INTEGER,\n"
	"  title TEXT, date TEXT, author TEXT, site TEXT, lang TEXT,\n"
	"  text TEXT NOT NULL,\n"
	"  stages TEXT NOT NULL DEFAULT '',\n"
	"  added TEXT NOT NULL);\n"
	"CREATE INDEX articles_date ON articles(date);\n"
	"CREATE INDEX articles_url ON articles(url);\n"
	,
	"CREATE TABLE sentences(\n"
	"  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
	"  idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,\n"
	"  PRIMARY KEY(article_id, idx)) WITHOUT ROWID;\n"
	"CREATE TABLE entities(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL, type TEXT NOT NULL,\n"
	"  n_articles INTEGER NOT NULL DEFAULT 0, n_mentions INTEGER NOT NULL DEFAULT 0,\n"
	"  UNIQUE(name, type));\n"
	"CREATE INDEX entities_top ON entities(n_mentions);\n"
	"CREATE INDEX entities_type_top ON entities(type, n_mentions);\n"
	"CREATE TABLE article_entities(\n"
	"  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
	"  idx INTEGER NOT NULL,\n"
	"  entity_id INTEGER NOT NULL REFERENCES entities(id),\n"
	"  titles TEXT, affiliation TEXT, country TEXT,\n"
	"  n_mentions INTEGER NOT NULL,\n"
	"  PRIMARY KEY(article_id, idx)) WITHOUT ROWID;\n"
	"CREATE INDEX article_entities_entity ON article_entities(entity_id);\n"
	"CREATE TABLE mentions(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  article_id INTEGER NOT NULL, entity_idx INTEGER NOT NULL,\n"
	"  sentence INTEGER, start INTEGER NOT NULL, end INTEGER NOT NULL, kind TEXT NOT NULL,\n"
	"  FOREIGN KEY(article_id, entity_idx) REFERENCES article_entities(article_id, idx)\n"
	"    ON DELETE CASCADE);\n"
	"CREATE INDEX mentions_article ON mentions(article_id, entity_idx);\n"
	,
	"CREATE TABLE quotes(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
	"  idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,\n"
	"  kind TEXT NOT NULL, text TEXT NOT NULL,\n"
	"  speaker_idx INTEGER, speaker_entity_id INTEGER REFERENCES entities(id),\n"
	"  speaker TEXT, speaker_start INTEGER, speaker_end INTEGER,\n"
	"  cue TEXT, cue_start INTEGER, cue_end INTEGER,\n"
	"  UNIQUE(article_id, idx));\n"
	"CREATE INDEX quotes_speaker_entity ON quotes(speaker_entity_id);\n"
	"CREATE TABLE events(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
	"  idx INTEGER NOT NULL, sentence INTEGER NOT NULL,\n"
	"  start INTEGER NOT NULL, end INTEGER NOT NULL, date TEXT,\n"
	"  source_idx INTEGER, source_entity_id INTEGER REFERENCES entities(id),\n"
	"  source_name TEXT, source_start INTEGER, source_end INTEGER, source_code TEXT,\n"
	"  target_idx INTEGER, target_entity_id INTEGER REFERENCES entities(id),\n"
	"  target_name TEXT, target_start INTEGER, target_end INTEGER, target_code TEXT,\n"
	"  cameo TEXT, plover TEXT, mode TEXT, negated INTEGER NOT NULL DEFAULT 0,\n"
	"  verb_start INTEGER, verb_end INTEGER, goldstein REAL, quad_class INTEGER,\n"
	"  UNIQUE(article_id, idx));\n"
	"CREATE INDEX events_cameo ON events(cameo);\n"
	"CREATE INDEX events_date ON events(date);\n"
	"CREATE INDEX events_source_entity ON events(source_entity_id);\n"
	"CREATE INDEX events_target_entity ON events(target_entity_id);\n"
	"CREATE INDEX events_source_name ON events(source_name COLLATE NOCASE);\n"
	"CREATE INDEX events_target_name ON events(target_name COLLATE NOCASE);\n"
	"CREATE INDEX events_source_code ON events(source_code);\n"
	"CREATE INDEX events_target_code ON events(target_code);\n"
	,
	"CREATE TABLE links(\n"
	"  a INTEGER NOT NULL REFERENCES entities(id),\n"
	"  b INTEGER NOT NULL REFERENCES entities(id),\n"
	"  kind TEXT NOT NULL,\n"
	"  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
	"  n INTEGER NOT NULL,\n"
	"  PRIMARY KEY(a, b, kind, article_id)) WITHOUT ROWID;\n"
	"CREATE INDEX links_b ON links(b, a);\n"
	"CREATE INDEX links_article ON links(article_id);\n"
	,
	"CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id');\n"
	"CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker, content='quotes', content_rowid='id');\n"
	"CREATE VIRTUAL TABLE entities_fts USING fts5(name, content='entities', content_rowid='id');\n"
	,
	"CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN\n"
	"  INSERT INTO articles_fts(rowid, title, text) VALUES(new.id, new.title, new.text); END;\n"
	"CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN\n"
	"  INSERT INTO articles_fts(articles_fts, rowid, title, text)\n"
	"    VALUES('delete', old.id, old.title, old.text); END;\n"
	"CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN\n"
	"  INSERT INTO quotes_fts(rowid, text, speaker) VALUES(new.id, new.text, new.speaker); END;\n"
	"CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN\n"
	"  INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker)\n"
	"    VALUES('delete', old.id, old.text, old.speaker); END;\n"
	"CREATE TRIGGER entities_ai AFTER INSERT ON entities BEGIN\n"
	"  INSERT INTO entities_fts(rowid, name) VALUES(new.id, new.name); END;\n"
	"CREATE TRIGGER entities_ad AFTER DELETE ON entities BEGIN\n"
	"  INSERT INTO entities_fts(entities_fts, rowid, name) VALUES('delete', old.id, old.name); END;\n"
	"INSERT INTO meta(key, value) VALUES('created_by', 'newsgraph " NG_VERSION "');\n",
	NULL};

/* Version 2: the full-text indexes are filled by newsgraph once per batch
** (ng_store_commit()) instead of by row triggers: FTS5 flushes its pending
** terms at every SAVEPOINT, so per-row triggers inside per-document
** savepoints wrote one tiny index segment per document (3x slower ingest). */
static const char *const schema_v2[] = {
	"DROP TRIGGER articles_ai; DROP TRIGGER quotes_ai; DROP TRIGGER entities_ai;\n"
	"INSERT INTO meta(key, value) VALUES('fts', 'filled at each commit by newsgraph')\n"
	"  ON CONFLICT(key) DO UPDATE SET value = excluded.value;\n",
	NULL};

/* Version 3: `edges`, the links summed per entity pair over the whole store
** (kept at ingest), so `query network` reads a few rows per neighbour instead
** of one per article; a covering events index in date order for `query
** events` (newest first, filters checked in the index). */
static const char *const schema_v3[] = {
	"CREATE TABLE edges(\n"
	"  x INTEGER NOT NULL REFERENCES entities(id),\n"
	"  y INTEGER NOT NULL REFERENCES entities(id),\n"
	"  events INTEGER NOT NULL, quotes INTEGER NOT NULL, cooccur INTEGER NOT NULL,\n"
	"  articles INTEGER NOT NULL,\n"
	"  PRIMARY KEY(x, y)) WITHOUT ROWID;\n"
	"CREATE INDEX edges_y ON edges(y);\n"
	"INSERT INTO edges(x, y, events, quotes, cooccur, articles)\n"
	"  SELECT px, py, sum(ev), sum(qu), sum(co), count(*) FROM (\n"
	"    SELECT article_id, min(a, b) AS px, max(a, b) AS py,\n"
	"      sum(CASE kind WHEN 'event' THEN n ELSE 0 END) AS ev,\n"
	"      sum(CASE kind WHEN 'quote' THEN n ELSE 0 END) AS qu,\n"
	"      sum(CASE kind WHEN 'cooccur' THEN n ELSE 0 END) AS co\n"
	"    FROM links GROUP BY article_id, px, py)\n"
	"  GROUP BY px, py;\n"
	"DROP INDEX events_date;\n"
	"CREATE INDEX events_scan ON events(date, cameo, source_code, target_code,\n"
	"  source_entity_id, target_entity_id, source_name, target_name);\n"
	"CREATE INDEX events_code ON events(cameo, date, source_code, target_code,\n"
	"  source_entity_id, target_entity_id, source_name, target_name);\n"
	"DROP INDEX events_cameo;\n"
	"ALTER TABLE quotes ADD COLUMN date TEXT;\n"
	"UPDATE quotes SET date = (SELECT substr(a.date, 1, 10) FROM articles a\n"
	"  WHERE a.id = quotes.article_id AND a.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*');\n"
	"CREATE INDEX quotes_date ON quotes(date);\n",
	NULL};

/* migrations[i] takes a store from user_version i to i + 1. */
static const char *const *const migrations[] = {schema_v1, schema_v2, schema_v3};
#define N_MIGRATIONS (sizeof migrations / sizeof migrations[0])

_Static_assert(N_MIGRATIONS == NG_STORE_SCHEMA_VERSION, "one migration per schema version");

static const char *const stmt_sql[ST_COUNT] = {
	[ST_FIND_ARTICLE] = "SELECT id, stages FROM articles WHERE hash = ?1",
	[ST_INSERT_ARTICLE] =
		"INSERT INTO articles(hash, doc_id, url, path, source_offset, source_line, title, date,"
		" author, site, lang, text, stages, added)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
		" strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
	[ST_SET_STAGES] = "UPDATE articles SET stages = ?2 WHERE id = ?1",
	[ST_INSERT_SENTENCE] = "INSERT INTO sentences(article_id, idx, start, end) VALUES(?1, ?2, ?3, ?4)",
	[ST_INSERT_ENTITY] = "INSERT INTO entities(name, type) VALUES(?1, ?2) ON CONFLICT DO NOTHING",
	[ST_FIND_ENTITY] = "SELECT id FROM entities WHERE name = ?1 AND type = ?2",
	[ST_INSERT_ART_ENTITY] =
		"INSERT INTO article_entities(article_id, idx, entity_id, titles, affiliation, country,"
		" n_mentions) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_INSERT_MENTION] =
		"INSERT INTO mentions(article_id, entity_idx, sentence, start, end, kind)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_INSERT_QUOTE] =
		"INSERT INTO quotes(article_id, idx, start, end, kind, text, speaker_idx,"
		" speaker_entity_id, speaker, speaker_start, speaker_end, cue, cue_start, cue_end, date)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
	[ST_INSERT_EVENT] =
		"INSERT INTO events(article_id, idx, sentence, start, end, date,"
		" source_idx, source_entity_id, source_name, source_start, source_end, source_code,"
		" target_idx, target_entity_id, target_name, target_start, target_end, target_code,"
		" cameo, plover, mode, negated, verb_start, verb_end, goldstein, quad_class)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
		" ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)",
	[ST_INSERT_LINK] = "INSERT INTO links(a, b, kind, article_id, n) VALUES(?1, ?2, ?3, ?4, ?5)",
	[ST_DEL_SENTENCES] = "DELETE FROM sentences WHERE article_id = ?1",
	[ST_DEL_MENTIONS] = "DELETE FROM mentions WHERE article_id = ?1",
	[ST_DEL_ART_ENTITIES] = "DELETE FROM article_entities WHERE article_id = ?1",
	[ST_DEL_QUOTES] = "DELETE FROM quotes WHERE article_id = ?1",
	[ST_DEL_EVENTS] = "DELETE FROM events WHERE article_id = ?1",
	[ST_DEL_LINKS] = "DELETE FROM links WHERE article_id = ?1",
	[ST_UNCOUNT_ENTITIES] =
		"UPDATE entities SET n_articles = n_articles - 1, n_mentions = n_mentions - x.m"
		" FROM (SELECT entity_id, sum(n_mentions) AS m FROM article_entities"
		" WHERE article_id = ?1 GROUP BY entity_id) AS x WHERE entities.id = x.entity_id",
	[ST_UPSERT_EDGE] =
		"INSERT INTO edges(x, y, events, quotes, cooccur, articles) VALUES(?1, ?2, ?3, ?4, ?5, 1)"
		" ON CONFLICT(x, y) DO UPDATE SET events = events + excluded.events,"
		" quotes = quotes + excluded.quotes, cooccur = cooccur + excluded.cooccur,"
		" articles = articles + 1",
	[ST_UNCOUNT_EDGES] =
		"UPDATE edges SET events = edges.events - d.ev, quotes = edges.quotes - d.qu,"
		" cooccur = edges.cooccur - d.co, articles = edges.articles - 1"
		" FROM (SELECT min(a, b) AS px, max(a, b) AS py,"
		" sum(CASE kind WHEN 'event' THEN n ELSE 0 END) AS ev,"
		" sum(CASE kind WHEN 'quote' THEN n ELSE 0 END) AS qu,"
		" sum(CASE kind WHEN 'cooccur' THEN n ELSE 0 END) AS co"
		" FROM links WHERE article_id = ?1 GROUP BY px, py) AS d"
		" WHERE edges.x = d.px AND edges.y = d.py",
	[ST_FTS_ARTICLES] = "INSERT INTO articles_fts(rowid, title, text)"
			    " SELECT id, title, text FROM articles WHERE id > ?1",
	[ST_FTS_QUOTES] = "INSERT INTO quotes_fts(rowid, text, speaker)"
			  " SELECT id, text, speaker FROM quotes WHERE id > ?1",
	[ST_FTS_ENTITIES] = "INSERT INTO entities_fts(rowid, name) SELECT id, name FROM entities WHERE id > ?1",
	[ST_COUNT_ENTITY] = "UPDATE entities SET n_articles = n_articles + ?2,"
			    " n_mentions = n_mentions + ?3 WHERE id = ?1",
};

static const char *const entity_types[] = {"PER", "ORG", "LOC", "MISC"};
static const char *const mention_kinds[] = {"name", "partial", "pronoun", "title"};
static const char *const quote_kinds[] = {"direct", "indirect", "mixed"};

void ng_store_set_err(ng_store *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->errmsg, sizeof s->errmsg, fmt, ap);
	va_end(ap);
}

ng_status ng_store_sql_err(ng_store *s, const char *what)
{
	int rc = sqlite3_errcode(s->db);
	ng_store_set_err(s, "%s: %s", what, sqlite3_errmsg(s->db));
	switch (rc & 0xff) {
	case SQLITE_NOMEM:
		return NG_ENOMEM;
	case SQLITE_FULL:
	case SQLITE_TOOBIG:
		return NG_ELIMIT;
	case SQLITE_CONSTRAINT:
	case SQLITE_MISMATCH:
	case SQLITE_RANGE:
		return NG_EINTERNAL;
	default:
		return NG_EIO;
	}
}

ng_status ng_store_exec(ng_store *s, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		ng_store_set_err(s, "%s", msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return NG_EIO;
	}
	return NG_OK;
}

const char *ng_store_errmsg(const ng_store *s)
{
	return s ? s->errmsg : "no store";
}

static int64_t pragma_int(ng_store *s, const char *sql, int *ok)
{
	sqlite3_stmt *st = NULL;
	int64_t v = 0;
	*ok = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		v = sqlite3_column_int64(st, 0);
		*ok = 1;
	}
	if (sqlite3_finalize(st) != SQLITE_OK)
		*ok = 0;
	return v;
}

/* Brings the schema to NG_STORE_SCHEMA_VERSION. */
static ng_status migrate(ng_store *s, const char *path, int64_t target)
{
	int ok;
	int64_t v = pragma_int(s, "PRAGMA user_version", &ok);
	if (!ok) {
		ng_store_set_err(s, "%s: %s", path, sqlite3_errmsg(s->db));
		return NG_EIO;
	}
	if (v > NG_STORE_SCHEMA_VERSION) {
		ng_store_set_err(s, "%s: written by a newer newsgraph (schema version %lld; this one "
				    "knows up to %d)", path, (long long)v, NG_STORE_SCHEMA_VERSION);
		return NG_EUSAGE;
	}
	if (v == 0) {
		int64_t n = pragma_int(s, "SELECT count(*) FROM sqlite_schema", &ok);
		if (!ok) {
			ng_store_set_err(s, "%s: %s", path, sqlite3_errmsg(s->db));
			return NG_EIO;
		}
		if (n > 0) {
			ng_store_set_err(s, "%s: an SQLite database but not a newsgraph store", path);
			return NG_EUSAGE;
		}
	}
	if (v >= target)
		return NG_OK;
	if (s->readonly) {
		ng_store_set_err(s, "%s: %s (schema version %lld); open it with 'newsgraph build' to "
				    "migrate it to version %d", path,
				 v == 0 ? "an empty database" : "an older store", (long long)v,
				 NG_STORE_SCHEMA_VERSION);
		return NG_EUSAGE;
	}
	ng_status st = ng_store_exec(s, "BEGIN IMMEDIATE");
	if (st)
		return st;
	/* re-read under the write lock: another process may have migrated it */
	v = pragma_int(s, "PRAGMA user_version", &ok);
	for (int64_t i = v; ok && st == NG_OK && i < target; i++) {
		for (const char *const *m = migrations[i]; *m && st == NG_OK; m++)
			st = ng_store_exec(s, *m);
		if (st == NG_OK) {
			char sql[64];
			snprintf(sql, sizeof sql, "PRAGMA user_version = %lld", (long long)i + 1);
			st = ng_store_exec(s, sql);
		}
	}
	if (!ok && st == NG_OK)
		st = ng_store_sql_err(s, "reading the schema version");
	if (st) {
		char keep[sizeof s->errmsg];
		memcpy(keep, s->errmsg, sizeof keep);
		(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		ng_store_set_err(s, "%s: creating the schema: %.400s", path, keep);
		return st;
	}
	st = ng_store_exec(s, "COMMIT");
	if (st == NG_OK)
		s->changed = true; /* fresh planner statistics at close */
	return st;
}

ng_store *ng_store_open(const char *path, unsigned flags, char *err, size_t errlen)
{
	return ng_store_open_version(path, flags, NG_STORE_SCHEMA_VERSION, err, errlen);
}

ng_store *ng_store_open_version(const char *path, unsigned flags, int version, char *err,
				size_t errlen)
{
	if (err && errlen)
		err[0] = 0;
	if (!path || !*path) {
		if (err)
			snprintf(err, errlen, "no database path given");
		return NULL;
	}
	struct stat sb;
	bool exists = stat(path, &sb) == 0;
	if (exists && S_ISDIR(sb.st_mode)) {
		if (err)
			snprintf(err, errlen, "%s: is a directory, not a database file", path);
		return NULL;
	}
	if (!exists && (!(flags & NG_STORE_CREATE) || (flags & NG_STORE_READONLY))) {
		if (err)
			snprintf(err, errlen, "%s: no such database", path);
		return NULL;
	}
	ng_store *s = ng_calloc(1, sizeof *s);
	if (!s) {
		if (err)
			snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->readonly = (flags & NG_STORE_READONLY) != 0;
	s->batch = 1024;
	int oflags = s->readonly ? SQLITE_OPEN_READONLY
				 : SQLITE_OPEN_READWRITE | ((flags & NG_STORE_CREATE) ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		if (err)
			snprintf(err, errlen, "%s: cannot open: %s", path,
				 s->db ? sqlite3_errmsg(s->db) : "out of memory");
		sqlite3_close(s->db);
		ng_free(s);
		return NULL;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 10000);
	ng_status st = NG_OK;
	if (!s->readonly)
		st = ng_store_exec(s, "PRAGMA journal_mode = WAL");
	if (st == NG_OK)
		st = ng_store_exec(s, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
				      "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32768");
	if (st == NG_OK)
		st = migrate(s, path, version);
	if (st) {
		if (err) {
			/* SQLite's own messages do not name the file */
			if (strncmp(s->errmsg, path, strlen(path)) == 0)
				snprintf(err, errlen, "%s", s->errmsg);
			else
				snprintf(err, errlen, "%s: %s", path, s->errmsg);
		}
		sqlite3_close(s->db);
		ng_free(s);
		return NULL;
	}
	return s;
}

static void finalize_all(ng_store *s)
{
	for (int i = 0; i < ST_COUNT; i++) {
		sqlite3_finalize(s->st[i]);
		s->st[i] = NULL;
	}
}

/* The tables with an FTS5 index filled at commit: rows with ids above the
** largest id when the transaction began are the new ones (ids only grow:
** rows are never deleted except quotes, whose index rows go by trigger). */
static const char *const fts_max_sql[3] = {
	"SELECT coalesce(max(id), 0) FROM articles",
	"SELECT coalesce(max(id), 0) FROM quotes",
	"SELECT coalesce(max(id), 0) FROM entities",
};
static sqlite3_stmt *stmt(ng_store *s, int which);
static ng_status run(ng_store *s, sqlite3_stmt *st, const char *what);

static ng_status fts_mark(ng_store *s)
{
	for (int i = 0; i < 3; i++) {
		int ok;
		s->fts_from[i] = pragma_int(s, fts_max_sql[i], &ok);
		if (!ok)
			return ng_store_sql_err(s, "reading the last ids");
	}
	return NG_OK;
}

static ng_status fts_fill(ng_store *s)
{
	for (int i = 0; i < 3; i++) {
		sqlite3_stmt *q = stmt(s, ST_FTS_ARTICLES + i);
		if (q)
			sqlite3_bind_int64(q, 1, s->fts_from[i]);
		ng_status st = run(s, q, "indexing the text");
		if (st)
			return st;
	}
	return NG_OK;
}

ng_status ng_store_commit(ng_store *s)
{
	if (!s)
		return NG_EUSAGE;
	if (!s->in_txn)
		return NG_OK;
	ng_status st = fts_fill(s);
	if (st == NG_OK)
		st = ng_store_exec(s, "COMMIT");
	if (st) {
		(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	}
	s->in_txn = false;
	s->pending = 0;
	return st;
}

ng_status ng_store_close(ng_store *s)
{
	if (!s)
		return NG_OK;
	ng_status st = ng_store_commit(s);
	finalize_all(s);
	/* planner statistics (sampled: cheap even on big files) after changes */
	if (!s->readonly && s->changed && st == NG_OK)
		(void)sqlite3_exec(s->db, "PRAGMA analysis_limit = 400; ANALYZE", NULL, NULL, NULL);
	if (sqlite3_close(s->db) != SQLITE_OK && st == NG_OK)
		st = NG_EIO;
	ng_free(s->stages);
	ng_free(s);
	return st;
}

void ng_store_set_batch(ng_store *s, unsigned batch)
{
	if (s)
		s->batch = batch ? batch : 1;
}

ng_status ng_store_set_stages(ng_store *s, const char *stages)
{
	if (!s)
		return NG_EUSAGE;
	char *copy = ng_strdup(stages ? stages : "");
	if (!copy)
		return NG_ENOMEM;
	ng_free(s->stages);
	s->stages = copy;
	return NG_OK;
}

void ng_store_doc_hash(const ng_doc *doc, char out[33])
{
	ng_sha256 c;
	unsigned char h[32];
	ng_sha256_init(&c);
	if (doc->source_url && *doc->source_url) {
		ng_sha256_update(&c, "url\n", 4);
		ng_sha256_update(&c, doc->source_url, strlen(doc->source_url));
		ng_sha256_update(&c, "\n", 1);
	}
	ng_sha256_update(&c, "text\n", 5);
	if (doc->text)
		ng_sha256_update(&c, doc->text, doc->text_len);
	ng_sha256_final(&c, h);
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 16; i++) {
		out[2 * i] = hex[h[i] >> 4];
		out[2 * i + 1] = hex[h[i] & 15];
	}
	out[32] = 0;
}

/* ---- binding helpers */

static sqlite3_stmt *stmt(ng_store *s, int which)
{
	if (!s->st[which] &&
	    sqlite3_prepare_v3(s->db, stmt_sql[which], -1, SQLITE_PREPARE_PERSISTENT, &s->st[which],
			       NULL) != SQLITE_OK) {
		s->st[which] = NULL;
		return NULL;
	}
	sqlite3_reset(s->st[which]);
	sqlite3_clear_bindings(s->st[which]);
	return s->st[which];
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* the text of [start, end) in the document, or NULL */
static void bind_span_text(sqlite3_stmt *st, int i, const ng_doc *d, int64_t start, int64_t end)
{
	if (start < 0 || end < start || (uint64_t)end > d->text_len)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, d->text + start, (int)(end - start), SQLITE_STATIC);
}

static void bind_opt(sqlite3_stmt *st, int i, int64_t v)
{
	if (v < 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

/* Steps a statement that returns no rows. */
static ng_status run(ng_store *s, sqlite3_stmt *st, const char *what)
{
	if (!st)
		return ng_store_sql_err(s, what);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		ng_status e = ng_store_sql_err(s, what);
		sqlite3_reset(st);
		return e;
	}
	sqlite3_reset(st);
	return NG_OK;
}

/* ---- one document */

typedef struct link {
	int64_t a, b;
	int kind; /* 0 event, 1 quote, 2 cooccur */
	int64_t n;
} link;

static const char *const link_kinds[] = {"event", "quote", "cooccur"};

static int cmp_link(const void *x, const void *y)
{
	const link *p = x, *q = y;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	if (p->b != q->b)
		return p->b < q->b ? -1 : 1;
	return p->kind - q->kind;
}

typedef struct sent_ent {
	uint32_t sentence;
	int64_t entity; /* global id */
} sent_ent;

static int cmp_sent_ent(const void *x, const void *y)
{
	const sent_ent *p = x, *q = y;
	if (p->sentence != q->sentence)
		return p->sentence < q->sentence ? -1 : 1;
	return p->entity < q->entity ? -1 : p->entity > q->entity;
}

/* the sentence holding byte `off`, or -1 */
static int64_t sentence_of(const ng_doc *d, uint32_t off)
{
	size_t lo = 0, hi = d->n_sentences;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->sentences[mid].end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < d->n_sentences && d->sentences[lo].start <= off)
		return (int64_t)lo;
	return -1;
}

typedef struct links_buf {
	link *v;
	size_t n, cap;
} links_buf;

static ng_status links_push(links_buf *lb, int64_t a, int64_t b, int kind)
{
	if (lb->n == lb->cap) {
		size_t nc = lb->cap ? lb->cap * 2 : 64;
		if (nc > ((size_t)1 << 24))
			return NG_ELIMIT;
		link *v = ng_realloc(lb->v, nc * sizeof *v);
		if (!v)
			return NG_ENOMEM;
		lb->v = v;
		lb->cap = nc;
	}
	lb->v[lb->n++] = (link){a, b, kind, 1};
	return NG_OK;
}

#define MAX_ENTITIES_PER_SENTENCE 32

static ng_status add_annotations(ng_store *s, const ng_doc *d, int64_t aid)
{
	ng_status st = NG_OK;
	sqlite3_stmt *q;
	int64_t *gid = NULL;
	sent_ent *se = NULL;
	links_buf lb = {0};
	ng_outbuf tb = {.cap = (size_t)1 << 20};

	for (size_t i = 0; i < d->n_sentences && st == NG_OK; i++) {
		q = stmt(s, ST_INSERT_SENTENCE);
		if (q) {
			sqlite3_bind_int64(q, 1, aid);
			sqlite3_bind_int64(q, 2, (int64_t)i);
			sqlite3_bind_int64(q, 3, d->sentences[i].start);
			sqlite3_bind_int64(q, 4, d->sentences[i].end);
		}
		st = run(s, q, "storing a sentence");
	}

	size_t n_mentions = 0;
	if (d->n_entities) {
		gid = ng_calloc(d->n_entities, sizeof *gid);
		if (!gid)
			st = NG_ENOMEM;
		for (size_t i = 0; i < d->n_entities; i++)
			n_mentions += d->entities[i].n_mentions;
	}
	for (size_t i = 0; i < d->n_entities && st == NG_OK; i++) {
		const ng_entity *e = &d->entities[i];
		const char *type = entity_types[e->type & 3];
		char *name_buf = NULL;
		const char *name = e->name;
		if (!name || !*name) {
			/* no canonical name: the text of the first mention */
			if (e->n_mentions && e->mentions[0].end > e->mentions[0].start &&
			    e->mentions[0].end <= d->text_len) {
				size_t l = e->mentions[0].end - e->mentions[0].start;
				name_buf = ng_malloc(l + 1);
				if (!name_buf) {
					st = NG_ENOMEM;
					break;
				}
				memcpy(name_buf, d->text + e->mentions[0].start, l);
				name_buf[l] = 0;
				name = name_buf;
			} else {
				name = "?";
			}
		}
		q = stmt(s, ST_INSERT_ENTITY);
		if (q) {
			bind_text(q, 1, name);
			bind_text(q, 2, type);
		}
		st = run(s, q, "storing an entity");
		if (st == NG_OK) {
			q = stmt(s, ST_FIND_ENTITY);
			if (!q) {
				st = ng_store_sql_err(s, "finding an entity");
			} else {
				bind_text(q, 1, name);
				bind_text(q, 2, type);
				if (sqlite3_step(q) == SQLITE_ROW)
					gid[i] = sqlite3_column_int64(q, 0);
				else
					st = ng_store_sql_err(s, "finding an entity");
				sqlite3_reset(q);
			}
		}
		ng_free(name_buf);
		if (st)
			break;
		tb.len = 0;
		if (e->n_titles) {
			st = ng_buf_append(&tb, "[", 1);
			for (size_t k = 0; k < e->n_titles && st == NG_OK; k++) {
				if (k)
					st = ng_buf_append(&tb, ",", 1);
				if (st == NG_OK && e->titles[k])
					st = ng_json_str(&tb, e->titles[k], strlen(e->titles[k]));
			}
			if (st == NG_OK)
				st = ng_buf_append(&tb, "]", 1);
			if (st)
				break;
		}
		q = stmt(s, ST_INSERT_ART_ENTITY);
		if (q) {
			sqlite3_bind_int64(q, 1, aid);
			sqlite3_bind_int64(q, 2, (int64_t)i);
			sqlite3_bind_int64(q, 3, gid[i]);
			if (tb.len)
				sqlite3_bind_text(q, 4, tb.data, (int)tb.len, SQLITE_STATIC);
			bind_text(q, 5, e->affiliation);
			bind_text(q, 6, e->country);
			sqlite3_bind_int64(q, 7, (int64_t)e->n_mentions);
		}
		st = run(s, q, "storing an article entity");
		if (st)
			break;
		/* per-entity totals for `query entities`: an article counts once */
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = gid[k] == gid[i];
		q = stmt(s, ST_COUNT_ENTITY);
		if (q) {
			sqlite3_bind_int64(q, 1, gid[i]);
			sqlite3_bind_int(q, 2, seen ? 0 : 1);
			sqlite3_bind_int64(q, 3, (int64_t)e->n_mentions);
		}
		st = run(s, q, "counting an entity");
	}
	if (st == NG_OK && n_mentions) {
		se = ng_calloc(n_mentions, sizeof *se);
		if (!se)
			st = NG_ENOMEM;
	}
	size_t n_se = 0;
	for (size_t i = 0; i < d->n_entities && st == NG_OK; i++) {
		const ng_entity *e = &d->entities[i];
		for (size_t k = 0; k < e->n_mentions && st == NG_OK; k++) {
			const ng_mention *m = &e->mentions[k];
			int64_t sent = sentence_of(d, m->start);
			q = stmt(s, ST_INSERT_MENTION);
			if (q) {
				sqlite3_bind_int64(q, 1, aid);
				sqlite3_bind_int64(q, 2, (int64_t)i);
				bind_opt(q, 3, sent);
				sqlite3_bind_int64(q, 4, m->start);
				sqlite3_bind_int64(q, 5, m->end);
				bind_text(q, 6, mention_kinds[m->kind & 3]);
			}
			st = run(s, q, "storing a mention");
			if (sent >= 0)
				se[n_se++] = (sent_ent){(uint32_t)sent, gid[i]};
		}
	}

	/* the article's date as YYYY-MM-DD, copied to quotes and events */
	char date[11] = {0};
	if (d->date && strlen(d->date) >= 10 && d->date[4] == '-' && d->date[7] == '-')
		memcpy(date, d->date, 10);
	for (size_t i = 0; i < d->n_quotes && st == NG_OK; i++) {
		const ng_quote *x = &d->quotes[i];
		bool has_speaker = x->speaker >= 0 && (size_t)x->speaker < d->n_entities;
		q = stmt(s, ST_INSERT_QUOTE);
		if (q) {
			sqlite3_bind_int64(q, 1, aid);
			sqlite3_bind_int64(q, 2, (int64_t)i);
			sqlite3_bind_int64(q, 3, x->start);
			sqlite3_bind_int64(q, 4, x->end);
			bind_text(q, 5, quote_kinds[x->kind < 3 ? x->kind : 0]);
			if (x->end < x->start || x->end > d->text_len)
				sqlite3_bind_text(q, 6, "", 0, SQLITE_STATIC);
			else
				bind_span_text(q, 6, d, x->start, x->end);
			if (has_speaker) {
				sqlite3_bind_int64(q, 7, x->speaker);
				sqlite3_bind_int64(q, 8, gid[x->speaker]);
			}
			if (has_speaker && d->entities[x->speaker].name && *d->entities[x->speaker].name)
				bind_text(q, 9, d->entities[x->speaker].name);
			else
				bind_span_text(q, 9, d, x->speaker_start, x->speaker_end);
			bind_opt(q, 10, x->speaker_start);
			bind_opt(q, 11, x->speaker_end);
			bind_text(q, 12, x->cue);
			bind_opt(q, 13, x->cue_start);
			bind_opt(q, 14, x->cue_end);
			bind_text(q, 15, date[0] ? date : NULL);
		}
		st = run(s, q, "storing a quote");
		if (st == NG_OK && has_speaker) {
			/* the speaker talks about every other entity mentioned inside */
			for (size_t j = 0; j < d->n_entities && st == NG_OK; j++) {
				if ((int64_t)j == x->speaker || gid[j] == gid[x->speaker])
					continue;
				const ng_entity *e = &d->entities[j];
				for (size_t k = 0; k < e->n_mentions; k++)
					if (e->mentions[k].start >= x->start && e->mentions[k].end <= x->end) {
						st = links_push(&lb, gid[x->speaker], gid[j], 1);
						break;
					}
			}
		}
	}

	for (size_t i = 0; i < d->n_events && st == NG_OK; i++) {
		const ng_event *x = &d->events[i];
		const ng_actor *side[2] = {&x->source, &x->target};
		int64_t eg[2] = {-1, -1};
		q = stmt(s, ST_INSERT_EVENT);
		if (q) {
			sqlite3_bind_int64(q, 1, aid);
			sqlite3_bind_int64(q, 2, (int64_t)i);
			sqlite3_bind_int64(q, 3, x->sentence);
			sqlite3_bind_int64(q, 4, x->start);
			sqlite3_bind_int64(q, 5, x->end);
			bind_text(q, 6, date[0] ? date : NULL);
			for (int k = 0; k < 2; k++) {
				const ng_actor *a = side[k];
				int b = 7 + 6 * k;
				bool ent = a->entity >= 0 && (size_t)a->entity < d->n_entities;
				if (ent) {
					eg[k] = gid[a->entity];
					sqlite3_bind_int64(q, b, a->entity);
					sqlite3_bind_int64(q, b + 1, eg[k]);
				}
				if (ent && d->entities[a->entity].name && *d->entities[a->entity].name)
					bind_text(q, b + 2, d->entities[a->entity].name);
				else
					bind_span_text(q, b + 2, d, a->start, a->end);
				bind_opt(q, b + 3, a->start);
				bind_opt(q, b + 4, a->end);
				bind_text(q, b + 5, a->code);
			}
			bind_text(q, 19, x->cameo);
			bind_text(q, 20, x->plover);
			bind_text(q, 21, x->mode);
			sqlite3_bind_int(q, 22, x->negated != 0);
			if (x->verb_end > x->verb_start) {
				sqlite3_bind_int64(q, 23, x->verb_start);
				sqlite3_bind_int64(q, 24, x->verb_end);
			}
			sqlite3_bind_double(q, 25, x->goldstein);
			if (x->quad_class >= 1 && x->quad_class <= 4)
				sqlite3_bind_int(q, 26, x->quad_class);
		}
		st = run(s, q, "storing an event");
		if (st == NG_OK && eg[0] >= 0 && eg[1] >= 0 && eg[0] != eg[1])
			st = links_push(&lb, eg[0], eg[1], 0);
	}

	/* co-occurrence: distinct entities sharing a sentence, lower id first */
	if (st == NG_OK && n_se) {
		qsort(se, n_se, sizeof *se, cmp_sent_ent);
		size_t i = 0;
		while (i < n_se && st == NG_OK) {
			size_t j = i;
			while (j < n_se && se[j].sentence == se[i].sentence)
				j++;
			/* se[i..j) is one sentence, sorted by entity: dedupe */
			int64_t ents[MAX_ENTITIES_PER_SENTENCE];
			size_t ne = 0;
			for (size_t k = i; k < j && ne < MAX_ENTITIES_PER_SENTENCE; k++)
				if (ne == 0 || ents[ne - 1] != se[k].entity)
					ents[ne++] = se[k].entity;
			for (size_t a = 0; a < ne && st == NG_OK; a++)
				for (size_t b = a + 1; b < ne && st == NG_OK; b++)
					st = links_push(&lb, ents[a], ents[b], 2);
			i = j;
		}
	}
	size_t n_groups = 0;
	if (st == NG_OK && lb.n) {
		qsort(lb.v, lb.n, sizeof *lb.v, cmp_link);
		size_t i = 0;
		while (i < lb.n && st == NG_OK) {
			size_t j = i + 1;
			while (j < lb.n && cmp_link(&lb.v[i], &lb.v[j]) == 0)
				j++;
			q = stmt(s, ST_INSERT_LINK);
			if (q) {
				sqlite3_bind_int64(q, 1, lb.v[i].a);
				sqlite3_bind_int64(q, 2, lb.v[i].b);
				bind_text(q, 3, link_kinds[lb.v[i].kind]);
				sqlite3_bind_int64(q, 4, aid);
				sqlite3_bind_int64(q, 5, (int64_t)(j - i));
			}
			st = run(s, q, "storing a link");
			/* the same group, as an undirected pair with its count, for edges */
			lb.v[i].n = (int64_t)(j - i);
			if (lb.v[i].a > lb.v[i].b) {
				int64_t t = lb.v[i].a;
				lb.v[i].a = lb.v[i].b;
				lb.v[i].b = t;
			}
			lb.v[n_groups++] = lb.v[i];
			i = j;
		}
	}
	/* edges: one upsert per distinct pair in this article */
	if (st == NG_OK && n_groups) {
		qsort(lb.v, n_groups, sizeof *lb.v, cmp_link);
		size_t i = 0;
		while (i < n_groups && st == NG_OK) {
			int64_t cnt[3] = {0, 0, 0};
			size_t j = i;
			while (j < n_groups && lb.v[j].a == lb.v[i].a && lb.v[j].b == lb.v[i].b) {
				cnt[lb.v[j].kind] += lb.v[j].n;
				j++;
			}
			q = stmt(s, ST_UPSERT_EDGE);
			if (q) {
				sqlite3_bind_int64(q, 1, lb.v[i].a);
				sqlite3_bind_int64(q, 2, lb.v[i].b);
				for (int k = 0; k < 3; k++)
					sqlite3_bind_int64(q, 3 + k, cnt[k]);
			}
			st = run(s, q, "storing an edge");
			i = j;
		}
	}
	ng_free(gid);
	ng_free(se);
	ng_free(lb.v);
	ng_outbuf_free(&tb);
	if (st == NG_ENOMEM && !s->errmsg[0])
		ng_store_set_err(s, "out of memory");
	return st;
}

static ng_status delete_annotations(ng_store *s, int64_t aid)
{
	static const int order[] = {ST_UNCOUNT_ENTITIES, ST_UNCOUNT_EDGES, ST_DEL_LINKS, ST_DEL_EVENTS, ST_DEL_QUOTES, ST_DEL_MENTIONS,
				    ST_DEL_ART_ENTITIES, ST_DEL_SENTENCES};
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		sqlite3_stmt *q = stmt(s, order[i]);
		if (q)
			sqlite3_bind_int64(q, 1, aid);
		ng_status st = run(s, q, "replacing annotations");
		if (st)
			return st;
	}
	return NG_OK;
}

static ng_status add_doc(ng_store *s, const ng_doc *d, ng_store_result *res)
{
	char hash[33];
	ng_store_doc_hash(d, hash);
	const char *stages = s->stages ? s->stages : "";
	sqlite3_stmt *q = stmt(s, ST_FIND_ARTICLE);
	if (!q)
		return ng_store_sql_err(s, "finding an article");
	sqlite3_bind_text(q, 1, hash, 32, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		int64_t aid = sqlite3_column_int64(q, 0);
		const char *old = (const char *)sqlite3_column_text(q, 1);
		bool same = old && strcmp(old, stages) == 0;
		sqlite3_reset(q);
		if (same) {
			*res = NG_STORE_SKIPPED;
			return NG_OK;
		}
		ng_status st = delete_annotations(s, aid);
		if (st == NG_OK) {
			q = stmt(s, ST_SET_STAGES);
			if (q) {
				sqlite3_bind_int64(q, 1, aid);
				sqlite3_bind_text(q, 2, stages, -1, SQLITE_STATIC);
			}
			st = run(s, q, "updating an article");
		}
		if (st == NG_OK)
			st = add_annotations(s, d, aid);
		*res = NG_STORE_UPDATED;
		return st;
	}
	if (rc != SQLITE_DONE) {
		ng_status e = ng_store_sql_err(s, "finding an article");
		sqlite3_reset(q);
		return e;
	}
	sqlite3_reset(q);
	q = stmt(s, ST_INSERT_ARTICLE);
	if (q) {
		sqlite3_bind_text(q, 1, hash, 32, SQLITE_STATIC);
		bind_text(q, 2, d->id);
		bind_text(q, 3, d->source_url);
		bind_text(q, 4, d->source_path);
		bind_opt(q, 5, d->source_offset);
		if (d->source_line > 0)
			sqlite3_bind_int64(q, 6, d->source_line);
		bind_text(q, 7, d->title);
		bind_text(q, 8, d->date);
		bind_text(q, 9, d->author);
		bind_text(q, 10, d->site);
		bind_text(q, 11, d->lang);
		sqlite3_bind_text(q, 12, d->text ? d->text : "", d->text ? (int)d->text_len : 0,
				  SQLITE_STATIC);
		sqlite3_bind_text(q, 13, stages, -1, SQLITE_STATIC);
	}
	ng_status st = run(s, q, "storing an article");
	if (st)
		return st;
	*res = NG_STORE_ADDED;
	return add_annotations(s, d, sqlite3_last_insert_rowid(s->db));
}

ng_status ng_store_add(ng_store *s, const ng_doc *doc, ng_store_result *res)
{
	ng_store_result dummy;
	if (!res)
		res = &dummy;
	if (!s || !doc)
		return NG_EUSAGE;
	if (s->readonly) {
		ng_store_set_err(s, "the store is open read-only");
		return NG_EUSAGE;
	}
	if (!(doc->assigned & NG_F_TEXT) || !doc->text) {
		ng_store_set_err(s, "%s: the document has no clean text", doc->id ? doc->id : "?");
		return NG_EUSAGE;
	}
	if (doc->text_len > (size_t)1 << 30) {
		ng_store_set_err(s, "%s: text too large for the store", doc->id ? doc->id : "?");
		return NG_ELIMIT;
	}
	s->errmsg[0] = 0;
	if (!s->in_txn) {
		ng_status st = ng_store_exec(s, "BEGIN IMMEDIATE");
		if (st == NG_OK)
			st = fts_mark(s);
		if (st) {
			(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return st;
		}
		s->in_txn = true;
		s->pending = 0;
	}
	ng_status st = ng_store_exec(s, "SAVEPOINT doc");
	if (st)
		return st;
	st = add_doc(s, doc, res);
	if (st) {
		char keep[sizeof s->errmsg];
		memcpy(keep, s->errmsg, sizeof keep);
		(void)sqlite3_exec(s->db, "ROLLBACK TO doc; RELEASE doc", NULL, NULL, NULL);
		ng_store_set_err(s, "%s: %.450s", doc->id ? doc->id : "?", keep);
		return st;
	}
	st = ng_store_exec(s, "RELEASE doc");
	if (st)
		return st;
	if (*res != NG_STORE_SKIPPED)
		s->changed = true;
	if (*res != NG_STORE_SKIPPED && ++s->pending >= s->batch)
		return ng_store_commit(s);
	return NG_OK;
}

ng_status ng_store_count(ng_store *s, ng_store_counts *c)
{
	if (!s || !c)
		return NG_EUSAGE;
	static const char *const tables[] = {"articles", "sentences", "entities", "mentions",
					     "quotes", "events", "links"};
	int64_t *out[] = {&c->articles, &c->sentences, &c->entities, &c->mentions,
			  &c->quotes, &c->events, &c->links};
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		char sql[64];
		int ok;
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[i]);
		*out[i] = pragma_int(s, sql, &ok);
		if (!ok)
			return ng_store_sql_err(s, "counting rows");
	}
	return NG_OK;
}
