/*
** store.h -- the newsgraph store: annotated documents in one SQLite file.
**
** A store holds articles (metadata, clean text, where they came from),
** their sentences, entities and mentions, quotations and events, plus a
** derived table of links between entities (events, quotes, co-occurrence
** in a sentence) for network queries, and FTS5 indexes over article text
** and quotations. docs/store.md documents the schema; its version is the
** database's PRAGMA user_version and older files are migrated on open.
**
** An article is identified by a hash of its clean text and its URL (when
** known): adding a document that is already stored is a no-op, so a run
** can be repeated or resumed after a crash. Additions are grouped in
** transactions of `batch` articles; a process killed at any moment leaves
** the file at the last committed batch.
**
** A store handle is used by one thread at a time.
*/
#ifndef NEWSGRAPH_STORE_H
#define NEWSGRAPH_STORE_H

#include <stdio.h>

#include "newsgraph/newsgraph.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The schema version this library writes (PRAGMA user_version). */
#define NG_STORE_SCHEMA_VERSION 13

typedef struct ng_store ng_store;

enum {
	NG_STORE_READONLY = 1u << 0, /* open an existing store for queries only */
	NG_STORE_CREATE = 1u << 1    /* create the file when it does not exist */
};

/* Opens (and with NG_STORE_CREATE creates) the store at `path`, creating
** or migrating the schema as needed. Fails on a file that is not SQLite,
** on a SQLite file that is not a newsgraph store, and on a store written by
** a newer schema. Returns NULL on failure with a message in `err` (at most
** `errlen` bytes). Close with ng_store_close(). */
NG_API ng_store *ng_store_open(const char *path, unsigned flags, char *err, size_t errlen);

/* Commits what is pending and closes the store. NULL is a no-op. Returns
** the commit's status. */
NG_API ng_status ng_store_close(ng_store *s);

/* Articles per transaction for ng_store_add() (default 2048, at least 1). */
NG_API void ng_store_set_batch(ng_store *s, unsigned batch);

/* Names the stages that annotated the documents about to be added (as
** ng_engine_stages() gives them). An article already stored with other
** stages has its annotations replaced; with the same stages it is
** skipped. NULL means "" (no annotations known). The string is copied. */
NG_API NG_WARN_UNUSED ng_status ng_store_set_stages(ng_store *s, const char *stages);

/* What ng_store_add() did with a document. */
typedef enum ng_store_result {
	NG_STORE_ADDED = 0,  /* a new article */
	NG_STORE_SKIPPED,    /* already stored with the same stages */
	NG_STORE_UPDATED     /* already stored; annotations replaced */
} ng_store_result;

/* Adds an annotated document (with NG_F_TEXT). Commits every `batch`
** articles. On error the pending batch is rolled back (and reported by the
** status and ng_store_errmsg()); the store stays usable. */
NG_API NG_WARN_UNUSED ng_status ng_store_add(ng_store *s, const ng_doc *doc, ng_store_result *res);

/* Commits the pending batch now. */
NG_API NG_WARN_UNUSED ng_status ng_store_commit(ng_store *s);

/* Articles added or re-annotated since the last commit: what a failed
** commit would lose (0 right after a commit). */
NG_API unsigned ng_store_pending(const ng_store *s);

/* The message for the last error. Owned by the store. */
NG_API const char *ng_store_errmsg(const ng_store *s);

/* The content hash identifying `doc` in a store: 32 hex digits and a NUL
** written to `out`. */
NG_API void ng_store_doc_hash(const ng_doc *doc, char out[33]);

/* Counts of stored rows. */
typedef struct ng_store_counts {
	int64_t articles, sentences, entities, mentions, quotes, events, links;
} ng_store_counts;
NG_API NG_WARN_UNUSED ng_status ng_store_count(ng_store *s, ng_store_counts *c);

