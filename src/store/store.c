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
** inserted with its sentences and links (JSON columns), its entities
** (interned by name and type in the global `entities` table) with their
** mentions (and a row per entity in entity_articles), quotes and events;
** an article stored with other stages gets its annotations replaced. A
** document is first checked and prepared in memory (its JSON, its entity
** rows, its share of the sums), so what can fail for one document fails
** before any of its rows is written, and the batch goes on without it; an
** SQLite failure while its rows are written rolls the open batch back and
** says so (a per-document SAVEPOINT cost 4% of the store's time). The
** batch commits every `batch` documents (WAL journal: a killed process loses at most the
** open batch), together with the batch's entity totals and edge sums, kept
** in memory until then.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/sort.h"
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

/* Version 4: cheaper ingest. A sentence, a mention and a link were one row
** each (with up to three B-trees per row): they are now one JSON array per
** article (articles.sentences, articles.links) and per article entity
** (article_entities.mentions), written in one go with their parent row;
** views named like the old tables show them as rows. */
static const char *const schema_v4[] = {
	"ALTER TABLE articles ADD COLUMN sentences TEXT;\n"
	"ALTER TABLE articles ADD COLUMN links TEXT;\n"
	"ALTER TABLE article_entities ADD COLUMN mentions TEXT;\n"
	"UPDATE articles SET\n"
	"  sentences = nullif((SELECT json_group_array(json_array(start, end)) FROM\n"
	"    (SELECT start, end FROM sentences WHERE article_id = articles.id ORDER BY idx)), '[]'),\n"
	"  links = nullif((SELECT json_group_array(json_array(a, b, kind, n)) FROM\n"
	"    (SELECT a, b, kind, n FROM links WHERE article_id = articles.id ORDER BY a, b, kind)), '[]');\n"
	"UPDATE article_entities SET mentions = nullif((SELECT\n"
	"    json_group_array(json_array(start, end, sentence, kind)) FROM\n"
	"    (SELECT start, end, sentence, kind FROM mentions m WHERE m.article_id =\n"
	"      article_entities.article_id AND m.entity_idx = article_entities.idx ORDER BY id)), '[]');\n"
	"DROP TABLE sentences; DROP TABLE mentions; DROP TABLE links;\n"
	/* no query reads these two, and they cost a random B-tree insert per row */
	"DROP INDEX article_entities_entity; DROP INDEX quotes_speaker_entity;\n"
	"CREATE VIEW sentences(article_id, idx, start, end) AS\n"
	"  SELECT a.id, j.key, j.value ->> 0, j.value ->> 1 FROM articles a, json_each(a.sentences) j;\n"
	"CREATE VIEW mentions(article_id, entity_idx, idx, sentence, start, end, kind) AS\n"
	"  SELECT ae.article_id, ae.idx, j.key, j.value ->> 2, j.value ->> 0, j.value ->> 1, j.value ->> 3\n"
	"  FROM article_entities ae, json_each(ae.mentions) j;\n"
	"CREATE VIEW links(a, b, kind, article_id, n) AS\n"
	"  SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, a.id, j.value ->> 3\n"
	"  FROM articles a, json_each(a.links) j;\n",
	NULL};

/* Version 5: the article index kept no token positions (detail=column):
** 2.4x smaller and about 20% cheaper to fill, but ranking became slow
** (version 6 undoes it). */
static const char *const schema_v5[] = {
	"DROP TABLE articles_fts;\n"
	"CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles',\n"
	"  content_rowid='id', detail=column);\n"
	"INSERT INTO articles_fts(articles_fts) VALUES('rebuild');\n",
	NULL};

/* Version 6: the article entities (with their mentions) become one JSON
** array per article too, articles.entities; `article_entities` and
** `mentions` are views. And articles_fts goes back to detail=full: without
** positions, bm25 ranking (ORDER BY rank) tokenizes every matching article
** again (930 ms instead of 15 ms for a word in 2,040 of 100k articles). */
static const char *const schema_v6[] = {
	"ALTER TABLE articles ADD COLUMN entities TEXT;\n"
	"UPDATE articles SET entities = nullif((SELECT json_group_array(json_array(entity_id,\n"
	"    n_mentions, json(titles), affiliation, country, json(coalesce(mentions, '[]')))) FROM\n"
	"    (SELECT * FROM article_entities WHERE article_id = articles.id ORDER BY idx)), '[]');\n"
	"DROP VIEW mentions; DROP TABLE article_entities;\n"
	"CREATE VIEW article_entities(article_id, idx, entity_id, titles, affiliation, country,\n"
	"    n_mentions, mentions) AS\n"
	"  SELECT a.id, j.key, j.value ->> 0, json_extract(j.value, '$[2]'), j.value ->> 3,\n"
	"    j.value ->> 4, j.value ->> 1, json_extract(j.value, '$[5]')\n"
	"  FROM articles a, json_each(a.entities) j;\n"
	"CREATE VIEW mentions(article_id, entity_idx, idx, sentence, start, end, kind) AS\n"
	"  SELECT a.id, e.key, m.key, m.value ->> 2, m.value ->> 0, m.value ->> 1, m.value ->> 3\n"
	"  FROM articles a, json_each(a.entities) e, json_each(e.value, '$[5]') m;\n"
	"DROP TABLE articles_fts;\n"
	"CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles',\n"
	"  content_rowid='id');\n"
	"INSERT INTO articles_fts(articles_fts) VALUES('rebuild');\n",
	NULL};

/* Version 7: `entity_articles`, the articles each entity is mentioned in
** (with its mentions there), keyed by entity: `query articles --entity`
** reads a range of it instead of every article's `entities` JSON (a full
** scan that also read the text's overflow pages). Written per document
** with its quotes and events; filled here from articles.entities. */
static const char *const schema_v7[] = {
	"CREATE TABLE entity_articles(\n"
	"  entity_id INTEGER NOT NULL REFERENCES entities(id),\n"
	"  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
	"  n_mentions INTEGER NOT NULL,\n"
	"  PRIMARY KEY(entity_id, article_id)) WITHOUT ROWID;\n"
	"INSERT INTO entity_articles(entity_id, article_id, n_mentions)\n"
	"  SELECT entity_id, article_id, sum(n_mentions) FROM article_entities\n"
	"  GROUP BY entity_id, article_id ORDER BY entity_id, article_id;\n",
	NULL};

/* Version 8: FTS5 keeps up to 8 MB of pending terms in memory (default 1 MB)
** before it writes an index segment. The indexes are filled once per batch
** (ng_store_commit): a batch of 1,024 Wikinews articles made 4-5 segments,
** which automerge then read and wrote again; now it makes one. The store's
** CPU time per article falls by about a sixth (bench/ng_bench.c `store`). */
static const char *const schema_v8[] = {
	"INSERT INTO articles_fts(articles_fts, rank) VALUES('hashsize', 8388608);\n"
	"INSERT INTO quotes_fts(quotes_fts, rank) VALUES('hashsize', 8388608);\n",
	NULL};

/* Version 9: `quotes.cue_class`, what a record attributes (speech, belief,
** intention, perception, stance, evidence: docs/schema.md), so that "who
** said what" can keep to speech. NULL in rows stored before: that stage did
** not record it. */
static const char *const schema_v9[] = {
	"ALTER TABLE quotes ADD COLUMN cue_class TEXT;\n",
	NULL};

/* Version 10: a quote's id is its article's id * 65536 + its index, so an
** article's quotes are a rowid range and `quotes` needs no index of its own:
** the UNIQUE(article_id, idx) index and quotes_date go (newest-first
** listings walk articles(date) instead). Two B-trees fewer per quote: -16%
** of the store's instructions at ingest. The table is rebuilt with the new
** ids and its FTS5 index rebuilt from it. */
static const char *const schema_v10[] = {
	"CREATE TABLE quotes_v10(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
	"  idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,\n"
	"  kind TEXT NOT NULL, text TEXT NOT NULL,\n"
	"  speaker_idx INTEGER, speaker_entity_id INTEGER REFERENCES entities(id),\n"
	"  speaker TEXT, speaker_start INTEGER, speaker_end INTEGER,\n"
	"  cue TEXT, cue_start INTEGER, cue_end INTEGER, date TEXT, cue_class TEXT);\n"
	"INSERT INTO quotes_v10 SELECT article_id * 65536 + idx, article_id, idx, start, end, kind,\n"
	"  text, speaker_idx, speaker_entity_id, speaker, speaker_start, speaker_end, cue,\n"
	"  cue_start, cue_end, date, cue_class FROM quotes ORDER BY article_id, idx;\n"
	"DROP TABLE quotes;\n"
	"ALTER TABLE quotes_v10 RENAME TO quotes;\n"
	"CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN\n"
	"  INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker)\n"
	"    VALUES('delete', old.id, old.text, old.speaker); END;\n"
	"INSERT INTO quotes_fts(quotes_fts) VALUES('rebuild');\n",
	NULL};

/* Version 11, cheaper ingest:
** - quotes_fts indexes the speaker only. A quotation's words are its
**   article's words, so `articles_fts` already finds them: a search for
**   words said (`query quotes --text`) takes the articles that hold them and
**   checks each of their quotes (ng_has_words(), query.c). Indexing every
**   quote's text a second time cost about a seventh of the store's time.
** - entities(n_mentions) goes: the top entities of all types are the tops
**   of each type (entities_type_top) merged, and each entity's counts at
**   each commit had two indexes to update.
** - FTS5 automerge 8 instead of 4: a level's segments are merged when there
**   are 8, so an indexed term is rewritten log8 instead of log4 times over a
**   long build (a query reads up to 7 segments per level instead of 3). */
static const char *const schema_v11[] = {
	"DROP INDEX entities_top;\n"
	"INSERT INTO articles_fts(articles_fts, rank) VALUES('automerge', 8);\n"
	"DROP TRIGGER quotes_ad;\n"
	"DROP TABLE quotes_fts;\n"
	"CREATE VIRTUAL TABLE quotes_fts USING fts5(speaker, content='quotes', content_rowid='id');\n"
	"INSERT INTO quotes_fts(quotes_fts, rank) VALUES('hashsize', 8388608);\n"
	"INSERT INTO quotes_fts(quotes_fts, rank) VALUES('automerge', 8);\n"
	"CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN\n"
	"  INSERT INTO quotes_fts(quotes_fts, rowid, speaker) VALUES('delete', old.id, old.speaker);\n"
	"  END;\n"
	"INSERT INTO quotes_fts(quotes_fts) VALUES('rebuild');\n",
	NULL};

/* Version 12: quotes_fts keeps no column sizes (columnsize=0). FTS5 stores
** each row's token count in a table of its own, a B-tree insert per quote
** at every commit (4% of the store's time), read only by bm25(), which no
** query of quotes uses: they come newest first. */
static const char *const schema_v12[] = {
	"DROP TRIGGER quotes_ad;\n"
	"DROP TABLE quotes_fts;\n"
	"CREATE VIRTUAL TABLE quotes_fts USING fts5(speaker, content='quotes', content_rowid='id',"
	" columnsize=0);\n"
	"INSERT INTO quotes_fts(quotes_fts, rank) VALUES('hashsize', 8388608);\n"
	"INSERT INTO quotes_fts(quotes_fts, rank) VALUES('automerge', 8);\n"
	"CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN\n"
	"  INSERT INTO quotes_fts(quotes_fts, rowid, speaker) VALUES('delete', old.id, old.speaker);\n"
	"  END;\n"
	"INSERT INTO quotes_fts(quotes_fts) VALUES('rebuild');\n",
	NULL};

/* Version 13: the articles of an entity are posting lists, one row per
** entity and batch (`entity_postings.articles`, JSON [[article id,
** mentions], ...] by article id), where version 7 wrote a row per entity and
** article: ~23 B-tree inserts per Wikinews article, 7% of the store's
** instructions. `entity_articles` is now a view giving the same rows. */
static const char *const schema_v13[] = {
	"CREATE TABLE entity_postings(\n"
	"  entity_id INTEGER NOT NULL REFERENCES entities(id),\n"
	"  first INTEGER NOT NULL,\n"
	"  articles TEXT NOT NULL);\n"
	"CREATE INDEX entity_postings_entity ON entity_postings(entity_id, first);\n"
	"INSERT INTO entity_postings(entity_id, first, articles)\n"
	"  SELECT entity_id, min(article_id), json_group_array(json_array(article_id, n_mentions))\n"
	"  FROM (SELECT * FROM entity_articles ORDER BY entity_id, article_id) GROUP BY entity_id;\n"
	"DROP TABLE entity_articles;\n"
	"CREATE VIEW entity_articles(entity_id, article_id, n_mentions) AS\n"
	"  SELECT p.entity_id, j.value ->> 0, j.value ->> 1\n"
	"  FROM entity_postings p, json_each(p.articles) j;\n",
	NULL};

/* migrations[i] takes a store from user_version i to i + 1. */
static const char *const *const migrations[] = {schema_v1, schema_v2, schema_v3, schema_v4,
						  schema_v5, schema_v6, schema_v7, schema_v8,
						  schema_v9, schema_v10, schema_v11, schema_v12,
						  schema_v13};
#define N_MIGRATIONS (sizeof migrations / sizeof migrations[0])

_Static_assert(N_MIGRATIONS == NG_STORE_SCHEMA_VERSION, "one migration per schema version");

#define QUOTE_COLS                                                                        \
	"id, article_id, idx, start, end, kind, text, speaker_idx, speaker_entity_id, speaker,"  \
	" speaker_start, speaker_end, cue, cue_start, cue_end, date, cue_class"
#define QUOTE_PARAMS 17
#define QUOTE_ROW "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"

static const char *const stmt_sql[ST_COUNT] = {
	[ST_FIND_ARTICLE] = "SELECT id, stages FROM articles WHERE hash = ?1",
	[ST_INSERT_ARTICLE] =
		"INSERT INTO articles(hash, doc_id, url, path, source_offset, source_line, title, date,"
		" author, site, lang, text, stages, added, sentences, links, entities)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
		" strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?14, ?15, ?16)",
	[ST_SET_STAGES] = "UPDATE articles SET stages = ?2, sentences = ?3, links = ?4, entities = ?5"
			  " WHERE id = ?1",
	[ST_INSERT_ENTITY] = "INSERT INTO entities(name, type) VALUES(?1, ?2) ON CONFLICT DO NOTHING",
	[ST_FIND_ENTITY] = "SELECT id FROM entities WHERE name = ?1 AND type = ?2",
	/* quotes: QUOTE_PARAMS parameters a row, in this order (bind_quote()) */
	[ST_INSERT_QUOTE] = "INSERT INTO quotes(" QUOTE_COLS ") VALUES" QUOTE_ROW,
	[ST_INSERT_QUOTES8] = "INSERT INTO quotes(" QUOTE_COLS ") VALUES" QUOTE_ROW "," QUOTE_ROW
			      "," QUOTE_ROW "," QUOTE_ROW "," QUOTE_ROW "," QUOTE_ROW "," QUOTE_ROW
			      "," QUOTE_ROW,
	[ST_INSERT_EVENT] =
		"INSERT INTO events(article_id, idx, sentence, start, end, date,"
		" source_idx, source_entity_id, source_name, source_start, source_end, source_code,"
		" target_idx, target_entity_id, target_name, target_start, target_end, target_code,"
		" cameo, plover, mode, negated, verb_start, verb_end, goldstein, quad_class)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
		" ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)",
	[ST_DEL_QUOTES] = "DELETE FROM quotes WHERE id BETWEEN " QUOTE_IDS_OF("?1"),
	[ST_DEL_EVENTS] = "DELETE FROM events WHERE article_id = ?1",
	/* by the entity ids in the article's (old) entities JSON: the key is
	** (entity_id, article_id), with no index by article */
	/* an article's entries in its entities' posting lists, found through the
	** entity ids in its (old) entities JSON; then the lists left empty */
	[ST_DEL_ENTITY_ARTICLES] =
		"UPDATE entity_postings SET articles = (SELECT json_group_array(json(j.value))"
		" FROM json_each(entity_postings.articles) j WHERE j.value ->> 0 != ?1)"
		" WHERE entity_id IN (SELECT j.value ->> 0 FROM articles a, json_each(a.entities) j"
		" WHERE a.id = ?1) AND first <= ?1",
	[ST_DEL_EMPTY_POSTINGS] =
		"DELETE FROM entity_postings WHERE articles = '[]' AND entity_id IN"
		" (SELECT j.value ->> 0 FROM articles a, json_each(a.entities) j WHERE a.id = ?1)",
	[ST_INSERT_POSTING] = "INSERT INTO entity_postings(entity_id, first, articles) VALUES(?1, ?2, ?3)",
	[ST_UNCOUNT_ENTITIES] =
		"UPDATE entities SET n_articles = n_articles - 1, n_mentions = n_mentions - x.m"
		" FROM (SELECT entity_id, sum(n_mentions) AS m FROM article_entities"
		" WHERE article_id = ?1 GROUP BY entity_id) AS x WHERE entities.id = x.entity_id",
	[ST_UPSERT_EDGE] =
		"INSERT INTO edges(x, y, events, quotes, cooccur, articles) VALUES(?1, ?2, ?3, ?4, ?5, ?6)"
		" ON CONFLICT(x, y) DO UPDATE SET events = events + excluded.events,"
		" quotes = quotes + excluded.quotes, cooccur = cooccur + excluded.cooccur,"
		" articles = articles + excluded.articles",
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
	[ST_FTS_QUOTES] = "INSERT INTO quotes_fts(rowid, speaker) SELECT id, speaker FROM quotes"
			  " WHERE id > ?1",
	/* a re-annotated article's new quotes: ids in its range up to the
	** batch's first new id (those above it are filled at commit) */
	[ST_FTS_QUOTES_OF] = "INSERT INTO quotes_fts(rowid, speaker) SELECT id, speaker FROM quotes"
			     " WHERE id BETWEEN " QUOTE_IDS_OF("?1") " AND id <= ?2",
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
	s->sql_failed = true;
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
	s->batch = 2048;
	int oflags = s->readonly ? SQLITE_OPEN_READONLY
				 : SQLITE_OPEN_READWRITE | ((flags & NG_STORE_CREATE) ? SQLITE_OPEN_CREATE : 0);
	/* SQLite's allocation counters take a global lock on every malloc; we
	** never read them. Only possible before SQLite initializes: later (a
	** host program opened a database first) this is refused and harmless. */
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
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
	ng_status st = ng_store_add_functions(s->db);
	if (st)
		ng_store_set_err(s, "cannot register SQL functions: %s", sqlite3_errmsg(s->db));
	if (st == NG_OK && !s->readonly)
		st = ng_store_exec(s, "PRAGMA journal_mode = WAL");
	if (st == NG_OK)
		st = ng_store_exec(s, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF;"
				      "PRAGMA temp_store = MEMORY");
	/* the writer re-reads its B-trees' upper pages at every batch: 32 MB.
	** A reader keeps SQLite's 2 MB, recycled: a query that reads 1,500
	** pages of the file (the OS caches it) took twice the time with 32 MB,
	** most of it in faulting in fresh memory for each page */
	if (st == NG_OK && !s->readonly)
		st = ng_store_exec(s, "PRAGMA cache_size = -32768");
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
static ng_status agg_flush(ng_store *s);
static void batch_forget(ng_store *s);
static void batch_abandon(ng_store *s);
static void ent_cache_clear(ng_store *s);

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
	ng_status st = agg_flush(s);
	if (st == NG_OK)
		st = fts_fill(s);
	if (st == NG_OK)
		st = ng_store_exec(s, "COMMIT");
	if (st) {
		batch_abandon(s);
		return st;
	}
	s->in_txn = false;
	s->pending = 0;
	return NG_OK;
}

ng_status ng_store_close(ng_store *s)
{
	if (!s)
		return NG_OK;
	ng_status st = ng_store_commit(s);
	finalize_all(s);
	ent_cache_clear(s);
	ng_free(s->ent);
	ng_free(s->cnt.v);
	ng_free(s->edg.v);
	ng_free(s->stage_cnt.v);
	ng_free(s->stage_edg.v);
	ng_free(s->sorted.v);
	ng_free(s->ea.v);
	for (int i = 0; i < 4; i++)
		ng_outbuf_free(&s->js[i]);
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

/* ---- in-memory state of a batch
**
** Entity ids by (name, type): entities are never deleted, so an id this
** handle has seen (inserted or found) stays right; the cache is emptied
** when a rollback may have taken back an id it holds. Per-entity counts
** and per-pair edge sums are added up over the batch and written once per
** entity and pair at commit, in the batch's transaction; a document's
** share joins the batch only once all of its rows are written. */

#define ENT_CACHE_MAX ((size_t)1 << 20)
#define AGG_MAX ((size_t)1 << 22)

static void ent_cache_clear(ng_store *s)
{
	if (!s->ent)
		return;
	for (size_t i = 0; i < s->ent_cap; i++)
		ng_free(s->ent[i].key);
	memset(s->ent, 0, s->ent_cap * sizeof *s->ent);
	s->ent_n = 0;
}

static uint32_t ent_key_hash(const char *name, size_t len, int type)
{
	return ng_hash_fnv32(name, len) ^ (uint32_t)type * 0x9e3779b1u;
}

/* the slot of (name, type): its entry, or the empty slot where it goes */
static ng_store_ent *ent_slot(ng_store *s, const char *name, size_t len, int type, uint32_t h)
{
	size_t mask = s->ent_cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		ng_store_ent *e = &s->ent[i];
		if (!e->key || (e->hash == h && e->type == type && e->len == len &&
				memcmp(e->key, name, len) == 0))
			return e;
	}
}

static int64_t ent_cache_get(ng_store *s, const char *name, int type)
{
	if (!s->ent_n)
		return 0;
	size_t len = strlen(name);
	ng_store_ent *e = ent_slot(s, name, len, type, ent_key_hash(name, len, type));
	return e->key ? e->id : 0;
}

/* Remembers an id; a full or unallocatable cache just forgets. */
static void ent_cache_put(ng_store *s, const char *name, int type, int64_t id)
{
	if ((s->ent_n + 1) * 4 > s->ent_cap * 3) {
		size_t nc = s->ent_cap ? s->ent_cap * 2 : 4096;
		if (nc > 2 * ENT_CACHE_MAX) {
			ent_cache_clear(s);
			nc = s->ent_cap;
		} else {
			ng_store_ent *old = s->ent;
			size_t oc = s->ent_cap;
			ng_store_ent *v = ng_calloc(nc, sizeof *v);
			if (!v)
				return;
			s->ent = v;
			s->ent_cap = nc;
			for (size_t i = 0; i < oc; i++)
				if (old[i].key)
					*ent_slot(s, old[i].key, old[i].len, old[i].type, old[i].hash) = old[i];
			ng_free(old);
		}
	}
	size_t len = strlen(name);
	uint32_t h = ent_key_hash(name, len, type);
	ng_store_ent *e = ent_slot(s, name, len, type, h);
	if (e->key)
		return;
	char *k = ng_malloc(len + 1);
	if (!k)
		return;
	memcpy(k, name, len + 1);
	*e = (ng_store_ent){k, len, h, type, id};
	s->ent_n++;
}

/* The batch sums keyed by (x, y): entity counts use y = 0. */
static ng_status agg_add(ng_store_aggmap *m, int64_t x, int64_t y, const int64_t v[4])
{
	if ((m->n + 1) * 2 > m->cap) {
		size_t nc = m->cap ? m->cap * 2 : 1024;
		if (nc > AGG_MAX)
			return NG_ELIMIT;
		ng_store_agg *v2 = ng_calloc(nc, sizeof *v2);
		if (!v2)
			return NG_ENOMEM;
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->v[i].x)
				continue;
			size_t j = ng_hash_mix64((uint64_t)m->v[i].x * 0x100000001b3ull ^ (uint64_t)m->v[i].y) & (nc - 1);
			while (v2[j].x)
				j = (j + 1) & (nc - 1);
			v2[j] = m->v[i];
		}
		ng_free(m->v);
		m->v = v2;
		m->cap = nc;
	}
	size_t mask = m->cap - 1;
	size_t j = ng_hash_mix64((uint64_t)x * 0x100000001b3ull ^ (uint64_t)y) & mask;
	while (m->v[j].x && (m->v[j].x != x || m->v[j].y != y))
		j = (j + 1) & mask;
	ng_store_agg *a = &m->v[j];
	if (!a->x) {
		a->x = x;
		a->y = y;
		m->n++;
	}
	for (int k = 0; k < 4; k++)
		a->v[k] += v[k];
	return NG_OK;
}

