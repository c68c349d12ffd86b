/*
** add.c -- adding annotated documents to a store, in batches.
**
** Adding a document: its content hash finds the article; a new article is
** inserted with its sentences and links (JSON columns), its entities
** (interned by name and type in the global `entities` table) with their
** mentions (and its entries in the entities' posting lists), quotes and
** events; an article stored with other stages gets its annotations
** replaced. A document is first checked and prepared in memory (its JSON,
** its entity rows, its share of the sums), so what can fail for one
** document fails before any of its rows is written, and the batch goes on
** without it; an SQLite failure while its rows are written rolls the open
** batch back and says so (a per-document SAVEPOINT cost 4% of the store's
** time). The batch commits every `batch` documents (WAL journal: a killed
** process loses at most the open batch), together with the batch's entity
** totals and edge sums, kept in memory until then, and the new rows'
** full-text index entries.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sort.h"
#include "io/json.h"
#include "store/store_int.h"

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
	/* an article added in the open batch and re-annotated in it: its quotes
	** are not in quotes_fts yet (they go in at commit), and the delete
	** trigger's 'delete' of a row the index never had corrupts it. They are
	** indexed first, then deleted with the trigger (found by fuzz_store) */
	[ST_FTS_QUOTES_UNINDEXED] = "INSERT INTO quotes_fts(rowid, speaker) SELECT id, speaker FROM"
				    " quotes WHERE id BETWEEN " QUOTE_IDS_OF("?1") " AND id > ?2",
	[ST_FTS_ENTITIES] = "INSERT INTO entities_fts(rowid, name) SELECT id, name FROM entities WHERE id > ?1",
	[ST_COUNT_ENTITY] = "UPDATE entities SET n_articles = n_articles + ?2,"
			    " n_mentions = n_mentions + ?3 WHERE id = ?1",
};

static const char *const entity_types[] = {"PER", "ORG", "LOC", "MISC"};
static const char *const mention_kinds[] = {"name", "partial", "pronoun", "title"};
static const char *const quote_kinds[] = {"direct", "indirect", "mixed"};

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
		s->fts_from[i] = ng_store_int64(s, fts_max_sql[i], &ok);
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
		char keep[sizeof s->errmsg];
		memcpy(keep, s->errmsg, sizeof keep);
		unsigned lost = s->pending;
		batch_abandon(s);
		ng_store_set_err(s, "committing: %.300s; the batch of %u articles since the last commit "
				    "was rolled back", keep, lost);
		return st;
	}
	s->in_txn = false;
	s->pending = 0;
	return NG_OK;
}


void ng_store_add_free(ng_store *s)
{
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
			size_t j = ng_hash_mix64((uint64_t)m->v[i].x * 0x100000001b3ull ^ (uint64_t)m->v[i].y) &
				   (nc - 1);
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
				    ST_DEL_EMPTY_POSTINGS, ST_DEL_EVENTS, ST_FTS_QUOTES_UNINDEXED,
				    ST_DEL_QUOTES};
	/* the sums of earlier articles of this batch first: the UPDATEs below
	** subtract from the stored rows */
	ng_status st = agg_flush(s);
	for (size_t i = 0; i < sizeof order / sizeof order[0] && st == NG_OK; i++) {
		sqlite3_stmt *q = stmt(s, order[i]);
		if (q) {
			sqlite3_bind_int64(q, 1, aid);
			if (order[i] == ST_FTS_QUOTES_UNINDEXED)
				sqlite3_bind_int64(q, 2, s->fts_from[1]);
		}
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
