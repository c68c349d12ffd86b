/*
** csv.h -- CSV and TSV records for the reader: a header row names the
** columns, each further row is one article. Which column is which field
** comes from --csv-columns or from the usual header names (csv.c says which).
**
** Internal to the engine (src/io/reader.c and the tests use it).
*/
#ifndef NG_CSV_H
#define NG_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "core/core.h"

/* The document fields a column can fill. */
enum { NG_CSV_ID, NG_CSV_TEXT, NG_CSV_HTML, NG_CSV_TITLE, NG_CSV_DATE, NG_CSV_AUTHOR,
       NG_CSV_SITE, NG_CSV_LANG, NG_CSV_URL, NG_CSV_NFIELDS };

const char *ng_csv_field_name(int field);

/* One row split into fields, unquoted ("" -> "), in `a` (NUL-terminated).
** Quotes are special only at the start of a field (RFC 4180); a row ends at
** a newline outside quotes. */
typedef struct ng_csv_row {
	char **f;
	size_t *len;
	size_t n;
} ng_csv_row;

NG_WARN_UNUSED ng_status ng_csv_split(ng_arena *a, const char *s, size_t n, char sep, ng_csv_row *row);

/* The scan state of a row that may span reads: call with the bytes seen so
** far; returns the offset just past the row's newline, or 0 when the row
** goes on (*in_q and *at keep where it stopped). */
size_t ng_csv_row_end(const char *s, size_t n, size_t *at, bool *in_q);

/* Maps header names to fields: col[field] = column index or -1. `spec` is
** --csv-columns ("text=body,title=headline"; NULL: none); fields it does not
** name take the first header among their usual names (case-insensitive).
** Returns false with a message in err when spec names an unknown field or a
** column the header lacks, or when no column gives text or html. */
bool ng_csv_map(const ng_csv_row *head, const char *spec, int col[NG_CSV_NFIELDS], char *err,
		size_t errlen);

/* Checks the syntax of a --csv-columns spec. */
bool ng_csv_spec_check(const char *spec, char *err, size_t errlen);

#endif
