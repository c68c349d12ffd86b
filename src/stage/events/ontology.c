/*
** ontology.c -- CAMEO codes to PLOVER types and modes, Goldstein scores and
** quad classes.
**
** Two small tables are read from the data directory (format in
** data/events/README.md): cameo-plover.txt ("CODE TYPE [MODE]") and
** goldstein.txt ("CODE SCORE"). A code is looked up by its longest listed
** prefix, so "0412" falls back to "041" and then to "04". Codes that are
** not CAMEO (a dictionary's private codes such as "903") get no PLOVER type
** and a score of 0. The quad class follows from the CAMEO root:
** 01-05 verbal cooperation, 06-08 material cooperation, 09-13 verbal
** conflict, 14-20 material conflict.
*/
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "stage/events/events.h"

#define MAX_ROWS 1024

typedef struct onto_row {
	char code[8];
	char type[16];
	char mode[24];
	double score;
} onto_row;

/* Codes have 1 to 4 digits: code c of length l has slot
** IDX_BASE(l) + value(c); the slot holds its first row + 1, or 0. */
#define IDX_SLOTS 11110
#define IDX_BASE(l) ((l) == 1 ? 0 : (l) == 2 ? 10 : (l) == 3 ? 110 : 1110)

struct ng_ev_onto {
	onto_row plover[MAX_ROWS];
	size_t n_plover;
	onto_row gold[MAX_ROWS];
	size_t n_gold;
	uint16_t plover_idx[IDX_SLOTS];
	uint16_t gold_idx[IDX_SLOTS];
};

static size_t code_slot(const char *c, size_t len)
{
	size_t v = 0;
	for (size_t i = 0; i < len; i++)
		v = v * 10 + (size_t)(c[i] - '0');
	return IDX_BASE(len) + v;
}

static void build_index(const onto_row *rows, size_t n, uint16_t *idx)
{
	for (size_t i = 0; i < n; i++) {
		size_t slot = code_slot(rows[i].code, strlen(rows[i].code));
		if (!idx[slot])
			idx[slot] = (uint16_t)(i + 1);
	}
}

static ng_status read_table(const char *path, onto_row *rows, size_t *n, bool numeric, char *err,
			    size_t errlen)
{
	ng_lines lr;
	ng_status st = ng_lines_open(&lr, path, 0, NULL, err, errlen);
	char *line;
	while (st == NG_OK && (st = ng_lines_next(&lr, &line, NULL)) == NG_OK) {
		char *h = strchr(line, '#');
		if (h)
			*h = '\0';
		char a[32] = "", b[32] = "", c[32] = "";
		int k = sscanf(line, "%31s %31s %31s", a, b, c);
		if (k <= 0)
			continue;
		if (k < 2 || strspn(a, "0123456789") != strlen(a) || strlen(a) > 4 ||
		    strlen(b) >= sizeof rows[0].type || strlen(c) >= sizeof rows[0].mode) {
			st = ng_lines_fail(&lr, NG_EPARSE, "expected CODE %s",
					   numeric ? "SCORE" : "TYPE [MODE]");
			break;
		}
		if (*n == MAX_ROWS) {
			st = NG_DONE;
			break;
		}
		onto_row *r = &rows[(*n)++];
		memset(r, 0, sizeof(*r));
		memcpy(r->code, a, strlen(a) + 1); /* lengths checked above */
		if (numeric) {
			char *end;
			r->score = strtod(b, &end);
			if (*end || r->score < -10 || r->score > 10) {
				st = ng_lines_fail(&lr, NG_EPARSE,
						   "score must be a number from -10 to 10");
				break;
			}
		} else {
			memcpy(r->type, b, strlen(b) + 1);
			if (k == 3)
				memcpy(r->mode, c, strlen(c) + 1);
		}
	}
	ng_lines_close(&lr);
	return st == NG_DONE ? NG_OK : st;
}

ng_ev_onto *ng_ev_onto_load(const char *dir, char *err, size_t errlen)
{
	ng_ev_onto *o = ng_calloc(1, sizeof(*o));
	if (!o) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	char path[4096];
	snprintf(path, sizeof path, "%s/cameo-plover.txt", dir);
	if (read_table(path, o->plover, &o->n_plover, false, err, errlen) != NG_OK) {
		ng_free(o);
		return NULL;
	}
	snprintf(path, sizeof path, "%s/goldstein.txt", dir);
	if (read_table(path, o->gold, &o->n_gold, true, err, errlen) != NG_OK) {
		ng_free(o);
		return NULL;
	}
	build_index(o->plover, o->n_plover, o->plover_idx);
	build_index(o->gold, o->n_gold, o->gold_idx);
	return o;
}

void ng_ev_onto_destroy(ng_ev_onto *o)
{
	ng_free(o);
}

static bool is_cameo(const char *c)
{
	size_t n = strlen(c);
	if (n < 2 || n > 4 || strspn(c, "0123456789") != n)
		return false;
	int root = (c[0] - '0') * 10 + (c[1] - '0');
	return root >= 1 && root <= 20;
}

/* The row of c's longest listed prefix, or NULL. */
static const onto_row *lookup(const onto_row *rows, const uint16_t *idx, const char *c)
{
	if (!c || !is_cameo(c))
		return NULL;
	for (size_t l = strlen(c); l > 0; l--) {
		uint16_t r = idx[code_slot(c, l)];
		if (r)
			return &rows[r - 1];
	}
	return NULL;
}

const char *ng_ev_onto_plover(const ng_ev_onto *o, const char *cameo, const char **mode)
{
	const onto_row *r = lookup(o->plover, o->plover_idx, cameo);
	*mode = (r && r->mode[0]) ? r->mode : NULL;
	return (r && strcmp(r->type, "-")) ? r->type : NULL;
}

double ng_ev_onto_goldstein(const ng_ev_onto *o, const char *cameo)
{
	const onto_row *r = lookup(o->gold, o->gold_idx, cameo);
	return r ? r->score : 0.0;
}

int ng_ev_quad_class(const char *c)
{
	if (!c || !is_cameo(c))
		return 0;
	int root = (c[0] - '0') * 10 + (c[1] - '0');
	return root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : 4;
}