static void agg_clear(ng_store_aggmap *m)
{
	if (m->n)
		memset(m->v, 0, m->cap * sizeof *m->v);
	m->n = 0;
}

/* a document's share, until all of its rows are written */
static ng_status stage_push(ng_store_stage *g, int64_t x, int64_t y, int64_t a, int64_t b, int64_t c,
			    int64_t d)
{
	if (g->n == g->cap) {
		size_t nc = g->cap ? g->cap * 2 : 256;
		if (nc > AGG_MAX)
			return NG_ELIMIT;
		ng_store_agg *v = ng_realloc(g->v, nc * sizeof *v);
		if (!v)
			return NG_ENOMEM;
		g->v = v;
		g->cap = nc;
	}
	g->v[g->n++] = (ng_store_agg){x, y, {a, b, c, d}};
	return NG_OK;
}

/* Adds the released document's share to the batch sums; when they are
** full (or memory is short), writes them out first. */
static ng_status stage_merge(ng_store *s)
{
	ng_status st = NG_OK;
	for (size_t i = 0; i < s->stage_cnt.n + s->stage_edg.n && st == NG_OK; i++) {
		bool ent = i < s->stage_cnt.n;
		const ng_store_agg *a = ent ? &s->stage_cnt.v[i] : &s->stage_edg.v[i - s->stage_cnt.n];
		ng_store_aggmap *m = ent ? &s->cnt : &s->edg;
		st = agg_add(m, a->x, ent ? 0 : a->y, a->v);
		if (st == NG_ENOMEM || st == NG_ELIMIT) {
			st = agg_flush(s);
			if (st == NG_OK)
				st = agg_add(m, a->x, ent ? 0 : a->y, a->v);
		}
	}
	s->stage_cnt.n = s->stage_edg.n = 0;
	return st;
}

