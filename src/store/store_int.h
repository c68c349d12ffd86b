/*
** store_int.h -- what the store's files share: the handle, its prepared
** statements, SHA-256 and the SQL helpers. Not part of the public API
** (that is include/newsgraph/store.h).
*/
#ifndef NG_STORE_INT_H
#define NG_STORE_INT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/core.h"
#include "newsgraph/store.h"

/* A quote's id is its article's id * QUOTES_PER_ARTICLE + its index (schema
** v10), so an article's quotes are one rowid range. QUOTE_IDS_OF(a) is that
** range in SQL for the article id expression `a` (a string literal):
** "a * 65536 AND a * 65536 + 65535", to follow BETWEEN; QUOTE_ID_FIRST(a) and
** QUOTE_ID_LAST(a) are its two ends. */
#define QUOTES_PER_ARTICLE 65536
#define QUOTE_ID_STR_(x) #x
#define QUOTE_ID_STR(x) QUOTE_ID_STR_(x)
#define QUOTE_ID_FIRST(a) a " * " QUOTE_ID_STR(QUOTES_PER_ARTICLE)
#define QUOTE_ID_LAST(a) QUOTE_ID_FIRST(a) " + " QUOTE_ID_STR(QUOTES_PER_ARTICLE) " - 1"
#define QUOTE_IDS_OF(a) QUOTE_ID_FIRST(a) " AND " QUOTE_ID_LAST(a)

typedef struct ng_sha256 {
	uint32_t h[8];
	uint64_t len;
	unsigned char buf[64];
	size_t n;
} ng_sha256;

void ng_sha256_init(ng_sha256 *c);
void ng_sha256_update(ng_sha256 *c, const void *data, size_t len);
void ng_sha256_final(ng_sha256 *c, unsigned char out[32]);
/* For tests: `portable` true makes ng_sha256_update() use the portable
** compression from now on; false lets it use the SHA instructions again
** when the processor has them. Returns whether it now uses them. */
bool ng_sha256_accelerated(bool portable);

/* The statements ng_store_add() uses, prepared once per handle. */
enum {
	ST_FIND_ARTICLE, ST_INSERT_ARTICLE, ST_SET_STAGES,
	ST_INSERT_ENTITY, ST_FIND_ENTITY,
	ST_INSERT_QUOTE, ST_INSERT_QUOTES8, ST_INSERT_EVENT,
	ST_DEL_QUOTES, ST_DEL_EVENTS, ST_DEL_ENTITY_ARTICLES, ST_DEL_EMPTY_POSTINGS,
	ST_INSERT_POSTING,
	ST_UNCOUNT_ENTITIES, ST_COUNT_ENTITY,
	ST_UPSERT_EDGE, ST_UNCOUNT_EDGES, ST_FTS_ARTICLES, ST_FTS_QUOTES, ST_FTS_ENTITIES,
	ST_FTS_QUOTES_OF, ST_FTS_QUOTES_UNINDEXED,
	ST_COUNT
};

/* An entity id by (name, type), in the handle's cache. */
typedef struct ng_store_ent {
	char *key; /* the name, NUL-terminated; NULL for an empty slot */
	size_t len;
	uint32_t hash;
	int type;
	int64_t id;
} ng_store_ent;

/* Sums for a key (x, y): x > 0 (entity ids), x == 0 marks an empty slot. */
typedef struct ng_store_agg {
	int64_t x, y;
	int64_t v[4];
} ng_store_agg;

typedef struct ng_store_aggmap { /* open addressing, power-of-two capacity */
	ng_store_agg *v;
	size_t n, cap;
} ng_store_aggmap;

typedef struct ng_store_stage { /* a plain list */
	ng_store_agg *v;
	size_t n, cap;
} ng_store_stage;

struct ng_store {
	sqlite3 *db;
	bool readonly;
	bool in_txn;
	bool changed; /* articles added or updated since open */
	unsigned batch;
	unsigned pending;
	char *stages;
	int64_t fts_from[3]; /* largest article, quote, entity id when the batch began */
	sqlite3_stmt *st[ST_COUNT];
	ng_store_ent *ent; /* entity ids seen by this handle */
	size_t ent_n, ent_cap;
	ng_store_aggmap cnt;            /* entity id -> articles, mentions: this batch */
	ng_store_aggmap edg;            /* (x, y) -> events, quotes, cooccur, articles */
	ng_store_stage stage_cnt, stage_edg; /* the current document's share */
	ng_store_stage sorted;          /* a map's entries in key order, for writing */
	ng_store_stage ea;              /* entity_articles rows (entity, article, mentions) of
					   the batch, written in key order with the sums */
	bool doc_wrote;                 /* rows of the current document may be written */
	bool sql_failed;                /* since the document began, an SQLite call failed or
					   staged rows were lost: the batch must go */
	ng_outbuf js[4];                /* JSON of sentences, links, entities; a posting list */
	/* the running query's bounds (query.c, snippet.c) */
	uint64_t query_steps;           /* SQLite VM steps, counted by the progress handler */
	uint64_t query_work;            /* snippet steps, counted by ng_hits()/ng_snippet() */
	uint64_t step_limit;            /* 0: none */
	unsigned ms_limit;              /* 0: none */
	int64_t query_start_ns;
	bool query_stopped;
	char errmsg[512];
};

/* Hits in an article up to which search uses FTS5's snippet() (whose time
** grows with their square); above, ng_snippet() (snippet.c). */
#define NG_SNIPPET_MAX_HITS 1000

/* snippet.c: registers ng_hits() and ng_snippet() on the store's connection. */
ng_status ng_store_add_snippets(ng_store *s);

/* schema.c: checks the schema version of the file just opened (NG_EUSAGE
** with a message when it cannot be used; *fresh when it is a new, empty
** file), and creates the schema on a fresh one. */
ng_status ng_store_schema_check(ng_store *s, const char *path, bool *fresh);
ng_status ng_store_schema_create(ng_store *s, const char *path);

/* add.c: frees what the add path keeps on the handle (its statements,
** caches and batch sums); the connection stays open. */
void ng_store_add_free(ng_store *s);

/* The first column of the first row of `sql` as an integer; *ok is 0 when
** it could not be read. */
int64_t ng_store_int64(ng_store *s, const char *sql, int *ok);

/* Records a message (printf-style) as the store's last error. */
void ng_store_set_err(ng_store *s, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Records SQLite's message for `what` and returns the matching status. */
ng_status ng_store_sql_err(ng_store *s, const char *what);

/* Runs SQL without results; NG_OK or an error recorded on the handle. */
ng_status ng_store_exec(ng_store *s, const char *sql);
/* Registers the SQL functions newsgraph's queries use (query.c):
** ng_has_words(text, words). */
ng_status ng_store_add_functions(sqlite3 *db);

#endif
