/*
** export.c -- a whole store written out in another format:
**   jsonl    each article rebuilt as an ng_doc and written by ng_write_jsonl(),
**            so the lines have the schema of `newsgraph annotate` (docs/schema.md;
**            no tokens, no errors: the store keeps neither);
**   gdelt    each article rebuilt the same way and written by ng_write_gdelt():
**            the GDELT 2.0 event columns `annotate --format-out gdelt` writes;
**   graphml  the entity network from the links table, for Gephi: one node per
**            linked entity, one undirected edge per pair with its counts;
**   csv      one table as RFC 4180 CSV with a header row.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

#define OUT_CAP ((size_t)1 << 30)

static ng_status prep(ng_store *s, const char *sql, sqlite3_stmt **st)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK) {
		*st = NULL;
		return ng_store_sql_err(s, "preparing the export");
	}
	return NG_OK;
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* a copy in the document's arena, or NULL for SQL NULL */
static const char *col_dup(ng_doc *d, sqlite3_stmt *st, int i)
{
	const char *v = col_text(st, i);
	if (!v)
		return NULL;
	return ng_doc_strndup(d, v, (size_t)sqlite3_column_bytes(st, i));
}

static int64_t col_opt(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, i);
}

static int index_of(const char *const *names, size_t n, const char *v)
{
	for (size_t i = 0; v && i < n; i++)
		if (!strcmp(names[i], v))
			return (int)i;
	return 0;
}

/* ---- jsonl */

enum { X_SENT, X_ENT, X_TITLES, X_MENT, X_QUOTE, X_EVENT, X_N };
static const char *const x_sql[X_N] = {
	[X_SENT] = "SELECT start, end FROM sentences WHERE article_id = ?1 ORDER BY idx",
	[X_ENT] = "SELECT ae.idx, e.name, e.type, ae.titles, ae.affiliation, ae.country"
		  " FROM article_entities ae JOIN entities e ON e.id = ae.entity_id"
		  " WHERE ae.article_id = ?1 ORDER BY ae.idx",
	[X_TITLES] = "SELECT value FROM json_each(?1)",
	[X_MENT] = "SELECT entity_idx, start, end, kind FROM mentions WHERE article_id = ?1"
		   " ORDER BY entity_idx, start, idx",
	[X_QUOTE] = "SELECT start, end, kind, speaker_idx, speaker_start, speaker_end, cue,"
		    " cue_start, cue_end, cue_class FROM quotes"
		    " WHERE id BETWEEN " QUOTE_IDS_OF("?1") " ORDER BY id",
	[X_EVENT] = "SELECT sentence, start, end, source_idx, source_start, source_end,"
		    " source_code, target_idx, target_start, target_end, target_code, cameo,"
		    " plover, mode, negated, verb_start, verb_end, goldstein, quad_class"
		    " FROM events WHERE article_id = ?1 ORDER BY idx",
};

static const char *const entity_types[] = {"PER", "ORG", "LOC", "MISC"};
static const char *const mention_kinds[] = {"name", "partial", "pronoun", "title"};
static const char *const quote_kinds[] = {"direct", "indirect", "mixed"};

/* Rows of a per-article statement into an arena array; returns NULL on OOM. */
#define ARENA_ARRAY(d, type, n) ((type *)ng_arena_alloc((d)->arena, ((n) ? (n) : 1) * sizeof(type)))

static size_t count_rows(sqlite3_stmt *st)
{
	size_t n = 0;
	while (sqlite3_step(st) == SQLITE_ROW)
		n++;
	sqlite3_reset(st);
	return n;
}