static inline bool agg_less(const ng_store_agg *a, const ng_store_agg *b)
{
	return a->x != b->x ? a->x < b->x : a->y < b->y;
}
NG_SORT_DEFINE(agg_sort, ng_store_agg, agg_less)

/* One map's entries in key order (B-tree order: neighbouring rows share
** pages), in s->sorted. */
static ng_status agg_sorted(ng_store *s, const ng_store_aggmap *m)
{
	ng_store_stage *o = &s->sorted;
	o->n = 0;
	if (m->n > o->cap) {
		ng_store_agg *v = ng_realloc(o->v, m->n * sizeof *v);
		if (!v)
			return NG_ENOMEM;
		o->v = v;
		o->cap = m->n;
	}
	for (size_t i = 0; i < m->cap && o->n < m->n; i++)
		if (m->v[i].x)
			o->v[o->n++] = m->v[i];
	if (o->n > 1)
		agg_sort(o->v, o->n);
	return NG_OK;
}

#define EA_MAX ((size_t)1 << 20) /* staged entity_articles rows; more: written early */

/* Room for `more` entries in g. */
static ng_status stage_reserve(ng_store_stage *g, size_t more)
{
	if (g->n + more <= g->cap)
		return NG_OK;
	size_t nc = g->cap ? g->cap : 256;
	while (nc < g->n + more)
		nc *= 2;
	ng_store_agg *v = ng_realloc(g->v, nc * sizeof *v);
	if (!v)
		return NG_ENOMEM;
	g->v = v;
	g->cap = nc;
	return NG_OK;
}

