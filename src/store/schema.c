/*
** schema.c -- the store's schema, created in one transaction on a new
** file, and the check of an existing file's schema version.
**
** PRAGMA user_version holds the version (NG_STORE_SCHEMA_VERSION). No
** version before it was released, so there is no migration: a file at an
** older version is refused with a message saying to build a new store, as
** are one from a newer newsgraph, a version out of range and an SQLite
** file holding someone else's tables. A refused file is never written to.
** docs/store.md describes each table and why it is laid out so.
*/
#include <stdio.h>
#include <string.h>

#include "store/store_int.h"

/* The tables, views, indexes, FTS5 indexes (filled at each commit by
** ng_store_commit(), not by triggers: FTS5 flushes its pending terms at
** every savepoint) and the triggers that take deleted rows out of them. */
static const char *const schema_sql[] = {
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;\n"
	"CREATE TABLE articles(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  hash TEXT NOT NULL UNIQUE,\n"
	"  doc_id TEXT, url TEXT, path TEXT, source_offset INTEGER, source_line INTEGER,\n"
	"  title TEXT, date TEXT, author TEXT, site TEXT, lang TEXT,\n"
	"  text TEXT NOT NULL,\n"
	"  stages TEXT NOT NULL DEFAULT '',\n"
	"  added TEXT NOT NULL, sentences TEXT, links TEXT, entities TEXT);\n"
	"CREATE INDEX articles_date ON articles(date);\n"
	"CREATE INDEX articles_url ON articles(url);\n"
	"CREATE TABLE entities(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL, type TEXT NOT NULL,\n"
	"  n_articles INTEGER NOT NULL DEFAULT 0, n_mentions INTEGER NOT NULL DEFAULT 0,\n"
	"  UNIQUE(name, type));\n"
	"CREATE INDEX entities_type_top ON entities(type, n_mentions);\n",
	/* a quote's id is its article's id * 65536 + its index: no index of its own */
	"CREATE TABLE quotes(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
	"  idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,\n"
	"  kind TEXT NOT NULL, text TEXT NOT NULL,\n"
	"  speaker_idx INTEGER, speaker_entity_id INTEGER REFERENCES entities(id),\n"
	"  speaker TEXT, speaker_start INTEGER, speaker_end INTEGER,\n"
	"  cue TEXT, cue_start INTEGER, cue_end INTEGER, date TEXT, cue_class TEXT);\n"
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
	"CREATE INDEX events_source_entity ON events(source_entity_id);\n"
	"CREATE INDEX events_target_entity ON events(target_entity_id);\n"
	"CREATE INDEX events_source_name ON events(source_name COLLATE NOCASE);\n"
	"CREATE INDEX events_target_name ON events(target_name COLLATE NOCASE);\n"
	"CREATE INDEX events_source_code ON events(source_code);\n"
	"CREATE INDEX events_target_code ON events(target_code);\n"
	/* covering indexes for `query events`, newest first or by code */
	"CREATE INDEX events_scan ON events(date, cameo, source_code, target_code,\n"
	"  source_entity_id, target_entity_id, source_name, target_name);\n"
	"CREATE INDEX events_code ON events(cameo, date, source_code, target_code,\n"
	"  source_entity_id, target_entity_id, source_name, target_name);\n"
	/* links summed per entity pair over the store, kept at ingest */
	"CREATE TABLE edges(\n"
	"  x INTEGER NOT NULL REFERENCES entities(id),\n"
	"  y INTEGER NOT NULL REFERENCES entities(id),\n"
	"  events INTEGER NOT NULL, quotes INTEGER NOT NULL, cooccur INTEGER NOT NULL,\n"
	"  articles INTEGER NOT NULL,\n"
	"  PRIMARY KEY(x, y)) WITHOUT ROWID;\n"
	"CREATE INDEX edges_y ON edges(y);\n",
	/* an entity's articles: one posting list per entity and batch */
	"CREATE TABLE entity_postings(\n"
	"  entity_id INTEGER NOT NULL REFERENCES entities(id),\n"
	"  first INTEGER NOT NULL,\n"
	"  articles TEXT NOT NULL);\n"
	"CREATE INDEX entity_postings_entity ON entity_postings(entity_id, first);\n"
	/* the JSON columns as rows */
	"CREATE VIEW sentences(article_id, idx, start, end) AS\n"
	"  SELECT a.id, j.key, j.value ->> 0, j.value ->> 1 FROM articles a, json_each(a.sentences) j;\n"
	"CREATE VIEW links(a, b, kind, article_id, n) AS\n"
	"  SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, a.id, j.value ->> 3\n"
	"  FROM articles a, json_each(a.links) j;\n"
	"CREATE VIEW article_entities(article_id, idx, entity_id, titles, affiliation, country,\n"
	"    n_mentions, mentions) AS\n"
	"  SELECT a.id, j.key, j.value ->> 0, json_extract(j.value, '$[2]'), j.value ->> 3,\n"
	"    j.value ->> 4, j.value ->> 1, json_extract(j.value, '$[5]')\n"
	"  FROM articles a, json_each(a.entities) j;\n"
	"CREATE VIEW mentions(article_id, entity_idx, idx, sentence, start, end, kind) AS\n"
	"  SELECT a.id, e.key, m.key, m.value ->> 2, m.value ->> 0, m.value ->> 1, m.value ->> 3\n"
	"  FROM articles a, json_each(a.entities) e, json_each(e.value, '$[5]') m;\n"
	"CREATE VIEW entity_articles(entity_id, article_id, n_mentions) AS\n"
	"  SELECT p.entity_id, j.value ->> 0, j.value ->> 1\n"
	"  FROM entity_postings p, json_each(p.articles) j;\n",
	/* full text; 8 MB of pending terms before a segment is written, merged
	** eight segments at a time; quotes_fts: speakers only, no column sizes
	** (no query of quotes ranks) */
	"CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles',\n"
	"  content_rowid='id');\n"
	"CREATE VIRTUAL TABLE quotes_fts USING fts5(speaker, content='quotes', content_rowid='id',"
	" columnsize=0);\n"
	"CREATE VIRTUAL TABLE entities_fts USING fts5(name, content='entities', content_rowid='id');\n"
	"INSERT INTO articles_fts(articles_fts, rank) VALUES('hashsize', 8388608);\n"
	"INSERT INTO articles_fts(articles_fts, rank) VALUES('automerge', 8);\n"
	"INSERT INTO quotes_fts(quotes_fts, rank) VALUES('hashsize', 8388608);\n"
	"INSERT INTO quotes_fts(quotes_fts, rank) VALUES('automerge', 8);\n"
	"CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN\n"
	"  INSERT INTO articles_fts(articles_fts, rowid, title, text)\n"
	"    VALUES('delete', old.id, old.title, old.text); END;\n"
	"CREATE TRIGGER entities_ad AFTER DELETE ON entities BEGIN\n"
	"  INSERT INTO entities_fts(entities_fts, rowid, name) VALUES('delete', old.id, old.name); END;\n"
	"CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN\n"
	"  INSERT INTO quotes_fts(quotes_fts, rowid, speaker) VALUES('delete', old.id, old.speaker);\n"
	"  END;\n"
	"INSERT INTO meta(key, value) VALUES('created_by', 'newsgraph " NG_VERSION "'),\n"
	"  ('fts', 'filled at each commit by newsgraph');\n",
	NULL};