static ng_status rebuild_doc(ng_store *s, sqlite3_stmt **x, int64_t aid, ng_doc *d)
{
	for (int i = 0; i < X_N; i++) {
		sqlite3_reset(x[i]);
		if (i != X_TITLES)
			sqlite3_bind_int64(x[i], 1, aid);
	}
	size_t n = count_rows(x[X_SENT]);
	d->sentences = ARENA_ARRAY(d, ng_span, n);
	if (!d->sentences)
		return NG_ENOMEM;
	while (sqlite3_step(x[X_SENT]) == SQLITE_ROW && d->n_sentences < n) {
		ng_span *sp = &d->sentences[d->n_sentences++];
		sp->start = (uint32_t)sqlite3_column_int64(x[X_SENT], 0);
		sp->end = (uint32_t)sqlite3_column_int64(x[X_SENT], 1);
	}
	d->assigned |= NG_F_SENTENCES;

	n = count_rows(x[X_ENT]);
	d->entities = ARENA_ARRAY(d, ng_entity, n);
	if (!d->entities)
		return NG_ENOMEM;
	memset(d->entities, 0, (n ? n : 1) * sizeof(ng_entity));
	while (sqlite3_step(x[X_ENT]) == SQLITE_ROW && d->n_entities < n) {
		ng_entity *e = &d->entities[d->n_entities];
		e->id = (uint32_t)d->n_entities++;
		e->name = col_dup(d, x[X_ENT], 1);
		e->type = (uint16_t)index_of(entity_types, 4, col_text(x[X_ENT], 2));
		e->affiliation = col_dup(d, x[X_ENT], 4);
		e->country = col_dup(d, x[X_ENT], 5);
		const char *titles = col_text(x[X_ENT], 3);
		if (titles) {
			sqlite3_reset(x[X_TITLES]);
			sqlite3_bind_text(x[X_TITLES], 1, titles, -1, SQLITE_TRANSIENT);
			size_t nt = count_rows(x[X_TITLES]);
			e->titles = ARENA_ARRAY(d, const char *, nt);
			if (!e->titles)
				return NG_ENOMEM;
			while (sqlite3_step(x[X_TITLES]) == SQLITE_ROW && e->n_titles < nt)
				e->titles[e->n_titles++] = col_dup(d, x[X_TITLES], 0);
			sqlite3_reset(x[X_TITLES]);
		}
	}
	/* mentions: count per entity, then fill */
	while (sqlite3_step(x[X_MENT]) == SQLITE_ROW) {
		int64_t ei = sqlite3_column_int64(x[X_MENT], 0);
		if (ei >= 0 && (size_t)ei < d->n_entities)
			d->entities[ei].n_mentions++;
	}
	sqlite3_reset(x[X_MENT]);
	for (size_t i = 0; i < d->n_entities; i++) {
		d->entities[i].mentions = ARENA_ARRAY(d, ng_mention, d->entities[i].n_mentions);
		if (!d->entities[i].mentions)
			return NG_ENOMEM;
		d->entities[i].n_mentions = 0;
	}
	while (sqlite3_step(x[X_MENT]) == SQLITE_ROW) {
		int64_t ei = sqlite3_column_int64(x[X_MENT], 0);
		if (ei < 0 || (size_t)ei >= d->n_entities)
			continue;
		ng_entity *e = &d->entities[ei];
		ng_mention *m = &e->mentions[e->n_mentions++];
		m->start = (uint32_t)sqlite3_column_int64(x[X_MENT], 1);
		m->end = (uint32_t)sqlite3_column_int64(x[X_MENT], 2);
		m->kind = (uint16_t)index_of(mention_kinds, 4, col_text(x[X_MENT], 3));
		m->reserved = 0;
	}
	d->assigned |= NG_F_ENTITIES;

	n = count_rows(x[X_QUOTE]);
	d->quotes = ARENA_ARRAY(d, ng_quote, n);
	if (!d->quotes)
		return NG_ENOMEM;
	while (sqlite3_step(x[X_QUOTE]) == SQLITE_ROW && d->n_quotes < n) {
		sqlite3_stmt *q = x[X_QUOTE];
		ng_quote *o = &d->quotes[d->n_quotes++];
		memset(o, 0, sizeof *o); /* fields the store does not keep stay defined */
		o->subject_start = o->subject_end = -1;
		o->start = (uint32_t)sqlite3_column_int64(q, 0);
		o->end = (uint32_t)sqlite3_column_int64(q, 1);
		o->kind = (uint16_t)index_of(quote_kinds, 3, col_text(q, 2));
		o->speaker = (int32_t)col_opt(q, 3);
		o->speaker_start = col_opt(q, 4);
		o->speaker_end = col_opt(q, 5);
		o->cue = col_dup(d, q, 6);
		o->cue_start = col_opt(q, 7);
		o->cue_end = col_opt(q, 8);
		/* rows stored before schema 9 have no class: then the article's
		** quotes are written without one, as the stage then wrote them */
		o->cue_class = col_dup(d, q, 9);
		if (o->cue_class)
			d->assigned |= NG_F_CUE_CLASS;
	}
	d->assigned |= NG_F_QUOTES;

	n = count_rows(x[X_EVENT]);
	d->events = ARENA_ARRAY(d, ng_event, n);
	if (!d->events)
		return NG_ENOMEM;
	while (sqlite3_step(x[X_EVENT]) == SQLITE_ROW && d->n_events < n) {
		sqlite3_stmt *q = x[X_EVENT];
		ng_event *e = &d->events[d->n_events++];
		memset(e, 0, sizeof *e);
		e->sentence = (uint32_t)sqlite3_column_int64(q, 0);
		e->start = (uint32_t)sqlite3_column_int64(q, 1);
		e->end = (uint32_t)sqlite3_column_int64(q, 2);
		ng_actor *side[2] = {&e->source, &e->target};
		for (int k = 0; k < 2; k++) {
			side[k]->entity = (int32_t)col_opt(q, 3 + 4 * k);
			side[k]->start = col_opt(q, 4 + 4 * k);
			side[k]->end = col_opt(q, 5 + 4 * k);
			side[k]->code = col_dup(d, q, 6 + 4 * k);
		}
		e->cameo = col_dup(d, q, 11);
		e->plover = col_dup(d, q, 12);
		e->mode = col_dup(d, q, 13);
		e->negated = sqlite3_column_int(q, 14);
		e->verb_start = (uint32_t)sqlite3_column_int64(q, 15);
		e->verb_end = (uint32_t)sqlite3_column_int64(q, 16);
		e->goldstein = sqlite3_column_double(q, 17);
		e->quad_class = sqlite3_column_int(q, 18);
	}
	d->assigned |= NG_F_EVENTS;
	(void)s;
	return NG_OK;
}