static ng_status put_str(ng_outbuf *b, const char *lit);
static ng_status put_int(ng_outbuf *b, int64_t v);

/* Writes the batch's entity_articles entries as posting lists, one row
** per entity ([[article, mentions], ...] by article), and forgets them. */
static ng_status ea_flush(ng_store *s)
{
	ng_store_stage *g = &s->ea;
	if (g->n > 1)
		agg_sort(g->v, g->n);
	ng_outbuf *js = &s->js[3];
	js->cap = (size_t)64 << 20; /* EA_MAX entries of one entity at ~20 bytes */
	ng_status st = NG_OK;
	size_t i = 0;
	while (i < g->n && st == NG_OK) {
		size_t j = i;
		js->len = 0;
		st = put_str(js, "[");
		for (; j < g->n && g->v[j].x == g->v[i].x && st == NG_OK; j++) {
			st = put_str(js, j > i ? ",[" : "[");
			if (st == NG_OK)
				st = put_int(js, g->v[j].y);
			if (st == NG_OK)
				st = put_str(js, ",");
			if (st == NG_OK)
				st = put_int(js, g->v[j].v[0]);
			if (st == NG_OK)
				st = put_str(js, "]");
		}
		if (st == NG_OK)
			st = put_str(js, "]");
		if (st)
			break;
		sqlite3_stmt *q = stmt(s, ST_INSERT_POSTING);
		if (q) {
			sqlite3_bind_int64(q, 1, g->v[i].x);
			sqlite3_bind_int64(q, 2, g->v[i].y);
			sqlite3_bind_text(q, 3, js->data, (int)js->len, SQLITE_STATIC);
		}
		st = run(s, q, "storing an entity's articles");
		i = j;
	}
	g->n = 0;
	if (st)
		s->sql_failed = true; /* rows of earlier documents are lost: the batch must go */
	return st;
}