/* Why a file at schema version `v` (with `n_objects` schema entries) cannot
** be used as a store, or NULL when it can (v == NG_STORE_SCHEMA_VERSION, or
** 0 with nothing in it: a new store). */
static const char *refusal(int64_t v, int64_t n_objects, char *buf, size_t bn)
{
	if (v == NG_STORE_SCHEMA_VERSION || (v == 0 && n_objects == 0))
		return NULL;
	if (v == 0)
		snprintf(buf, bn, "an SQLite database but not a newsgraph store");
	else if (v < 0 || v > 1000000)
		snprintf(buf, bn, "not a newsgraph store (schema version %lld)", (long long)v);
	else if (v > NG_STORE_SCHEMA_VERSION)
		snprintf(buf, bn, "written by a newer newsgraph (schema version %lld; this one knows "
				  "version %d)", (long long)v, NG_STORE_SCHEMA_VERSION);
	else
		snprintf(buf, bn, "a store of schema version %lld, from a development version of "
				  "newsgraph that was never released; this one reads version %d only: "
				  "build a new store from the inputs", (long long)v,
			 NG_STORE_SCHEMA_VERSION);
	return buf;
}

/* Reads the file's version and object count; NG_OK when both were read. */
static ng_status read_version(ng_store *s, const char *path, int64_t *v, int64_t *n)
{
	int ok, ok2;
	*v = ng_store_int64(s, "PRAGMA user_version", &ok);
	*n = ng_store_int64(s, "SELECT count(*) FROM sqlite_schema", &ok2);
	if (!ok || !ok2) {
		ng_store_set_err(s, "%s: %s", path, sqlite3_errmsg(s->db));
		return NG_EIO;
	}
	return NG_OK;
}

ng_status ng_store_schema_check(ng_store *s, const char *path, bool *fresh)
{
	int64_t v, n;
	char why[256];
	*fresh = false;
	ng_status st = read_version(s, path, &v, &n);
	if (st)
		return st;
	if (refusal(v, n, why, sizeof why)) {
		ng_store_set_err(s, "%s: %s", path, why);
		return NG_EUSAGE;
	}
	*fresh = v == 0;
	if (*fresh && s->readonly) {
		ng_store_set_err(s, "%s: an empty database, not a store yet: 'newsgraph build' makes one",
				 path);
		return NG_EUSAGE;
	}
	return NG_OK;
}

ng_status ng_store_schema_create(ng_store *s, const char *path)
{
	ng_status st = ng_store_exec(s, "BEGIN IMMEDIATE");
	if (st)
		return st;
	/* re-read under the write lock: another process may have created it */
	int64_t v, n;
	char why[256];
	st = read_version(s, path, &v, &n);
	if (st == NG_OK && refusal(v, n, why, sizeof why)) {
		ng_store_set_err(s, "%s: %s", path, why);
		st = NG_EUSAGE;
	} else if (st == NG_OK && v == 0) {
		for (const char *const *part = schema_sql; *part && st == NG_OK; part++)
			st = ng_store_exec(s, *part);
		if (st == NG_OK)
			st = ng_store_exec(s, "PRAGMA user_version = " QUOTE_ID_STR(NG_STORE_SCHEMA_VERSION));
		if (st) {
			char keep[sizeof s->errmsg];
			memcpy(keep, s->errmsg, sizeof keep);
			ng_store_set_err(s, "%s: creating the schema: %.400s", path, keep);
		}
	}
	if (st) {
		(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return st;
	}
	st = ng_store_exec(s, "COMMIT");
	if (st == NG_OK)
		s->changed = true; /* fresh planner statistics at close */
	return st;
}