static ng_status write_jsonl(const ng_doc *d, ng_outbuf *b)
{
	return ng_write_jsonl(d, 0, b);
}

/* Rebuilds every article with its annotations from the tables and writes it
** with one of the document writers, so exports equal what `annotate` writes. */
static ng_status export_docs(ng_store *s, FILE *out, ng_status (*write)(const ng_doc *, ng_outbuf *))
{
	sqlite3_stmt *arts = NULL, *x[X_N] = {0};
	ng_doc *d = ng_doc_create(0);
	ng_outbuf b = {.cap = OUT_CAP};
	ng_status st = d ? NG_OK : NG_ENOMEM;
	if (st == NG_OK)
		st = prep(s, "SELECT id, doc_id, path, url, source_offset, source_line, title, date,"
			     " author, site, lang, text FROM articles ORDER BY id", &arts);
	for (int i = 0; i < X_N && st == NG_OK; i++)
		st = prep(s, x_sql[i], &x[i]);
	int rc = SQLITE_DONE;
	while (st == NG_OK && (rc = sqlite3_step(arts)) == SQLITE_ROW) {
		ng_doc_reset(d);
		d->id = col_dup(d, arts, 1);
		d->source_path = col_dup(d, arts, 2);
		d->source_url = col_dup(d, arts, 3);
		d->source_offset = col_opt(arts, 4);
		d->source_line = sqlite3_column_type(arts, 5) == SQLITE_NULL ? 0 : sqlite3_column_int64(arts, 5);
		d->title = col_dup(d, arts, 6);
		d->date = col_dup(d, arts, 7);
		d->author = col_dup(d, arts, 8);
		d->site = col_dup(d, arts, 9);
		d->lang = col_dup(d, arts, 10);
		d->text_len = (size_t)sqlite3_column_bytes(arts, 11);
		d->text = ng_doc_strndup(d, col_text(arts, 11) ? col_text(arts, 11) : "", d->text_len);
		if (!d->text) {
			st = NG_ENOMEM;
			break;
		}
		d->assigned = NG_F_TEXT | NG_F_META;
		st = rebuild_doc(s, x, sqlite3_column_int64(arts, 0), d);
		b.len = 0;
		if (st == NG_OK)
			st = write(d, &b);
		if (st == NG_OK && fwrite(b.data, 1, b.len, out) != b.len) {
			ng_store_set_err(s, "write error");
			st = NG_EIO;
		}
	}
	if (st == NG_OK && rc != SQLITE_DONE)
		st = ng_store_sql_err(s, "reading articles");
	if (st == NG_ENOMEM)
		ng_store_set_err(s, "out of memory");
	sqlite3_finalize(arts);
	for (int i = 0; i < X_N; i++)
		sqlite3_finalize(x[i]);
	ng_outbuf_free(&b);
	ng_doc_destroy(d);
	return st;
}