/* Writes the batch sums (one UPDATE per entity, one upsert per pair) and
** the posting lists, and forgets them. A failure puts the batch in doubt:
** the caller rolls it back. */
static ng_status agg_flush(ng_store *s)
{
	/* one statement per row: eight rows per statement (multi-row upsert,
	** UPDATE ... FROM (VALUES ...)) took 3% more */
	ng_status st = ea_flush(s);
	if (st == NG_OK)
		st = agg_sorted(s, &s->cnt);
	for (size_t i = 0; i < s->sorted.n && st == NG_OK; i++) {
		const ng_store_agg *a = &s->sorted.v[i];
		sqlite3_stmt *q = stmt(s, ST_COUNT_ENTITY);
		if (q) {
			sqlite3_bind_int64(q, 1, a->x);
			sqlite3_bind_int64(q, 2, a->v[0]);
			sqlite3_bind_int64(q, 3, a->v[1]);
		}
		st = run(s, q, "counting an entity");
	}
	if (st == NG_OK)
		st = agg_sorted(s, &s->edg);
	for (size_t i = 0; i < s->sorted.n && st == NG_OK; i++) {
		const ng_store_agg *a = &s->sorted.v[i];
		sqlite3_stmt *q = stmt(s, ST_UPSERT_EDGE);
		if (q) {
			sqlite3_bind_int64(q, 1, a->x);
			sqlite3_bind_int64(q, 2, a->y);
			for (int k = 0; k < 4; k++)
				sqlite3_bind_int64(q, 3 + k, a->v[k]);
		}
		st = run(s, q, "storing an edge");
	}
	if (st == NG_OK) {
		agg_clear(&s->cnt);
		agg_clear(&s->edg);
	}
	return st;
}

/* Forgets what a rolled-back transaction held. */
static void batch_forget(ng_store *s)
{
	agg_clear(&s->cnt);
	agg_clear(&s->edg);
	s->stage_cnt.n = s->stage_edg.n = 0;
	s->ea.n = 0;
	ent_cache_clear(s);
}

/* Rolls the open batch back and forgets what was summed for it. */
static void batch_abandon(ng_store *s)
{
	(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	batch_forget(s);
	s->in_txn = false;
	s->pending = 0;
}

/* ---- one document */

typedef struct link {
	int64_t a, b;
	int kind; /* 0 event, 1 quote, 2 cooccur */
	int64_t n;
} link;

static const char *const link_kinds[] = {",\"event\",", ",\"quote\",", ",\"cooccur\","};

static inline bool link_less(const link *p, const link *q)
{
	if (p->a != q->a)
		return p->a < q->a;
	if (p->b != q->b)
		return p->b < q->b;
	return p->kind < q->kind;
}
NG_SORT_DEFINE(link_sort, link, link_less)

static inline bool link_same(const link *p, const link *q)
{
	return p->a == q->a && p->b == q->b && p->kind == q->kind;
}

typedef struct sent_ent {
	uint32_t sentence;
	int64_t entity; /* global id */
} sent_ent;

static inline bool sent_ent_less(const sent_ent *p, const sent_ent *q)
{
	return p->sentence != q->sentence ? p->sentence < q->sentence : p->entity < q->entity;
}
NG_SORT_DEFINE(sent_ent_sort, sent_ent, sent_ent_less)

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

/* ---- compact JSON arrays of numbers, for the per-article columns */

static ng_status put_str(ng_outbuf *b, const char *lit)
{
	return ng_buf_append(b, lit, strlen(lit));
}

/* Direct writers for the number rows below: the caller reserves room for a
** whole row once (ROW_ROOM per number) instead of one append per piece. */
#define ROW_ROOM 24

static inline char *w_int(char *p, int64_t v)
{
	/* offsets and ids: mostly under 10,000, so the digit count first and
	** then two digits per division, written in place from the end */
	static const char pairs[] = "00010203040506070809101112131415161718192021222324"
				    "25262728293031323334353637383940414243444546474849"
				    "50515253545556575859606162636465666768697071727374"
				    "75767778798081828384858687888990919293949596979899";
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	if (v < 0)
		*p++ = '-';
	size_t n = 1;
	for (uint64_t t = 10; n < 20 && u >= t; t *= 10)
		n++;
	char *e = p + n;
	while (u >= 100) {
		unsigned r = (unsigned)(u % 100) * 2;
		u /= 100;
		*--e = pairs[r + 1];
		*--e = pairs[r];
	}
	if (u >= 10) {
		*--e = pairs[u * 2 + 1];
		*--e = pairs[u * 2];
	} else {
		*--e = (char)('0' + u);
	}
	return p + n;
}

static inline char *w_lit(char *p, const char *lit, size_t n)
{
	memcpy(p, lit, n);
	return p + n;
}

static ng_status put_int(ng_outbuf *b, int64_t v)
{
	ng_status st = ng_buf_reserve(b, ROW_ROOM);
	if (st == NG_OK)
		b->len = (size_t)(w_int(b->data + b->len, v) - b->data);
	return st;
}

#define MAX_ENTITIES_PER_SENTENCE 32

/* The global ids of the document's entities (inserted when new), in gid[]. */
static ng_status resolve_entities(ng_store *s, const ng_doc *d, int64_t *gid)
{
	ng_status st = NG_OK;
	for (size_t i = 0; i < d->n_entities && st == NG_OK; i++) {
		const ng_entity *e = &d->entities[i];
		int type = e->type & 3;
		char *name_buf = NULL;
		const char *name = e->name;
		if (!name || !*name) {
			/* no canonical name: the text of the first mention */
			if (e->n_mentions && e->mentions[0].end > e->mentions[0].start &&
			    e->mentions[0].end <= d->text_len) {
				size_t l = e->mentions[0].end - e->mentions[0].start;
				name_buf = ng_malloc(l + 1);
				if (!name_buf)
					return NG_ENOMEM;
				memcpy(name_buf, d->text + e->mentions[0].start, l);
				name_buf[l] = 0;
				name = name_buf;
			} else {
				name = "?";
			}
		}
		gid[i] = ent_cache_get(s, name, type);
		if (!gid[i]) {
			sqlite3_stmt *q = stmt(s, ST_INSERT_ENTITY);
			if (q) {
				bind_text(q, 1, name);
				bind_text(q, 2, entity_types[type]);
			}
			st = run(s, q, "storing an entity");
			if (st == NG_OK && sqlite3_changes(s->db) > 0) {
				gid[i] = sqlite3_last_insert_rowid(s->db);
			} else if (st == NG_OK) {
				q = stmt(s, ST_FIND_ENTITY);
				if (!q) {
					st = ng_store_sql_err(s, "finding an entity");
				} else {
					bind_text(q, 1, name);
					bind_text(q, 2, entity_types[type]);
					if (sqlite3_step(q) == SQLITE_ROW)
						gid[i] = sqlite3_column_int64(q, 0);
					else
						st = ng_store_sql_err(s, "finding an entity");
					sqlite3_reset(q);
				}
			}
			if (st == NG_OK)
				ent_cache_put(s, name, type, gid[i]);
		}
		ng_free(name_buf);
	}
	return st;
}

/* The links of a document (lb, sorted and grouped: n set, one per group,
** *n_groups of them) and their JSON for articles.links. */
static ng_status doc_links(const ng_doc *d, const int64_t *gid, links_buf *lb, size_t *n_groups,
			   ng_outbuf *js)
{
	ng_status st = NG_OK;
	/* quotes: the speaker talks about every other entity mentioned inside */
	for (size_t i = 0; i < d->n_quotes && st == NG_OK; i++) {
		const ng_quote *x = &d->quotes[i];
		if (!(x->speaker >= 0 && (size_t)x->speaker < d->n_entities))
			continue;
		for (size_t j = 0; j < d->n_entities && st == NG_OK; j++) {
			if ((int64_t)j == x->speaker || gid[j] == gid[x->speaker])
				continue;
			const ng_entity *e = &d->entities[j];
			for (size_t k = 0; k < e->n_mentions; k++)
				if (e->mentions[k].start >= x->start && e->mentions[k].end <= x->end) {
					st = links_push(lb, gid[x->speaker], gid[j], 1);
					break;
				}
		}
	}
	/* events: source -> target */
	for (size_t i = 0; i < d->n_events && st == NG_OK; i++) {
		const ng_event *x = &d->events[i];
		int64_t s0 = x->source.entity, t0 = x->target.entity;
		if (s0 >= 0 && (size_t)s0 < d->n_entities && t0 >= 0 && (size_t)t0 < d->n_entities &&
		    gid[s0] != gid[t0])
			st = links_push(lb, gid[s0], gid[t0], 0);
	}
	/* co-occurrence: distinct entities sharing a sentence, lower id first */
	size_t n_mentions = 0;
	for (size_t i = 0; i < d->n_entities; i++)
		n_mentions += d->entities[i].n_mentions;
	sent_ent *se = NULL;
	size_t n_se = 0;
	if (st == NG_OK && n_mentions && d->n_sentences) {
		se = ng_malloc(n_mentions * sizeof *se);
		if (!se)
			st = NG_ENOMEM;
		for (size_t i = 0; i < d->n_entities && st == NG_OK; i++) {
			const ng_entity *e = &d->entities[i];
			for (size_t k = 0; k < e->n_mentions; k++) {
				int64_t sent = sentence_of(d, e->mentions[k].start);
				if (sent >= 0)
					se[n_se++] = (sent_ent){(uint32_t)sent, gid[i]};
			}
		}
	}
	if (st == NG_OK && n_se) {
		sent_ent_sort(se, n_se);
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
					st = links_push(lb, ents[a], ents[b], 2);
			i = j;
		}
	}
	ng_free(se);
	/* group: [a, b, kind, n] per distinct (a, b, kind) */
	*n_groups = 0;
	js->len = 0;
	if (st == NG_OK && lb->n) {
		link_sort(lb->v, lb->n);
		st = ng_buf_append(js, "[", 1);
		size_t i = 0;
		while (i < lb->n && st == NG_OK) {
			size_t j = i + 1;
			while (j < lb->n && link_same(&lb->v[i], &lb->v[j]))
				j++;
			link g = lb->v[i];
			g.n = (int64_t)(j - i);
			st = ng_buf_reserve(js, 3 * ROW_ROOM + 16);
			if (st)
				break;
			char *p = js->data + js->len;
			if (*n_groups)
				*p++ = ',';
			*p++ = '[';
			p = w_int(p, g.a);
			*p++ = ',';
			p = w_int(p, g.b);
			p = w_lit(p, link_kinds[g.kind], strlen(link_kinds[g.kind]));
			p = w_int(p, g.n);
			*p++ = ']';
			js->len = (size_t)(p - js->data);
			lb->v[(*n_groups)++] = g;
			i = j;
		}
		if (st == NG_OK)
			st = ng_buf_append(js, "]", 1);
	}
	return st;
}