/* ------------------------------------------------------------------------
** Queries. Every query is one prepared statement with bound parameters;
** its rows are handed to a callback as typed columns (the command line
** prints them as a table or as JSON Lines: ng_row_json()).
*/
typedef enum ng_query_kind {
	NG_QUERY_SEARCH = 0, /* full text over articles: `text` (FTS5 syntax) */
	NG_QUERY_QUOTES,     /* quotations by `speaker` and/or containing `text`, of `cue_class` */
	NG_QUERY_EVENTS,     /* events by `source`, `target`, `code` prefix, `since`, `until` */
	NG_QUERY_ENTITIES,   /* most mentioned entities, optionally of `type` */
	NG_QUERY_NETWORK,    /* who interacts with `person`, with counts */
	NG_QUERY_ARTICLES    /* articles mentioning `entity`, newest first, `since` */
} ng_query_kind;

typedef struct ng_query {
	ng_query_kind kind;
	const char *text;
	const char *speaker;
	const char *source;
	const char *target;
	const char *code;
	const char *since;   /* YYYY-MM-DD, inclusive */
	const char *until;   /* YYYY-MM-DD, inclusive */
	const char *type;    /* PER, ORG, LOC, MISC */
	const char *person;
	long limit;          /* rows; 0 for the default (20) */
	const char *entity;  /* words of an entity's name */
	const char *cue_class; /* quotes of this class only: speech, belief, intention,
				  perception, stance, evidence */
} ng_query;

/* One column's value in a row. */
typedef enum ng_value_type { NG_VALUE_NULL = 0, NG_VALUE_INT, NG_VALUE_REAL, NG_VALUE_TEXT } ng_value_type;
typedef struct ng_value {
	ng_value_type type;
	int64_t i;        /* NG_VALUE_INT */
	double r;         /* NG_VALUE_REAL */
	const char *text; /* NG_VALUE_TEXT, and for NG_VALUE_INT its decimal digits: UTF-8,
			     NUL-terminated, `len` bytes; NULL for NG_VALUE_NULL and
			     NG_VALUE_REAL */
	size_t len;
} ng_value;

/* A row: `n` columns, their names and values. Valid during the callback only. */
typedef struct ng_row {
	size_t n;
	const char *const *names;
	const ng_value *values;
} ng_row;

/* Called for each row in order; a status other than NG_OK stops the query
** and is returned by ng_store_query(). */
typedef ng_status (*ng_row_fn)(void *ctx, const ng_row *row);

/* The bounds of every query: SQLite virtual-machine steps and wall-clock
** milliseconds (0: no bound). A query past either stops with NG_ELIMIT and
** a message. Defaults: NG_QUERY_STEP_LIMIT, NG_QUERY_MS_LIMIT. */
#define NG_QUERY_STEP_LIMIT 2000000000u
#define NG_QUERY_MS_LIMIT 20000u
NG_API void ng_store_set_query_limit(ng_store *s, uint64_t steps, unsigned ms);

/* Runs the query, calling `fn` (not NULL) for each row. `*rows` (when not
** NULL) receives the number of rows delivered. NG_EUSAGE for a query
** missing its required arguments or with a malformed one, NG_ELIMIT for a
** query stopped by its work limit (ng_store_set_query_limit()); the message
** is in ng_store_errmsg(). */
NG_API NG_WARN_UNUSED ng_status ng_store_query(ng_store *s, const ng_query *q, ng_row_fn fn, void *ctx,
					       long *rows);

/* Appends the row as one JSON object and a newline to `b` (names as keys;
** integers and reals as numbers, reals with 17 significant digits). */
NG_API NG_WARN_UNUSED ng_status ng_row_json(const ng_row *row, ng_outbuf *b);

/* ------------------------------------------------------------------------
** Exports.
*/
typedef enum ng_export_format {
	NG_EXPORT_JSONL = 0, /* one article per line, as `newsgraph annotate` writes it */
	NG_EXPORT_GDELT,     /* events as GDELT-style tab-separated values */
	NG_EXPORT_GRAPHML,   /* the entity network (links) as GraphML, for Gephi */
	NG_EXPORT_CSV        /* one table as CSV (RFC 4180) */
} ng_export_format;

/* Writes the whole store in `fmt` to `out`. `table` names the table for
** CSV (articles, sentences, entities, mentions, quotes, events, links;
** NULL: articles). */
NG_API NG_WARN_UNUSED ng_status ng_store_export(ng_store *s, ng_export_format fmt, const char *table,
						FILE *out);

#ifdef __cplusplus
}
#endif
#endif /* NEWSGRAPH_STORE_H */