static ng_status export_rows(ng_store *s, FILE *out, const char *sql,
			     void (*field)(FILE *, const char *, bool), bool header)
{
	sqlite3_stmt *st = NULL;
	ng_status r = prep(s, sql, &st);
	if (r)
		return r;
	int n = sqlite3_column_count(st);
	if (header)
		for (int i = 0; i < n; i++)
			field(out, sqlite3_column_name(st, i), i + 1 == n);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		for (int i = 0; i < n; i++)
			field(out, col_text(st, i), i + 1 == n);
	if (rc != SQLITE_DONE)
		r = ng_store_sql_err(s, "exporting");
	sqlite3_finalize(st);
	if (r == NG_OK && ferror(out)) {
		ng_store_set_err(s, "write error");
		r = NG_EIO;
	}
	return r;
}

/* ---- csv */

static void csv_field(FILE *out, const char *v, bool last)
{
	if (v && strpbrk(v, ",\"\r\n")) {
		fputc('"', out);
		for (const char *p = v; *p; p++) {
			if (*p == '"')
				fputc('"', out);
			fputc(*p, out);
		}
		fputc('"', out);
	} else if (v) {
		fputs(v, out);
	}
	fputs(last ? "\r\n" : ",", out);
}

/* ---- graphml */

static void xml_text(FILE *out, const char *v)
{
	for (const unsigned char *p = (const unsigned char *)(v ? v : ""); *p; p++) {
		switch (*p) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		default:
			if (*p >= 0x20 || *p == '\t' || *p == '\n')
				fputc(*p, out);
			else
				fputc(' ', out);
		}
	}
}