/* [[start,end],...] for articles.sentences */
static ng_status doc_sentences(const ng_doc *d, ng_outbuf *js)
{
	js->len = 0;
	if (!d->n_sentences)
		return NG_OK;
	if (d->n_sentences > SIZE_MAX / (2 * ROW_ROOM + 4))
		return NG_ELIMIT;
	ng_status st = ng_buf_reserve(js, d->n_sentences * (2 * ROW_ROOM + 4) + 2);
	if (st)
		return st;
	char *p = js->data;
	*p++ = '[';
	for (size_t i = 0; i < d->n_sentences; i++) {
		if (i)
			*p++ = ',';
		*p++ = '[';
		p = w_int(p, d->sentences[i].start);
		*p++ = ',';
		p = w_int(p, d->sentences[i].end);
		*p++ = ']';
	}
	*p++ = ']';
	js->len = (size_t)(p - js->data);
	return NG_OK;
}

/* [[start,end,sentence,kind],...] for an entity's mentions, appended */
static ng_status entity_mentions(const ng_doc *d, const ng_entity *e, ng_outbuf *js)
{
	if (e->n_mentions > SIZE_MAX / (3 * ROW_ROOM + 16))
		return NG_ELIMIT;
	ng_status st = ng_buf_reserve(js, e->n_mentions * (3 * ROW_ROOM + 16) + 2);
	if (st)
		return st;
	char *p = js->data + js->len;
	*p++ = '[';
	for (size_t k = 0; k < e->n_mentions; k++) {
		const ng_mention *m = &e->mentions[k];
		int64_t sent = sentence_of(d, m->start);
		if (k)
			*p++ = ',';
		*p++ = '[';
		p = w_int(p, m->start);
		*p++ = ',';
		p = w_int(p, m->end);
		*p++ = ',';
		p = sent >= 0 ? w_int(p, sent) : w_lit(p, "null", 4);
		const char *kind = mention_kinds[m->kind & 3];
		p = w_lit(p, ",\"", 2);
		p = w_lit(p, kind, strlen(kind));
		p = w_lit(p, "\"]", 2);
	}
	*p++ = ']';
	js->len = (size_t)(p - js->data);
	return NG_OK;
}

/* [[entity_id,n_mentions,titles,affiliation,country,mentions],...] for
** articles.entities, in the document's entity order */
static ng_status doc_entities(const ng_doc *d, const int64_t *gid, ng_outbuf *js)
{
	ng_status st = NG_OK;
	js->len = 0;
	if (!d->n_entities)
		return NG_OK;
	st = ng_buf_append(js, "[", 1);
	for (size_t i = 0; i < d->n_entities && st == NG_OK; i++) {
		const ng_entity *e = &d->entities[i];
		st = put_str(js, i ? ",[" : "[");
		if (st == NG_OK)
			st = put_int(js, gid[i]);
		if (st == NG_OK)
			st = ng_buf_append(js, ",", 1);
		if (st == NG_OK)
			st = put_int(js, (int64_t)e->n_mentions);
		if (st == NG_OK)
			st = put_str(js, e->n_titles ? ",[" : ",null");
		for (size_t k = 0; k < e->n_titles && st == NG_OK; k++) {
			if (k)
				st = ng_buf_append(js, ",", 1);
			if (st == NG_OK)
				st = e->titles[k] ? ng_json_str(js, e->titles[k], strlen(e->titles[k]))
						  : put_str(js, "null");
		}
		if (st == NG_OK && e->n_titles)
			st = ng_buf_append(js, "]", 1);
		const char *sv[2] = {e->affiliation, e->country};
		for (int k = 0; k < 2 && st == NG_OK; k++) {
			st = ng_buf_append(js, ",", 1);
			if (st == NG_OK)
				st = sv[k] ? ng_json_str(js, sv[k], strlen(sv[k])) : put_str(js, "null");
		}
		if (st == NG_OK)
			st = ng_buf_append(js, ",", 1);
		if (st == NG_OK)
			st = entity_mentions(d, e, js);
		if (st == NG_OK)
			st = ng_buf_append(js, "]", 1);
	}
	if (st == NG_OK)
		st = ng_buf_append(js, "]", 1);
	return st;
}

static void bind_json(sqlite3_stmt *q, int i, const ng_outbuf *js)
{
	if (js->len)
		sqlite3_bind_text(q, i, js->data, (int)js->len, SQLITE_STATIC);
	else
		sqlite3_bind_null(q, i);
}

typedef struct ent_count {
	int64_t id, n;
} ent_count;

static inline bool ent_count_less(const ent_count *p, const ent_count *q)
{
	return p->id < q->id;
}
NG_SORT_DEFINE(ent_count_sort, ent_count, ent_count_less)

/* The document's distinct entities (entities of the document with the same
** name and type share a global id: their mentions add up), in key order:
** its entity_articles rows. *out is NULL when it has no entities. */
static ng_status doc_entity_counts(const ng_doc *d, const int64_t *gid, ent_count **out, size_t *n_out)
{
	*out = NULL;
	*n_out = 0;
	if (!d->n_entities)
		return NG_OK;
	ent_count *v = ng_malloc(d->n_entities * sizeof *v);
	if (!v)
		return NG_ENOMEM;
	for (size_t i = 0; i < d->n_entities; i++)
		v[i] = (ent_count){gid[i], (int64_t)d->entities[i].n_mentions};
	ent_count_sort(v, d->n_entities);
	size_t n = 0;
	for (size_t i = 0; i < d->n_entities;) {
		ent_count c = v[i];
		while (++i < d->n_entities && v[i].id == c.id)
			c.n += v[i].n;
		v[n++] = c;
	}
	*out = v;
	*n_out = n;
	return NG_OK;
}

/* Binds who a quote's speaker or an event's actor is, as parameters p to
** p + 2: the document's entity index and its global id (NULL when it is no
** entity), and its name, else the text of its span [start, end). */
static void bind_entity_ref(sqlite3_stmt *q, int p, const ng_doc *d, const int64_t *gid,
			    int64_t entity, int64_t start, int64_t end)
{
	bool ent = entity >= 0 && (size_t)entity < d->n_entities;
	if (ent) {
		sqlite3_bind_int64(q, p, entity);
		sqlite3_bind_int64(q, p + 1, gid[entity]);
	}
	if (ent && d->entities[entity].name && *d->entities[entity].name)
		bind_text(q, p + 2, d->entities[entity].name);
	else
		bind_span_text(q, p + 2, d, start, end);
}

/* Binds quote `i` of the document as the QUOTE_PARAMS parameters from `p`. */
static void bind_quote(sqlite3_stmt *q, int p, const ng_doc *d, int64_t aid, size_t i,
		       const int64_t *gid, const char *date)
{
	const ng_quote *x = &d->quotes[i];
	sqlite3_bind_int64(q, p, aid * QUOTES_PER_ARTICLE + (int64_t)i);
	sqlite3_bind_int64(q, p + 1, aid);
	sqlite3_bind_int64(q, p + 2, (int64_t)i);
	sqlite3_bind_int64(q, p + 3, x->start);
	sqlite3_bind_int64(q, p + 4, x->end);
	bind_text(q, p + 5, quote_kinds[x->kind < 3 ? x->kind : 0]);
	if (x->end < x->start || x->end > d->text_len)
		sqlite3_bind_text(q, p + 6, "", 0, SQLITE_STATIC);
	else
		bind_span_text(q, p + 6, d, x->start, x->end);
	bind_entity_ref(q, p + 7, d, gid, x->speaker, x->speaker_start, x->speaker_end);
	bind_opt(q, p + 10, x->speaker_start);
	bind_opt(q, p + 11, x->speaker_end);
	bind_text(q, p + 12, x->cue);
	bind_opt(q, p + 13, x->cue_start);
	bind_opt(q, p + 14, x->cue_end);
	bind_text(q, p + 15, date[0] ? date : NULL);
	bind_text(q, p + 16, (d->assigned & NG_F_CUE_CLASS) ? x->cue_class : NULL);
}

/* What a document adds to the batch sums (entity counts and edges, staged
** until it is stored) and the checks it must pass, before any of its rows
** is written: a failure here leaves the store as it was. */
static ng_status stage_annotations(ng_store *s, const ng_doc *d, const int64_t *gid,
				   const links_buf *lb, size_t n_groups)
{
	ng_status st = NG_OK;
	if (d->n_quotes > QUOTES_PER_ARTICLE) {
		ng_store_set_err(s, "%s: %zu quotations, more than the store keeps for one article (%d)",
				 d->id ? d->id : "article", d->n_quotes, QUOTES_PER_ARTICLE);
		return NG_ELIMIT;
	}
	for (size_t i = 0; i < d->n_entities && st == NG_OK; i++) {
		const ng_entity *e = &d->entities[i];
		/* per-entity totals for `query entities`: an article counts once */
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = gid[k] == gid[i];
		st = stage_push(&s->stage_cnt, gid[i], 0, seen ? 0 : 1, (int64_t)e->n_mentions, 0, 0);
	}

	/* edges: the link groups as undirected pairs, summed per pair */
	if (st == NG_OK && n_groups) {
		link *g = lb->v;
		for (size_t i = 0; i < n_groups; i++)
			if (g[i].a > g[i].b) {
				int64_t t = g[i].a;
				g[i].a = g[i].b;
				g[i].b = t;
			}
		link_sort(g, n_groups);
		size_t i = 0;
		while (i < n_groups && st == NG_OK) {
			int64_t cnt[3] = {0, 0, 0};
			size_t j = i;
			while (j < n_groups && g[j].a == g[i].a && g[j].b == g[i].b) {
				cnt[g[j].kind] += g[j].n;
				j++;
			}
			st = stage_push(&s->stage_edg, g[i].a, g[i].b, cnt[0], cnt[1], cnt[2], 1);
			i = j;
		}
	}
	return st;
}