static ng_status export_graphml(ng_store *s, FILE *out)
{
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
	      "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
	      "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
	      "  <key id=\"mentions\" for=\"node\" attr.name=\"mentions\" attr.type=\"long\"/>\n"
	      "  <key id=\"articles\" for=\"node\" attr.name=\"articles\" attr.type=\"long\"/>\n"
	      "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
	      "  <key id=\"events\" for=\"edge\" attr.name=\"events\" attr.type=\"long\"/>\n"
	      "  <key id=\"quotes\" for=\"edge\" attr.name=\"quotes\" attr.type=\"long\"/>\n"
	      "  <key id=\"cooccur\" for=\"edge\" attr.name=\"cooccur\" attr.type=\"long\"/>\n"
	      "  <key id=\"earticles\" for=\"edge\" attr.name=\"articles\" attr.type=\"long\"/>\n"
	      "  <graph id=\"newsgraph\" edgedefault=\"undirected\">\n",
	      out);
	sqlite3_stmt *st = NULL;
	ng_status r = prep(s, "SELECT id, name, type, n_mentions, n_articles FROM entities"
			      " WHERE id IN (SELECT x FROM edges WHERE articles > 0"
			      " UNION SELECT y FROM edges WHERE articles > 0) ORDER BY id",
			   &st);
	int rc = SQLITE_DONE;
	while (r == NG_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		fprintf(out, "    <node id=\"n%lld\"><data key=\"label\">", sqlite3_column_int64(st, 0));
		xml_text(out, col_text(st, 1));
		fputs("</data><data key=\"type\">", out);
		xml_text(out, col_text(st, 2));
		fprintf(out, "</data><data key=\"mentions\">%lld</data><data key=\"articles\">%lld</data></node>\n",
			sqlite3_column_int64(st, 3), sqlite3_column_int64(st, 4));
	}
	if (r == NG_OK && rc != SQLITE_DONE)
		r = ng_store_sql_err(s, "exporting entities");
	sqlite3_finalize(st);
	st = NULL;
	if (r == NG_OK)
		r = prep(s, "SELECT x, y, events, quotes, cooccur, articles,"
			    " events + quotes + cooccur FROM edges WHERE articles > 0 ORDER BY x, y",
			 &st);
	long long k = 0;
	while (r == NG_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		fprintf(out,
			"    <edge id=\"e%lld\" source=\"n%lld\" target=\"n%lld\"><data key=\"weight\">%lld</data>"
			"<data key=\"events\">%lld</data><data key=\"quotes\">%lld</data>"
			"<data key=\"cooccur\">%lld</data><data key=\"earticles\">%lld</data></edge>\n",
			k++, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
			sqlite3_column_int64(st, 6), sqlite3_column_int64(st, 2),
			sqlite3_column_int64(st, 3), sqlite3_column_int64(st, 4),
			sqlite3_column_int64(st, 5));
	if (r == NG_OK && rc != SQLITE_DONE)
		r = ng_store_sql_err(s, "exporting links");
	sqlite3_finalize(st);
	if (r == NG_OK)
		fputs("  </graph>\n</graphml>\n", out);
	if (r == NG_OK && ferror(out)) {
		ng_store_set_err(s, "write error");
		r = NG_EIO;
	}
	return r;
}

ng_status ng_store_export(ng_store *s, ng_export_format fmt, const char *table, FILE *out)
{
	if (!s || !out)
		return NG_EUSAGE;
	s->errmsg[0] = 0;
	switch (fmt) {
	case NG_EXPORT_JSONL:
		return export_docs(s, out, write_jsonl);
	case NG_EXPORT_GDELT:
		return export_docs(s, out, ng_write_gdelt);
	case NG_EXPORT_GRAPHML:
		return export_graphml(s, out);
	case NG_EXPORT_CSV: {
		/* table names come from this list only, never from the caller's text */
		static const char *const tables[][2] = {
			{"articles", "SELECT * FROM articles ORDER BY id"},
			{"sentences", "SELECT * FROM sentences ORDER BY article_id, idx"},
			{"entities", "SELECT * FROM entities ORDER BY id"},
			{"article_entities", "SELECT * FROM article_entities ORDER BY article_id, idx"},
			{"entity_articles", "SELECT * FROM entity_articles ORDER BY entity_id, article_id"},
			{"mentions", "SELECT * FROM mentions ORDER BY article_id, entity_idx, idx"},
			{"quotes", "SELECT * FROM quotes ORDER BY id"},
			{"events", "SELECT * FROM events ORDER BY id"},
			{"links", "SELECT * FROM links ORDER BY article_id, a, b, kind"},
			{"edges", "SELECT * FROM edges WHERE articles > 0 ORDER BY x, y"},
		};
		if (!table)
			table = "articles";
		for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
			if (!strcmp(table, tables[i][0]))
				return export_rows(s, out, tables[i][1], csv_field, true);
		ng_store_set_err(s, "no table '%s' (articles, sentences, entities, article_entities, "
				    "entity_articles, mentions, quotes, events, links, edges)", table);
		return NG_EUSAGE;
	}
	}
	ng_store_set_err(s, "unknown export format");
	return NG_EUSAGE;
}