/* The rows of article `aid` below the article itself: quotes and events
** (and its entity_articles rows, staged for the commit). */
static ng_status write_annotations(ng_store *s, const ng_doc *d, int64_t aid, const int64_t *gid,
				   const ent_count *ea, size_t n_ea)
{
	sqlite3_stmt *q;
	ng_status st = NG_OK;
	/* room reserved before the document's first row: cannot fail */
	for (size_t i = 0; i < n_ea; i++)
		s->ea.v[s->ea.n++] = (ng_store_agg){ea[i].id, aid, {ea[i].n, 0, 0, 0}};

	/* the article's date as YYYY-MM-DD, copied to quotes and events */
	char date[11] = {0};
	if (d->date && strlen(d->date) >= 10 && d->date[4] == '-' && d->date[7] == '-')
		memcpy(date, d->date, 10);
	/* eight rows per statement while eight are left (one statement per
	** quote cost a third more of SQLite's time per row) */
	for (size_t i = 0; i < d->n_quotes && st == NG_OK;) {
		size_t rows = d->n_quotes - i >= 8 ? 8 : 1;
		q = stmt(s, rows == 8 ? ST_INSERT_QUOTES8 : ST_INSERT_QUOTE);
		for (size_t k = 0; q && k < rows; k++)
			bind_quote(q, (int)k * QUOTE_PARAMS + 1, d, aid, i + k, gid, date);
		i += rows;
		st = run(s, q, "storing a quote");
	}

	for (size_t i = 0; i < d->n_events && st == NG_OK; i++) {
		const ng_event *x = &d->events[i];
		const ng_actor *side[2] = {&x->source, &x->target};
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
				bind_entity_ref(q, b, d, gid, a->entity, a->start, a->end);
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
	}

	return st;
}

static ng_status delete_annotations(ng_store *s, int64_t aid)
{
	static const int order[] = {ST_UNCOUNT_ENTITIES, ST_UNCOUNT_EDGES, ST_DEL_ENTITY_ARTICLES,
				    ST_DEL_EMPTY_POSTINGS, ST_DEL_EVENTS, ST_DEL_QUOTES};
	/* the sums of earlier articles of this batch first: the UPDATEs below
	** subtract from the stored rows */
	ng_status st = agg_flush(s);
	for (size_t i = 0; i < sizeof order / sizeof order[0] && st == NG_OK; i++) {
		sqlite3_stmt *q = stmt(s, order[i]);
		if (q)
			sqlite3_bind_int64(q, 1, aid);
		st = run(s, q, "replacing annotations");
	}
	return st;
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
	int64_t aid = 0;
	if (rc == SQLITE_ROW) {
		aid = sqlite3_column_int64(q, 0);
		const char *old = (const char *)sqlite3_column_text(q, 1);
		bool same = old && strcmp(old, stages) == 0;
		sqlite3_reset(q);
		if (same) {
			*res = NG_STORE_SKIPPED;
			return NG_OK;
		}
	} else if (rc != SQLITE_DONE) {
		ng_status e = ng_store_sql_err(s, "finding an article");
		sqlite3_reset(q);
		return e;
	} else {
		sqlite3_reset(q);
	}

	ng_status st = NG_OK;
	int64_t *gid = NULL;
	links_buf lb = {0};
	size_t n_groups = 0;
	if (d->n_entities) {
		gid = ng_calloc(d->n_entities, sizeof *gid);
		if (!gid)
			st = NG_ENOMEM;
	}
	if (st == NG_OK)
		st = resolve_entities(s, d, gid);
	if (st == NG_OK)
		st = doc_links(d, gid, &lb, &n_groups, &s->js[1]);
	if (st == NG_OK)
		st = doc_sentences(d, &s->js[0]);
	if (st == NG_OK)
		st = doc_entities(d, gid, &s->js[2]);
	ent_count *ea = NULL;
	size_t n_ea = 0;
	if (st == NG_OK)
		st = doc_entity_counts(d, gid, &ea, &n_ea);
	/* the article's row must fit SQLite's limit (SQLITE_TOOBIG would come
	** only once rows of the document are written) */
	size_t row = d->text_len + s->js[0].len + s->js[1].len + s->js[2].len + 65536;
	if (st == NG_OK && row > (size_t)sqlite3_limit(s->db, SQLITE_LIMIT_LENGTH, -1)) {
		ng_store_set_err(s, "text and annotations too large for the store (%zu bytes)", row);
		st = NG_ELIMIT;
	}
	if (st == NG_OK)
		st = stage_annotations(s, d, gid, &lb, n_groups);
	if (st == NG_OK && s->ea.n + n_ea > EA_MAX)
		st = ea_flush(s); /* earlier documents' rows */
	if (st == NG_OK)
		st = stage_reserve(&s->ea, n_ea);
	/* from here on a failure leaves rows of the document behind: the
	** caller rolls the batch back */
	s->doc_wrote = st == NG_OK;
	if (st == NG_OK && aid) {
		st = delete_annotations(s, aid);
		if (st == NG_OK) {
			q = stmt(s, ST_SET_STAGES);
			if (q) {
				sqlite3_bind_int64(q, 1, aid);
				sqlite3_bind_text(q, 2, stages, -1, SQLITE_STATIC);
				bind_json(q, 3, &s->js[0]);
				bind_json(q, 4, &s->js[1]);
				bind_json(q, 5, &s->js[2]);
			}
			st = run(s, q, "updating an article");
		}
		*res = NG_STORE_UPDATED;
	} else if (st == NG_OK) {
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
			bind_json(q, 14, &s->js[0]);
			bind_json(q, 15, &s->js[1]);
			bind_json(q, 16, &s->js[2]);
		}
		st = run(s, q, "storing an article");
		aid = sqlite3_last_insert_rowid(s->db);
		*res = NG_STORE_ADDED;
	}
	if (st == NG_OK)
		st = write_annotations(s, d, aid, gid, ea, n_ea);
	if (st == NG_OK && *res == NG_STORE_UPDATED && d->n_quotes) {
		q = stmt(s, ST_FTS_QUOTES_OF);
		if (q) {
			sqlite3_bind_int64(q, 1, aid);
			sqlite3_bind_int64(q, 2, s->fts_from[1]);
		}
		st = run(s, q, "indexing an article's quotes");
	}
	ng_free(ea);
	ng_free(gid);
	ng_free(lb.v);
	if (st == NG_ENOMEM && !s->errmsg[0])
		ng_store_set_err(s, "out of memory");
	return st;
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
	s->stage_cnt.n = s->stage_edg.n = 0;
	s->doc_wrote = s->sql_failed = false;
	ng_status st = add_doc(s, doc, res);
	if (st == NG_OK)
		st = stage_merge(s);
	if (st && !s->doc_wrote && !s->sql_failed) {
		/* nothing of the document is written but the entities it named
		** first (rows without counts, which the document finds again when
		** it is added again): the batch goes on without it */
		s->stage_cnt.n = s->stage_edg.n = 0;
		char keep[sizeof s->errmsg];
		memcpy(keep, s->errmsg, sizeof keep);
		ng_store_set_err(s, "%s: %.450s", doc->id ? doc->id : "?",
				 keep[0] ? keep : ng_strerror(st));
		return st;
	}
	if (st) {
		/* rows of the document are written, or SQLite failed inside the
		** transaction: the batch is in doubt, give it up and say so (its
		** articles are not in the store: a new run adds them) */
		char keep[sizeof s->errmsg];
		memcpy(keep, s->errmsg, sizeof keep);
		unsigned lost = s->pending + 1;
		batch_abandon(s);
		ng_store_set_err(s, "%s: %.300s; the open batch (%u articles) was rolled back",
				 doc->id ? doc->id : "?", keep[0] ? keep : ng_strerror(st), lost);
		return st == NG_ENOMEM ? st : NG_EIO;
	}
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
