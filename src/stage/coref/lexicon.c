/*
** lexicon.c -- loads the coref stage's word lists (titles, given names,
** gazetteer facts) into one open-addressing hash table of lowercased phrases
** and answers lookups. See lexicon.h for the lists and the value bits.
*/
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/core.h"
#include "stage/coref/lexicon.h"

#define LX_MAX_KEY 256          /* longer phrases are ignored */
#define LX_MAX_ENTRIES (1u << 20)
#define LX_MAX_COUNTRIES 1024

typedef struct lx_entry {
	uint32_t key;   /* offset into keys, 0 = empty slot */
	uint32_t len;
	uint32_t value;
	uint32_t hash;
} lx_entry;

struct ng_coref_lex {
	lx_entry *slots;
	size_t n_slots;  /* power of two */
	size_t n;
	char *keys;
	size_t keys_len, keys_alloc;
	char codes[LX_MAX_COUNTRIES][4];
	char *cnames[LX_MAX_COUNTRIES];
	size_t n_codes;
	int gazetteers;
};

/* Lowercases ASCII letters and collapses whitespace runs into out (at most
** LX_MAX_KEY bytes); returns the length or 0 when too long or empty. */
static size_t lx_norm(const char *s, size_t n, char *out)
{
	size_t o = 0;
	int space = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = o > 0;
			continue;
		}
		if (space) {
			if (o >= LX_MAX_KEY)
				return 0;
			out[o++] = ' ';
			space = 0;
		}
		if (o >= LX_MAX_KEY)
			return 0;
		out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	return o;
}

static uint32_t lx_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h ? h : 1;
}

static lx_entry *lx_find(const ng_coref_lex *lx, const char *k, size_t n, uint32_t h)
{
	size_t mask = lx->n_slots - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		lx_entry *e = &lx->slots[i];
		if (!e->key)
			return e;
		if (e->hash == h && e->len == n && !memcmp(lx->keys + e->key, k, n))
			return e;
	}
}

static ng_status lx_grow(ng_coref_lex *lx)
{
	size_t nn = lx->n_slots ? lx->n_slots * 2 : 4096;
	lx_entry *old = lx->slots;
	size_t on = lx->n_slots;
	lx->slots = ng_calloc(nn, sizeof(lx_entry));
	if (!lx->slots) {
		lx->slots = old;
		return NG_ENOMEM;
	}
	lx->n_slots = nn;
	for (size_t i = 0; i < on; i++)
		if (old[i].key)
			*lx_find(lx, lx->keys + old[i].key, old[i].len, old[i].hash) = old[i];
	ng_free(old);
	return NG_OK;
}

/* Adds (ORs) value bits to a phrase. */
static ng_status lx_add(ng_coref_lex *lx, const char *s, size_t n, uint32_t value)
{
	char k[LX_MAX_KEY];
	size_t kn = lx_norm(s, n, k);
	if (!kn)
		return NG_OK;
	if (lx->n >= LX_MAX_ENTRIES)
		return NG_ELIMIT;
	if ((lx->n + 1) * 2 > lx->n_slots && lx_grow(lx) != NG_OK)
		return NG_ENOMEM;
	uint32_t h = lx_hash(k, kn);
	lx_entry *e = lx_find(lx, k, kn, h);
	if (e->key) {
		/* keep the first country index a phrase was given */
		if (NG_LX_COUNTRY_IDX(e->value) && NG_LX_COUNTRY_IDX(value))
			value &= 0xffffu;
		e->value |= value;
		return NG_OK;
	}
	if (lx->keys_len + kn + 1 > lx->keys_alloc) {
		/* offsets are 32-bit */
		ng_status st = ng_grow(&lx->keys, &lx->keys_alloc, lx->keys_len + kn + 1, 1, 65536,
				       UINT32_MAX);
		if (st != NG_OK)
			return st;
		if (!lx->keys_len)
			lx->keys[lx->keys_len++] = 0; /* offset 0 means empty */
	}
	memcpy(lx->keys + lx->keys_len, k, kn);
	e->key = (uint32_t)lx->keys_len;
	e->len = (uint32_t)kn;
	e->hash = h;
	e->value = value;
	lx->keys_len += kn + 1;
	lx->keys[lx->keys_len - 1] = 0;
	lx->n++;
	return NG_OK;
}

uint32_t ng_coref_lex_get(const ng_coref_lex *lx, const char *s, size_t n)
{
	char k[LX_MAX_KEY];
	size_t kn = lx_norm(s, n, k);
	if (!kn || !lx->n_slots)
		return 0;
	const lx_entry *e = lx_find(lx, k, kn, lx_hash(k, kn));
	return e->key ? e->value : 0;
}

/* 1-based index of a country code, adding it when new (0 when full). */
static uint32_t lx_country(ng_coref_lex *lx, const char *code, size_t n)
{
	if (n != 3)
		return 0;
	for (size_t i = 0; i < lx->n_codes; i++)
		if (!memcmp(lx->codes[i], code, 3))
			return (uint32_t)i + 1;
	if (lx->n_codes >= LX_MAX_COUNTRIES)
		return 0;
	memcpy(lx->codes[lx->n_codes], code, 3);
	lx->codes[lx->n_codes][3] = 0;
	lx->cnames[lx->n_codes] = NULL;
	return (uint32_t)++lx->n_codes;
}

/* Splits a tab-separated line into at most `max` fields; returns the count. */
static size_t split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *p = line;
	while (n < max) {
		f[n++] = p;
		char *t = strchr(p, '\t');
		if (!t)
			break;
		*t = 0;
		p = t + 1;
	}
	return n;
}

typedef enum { LIST_TITLES, LIST_NAMES, LIST_GAZ } list_kind;

static ng_status lx_load_file(ng_coref_lex *lx, const char *path, list_kind kind, int required,
			      char *err, size_t errlen)
{
	if (!required && access(path, F_OK) != 0)
		return NG_OK;
	ng_lines lr;
	ng_status st = ng_lines_open(&lr, path, NG_LINES_SKIP_BLANK | NG_LINES_SKIP_HASH, "coref",
				     err, errlen);
	char *line;
	while (st == NG_OK && (st = ng_lines_next(&lr, &line, NULL)) == NG_OK) {
		char *fl[4];
		size_t nf = split_tabs(line, fl, 4);
		uint32_t v = 0;
		if (kind == LIST_TITLES && nf >= 2) {
			if (!strcmp(fl[1], "head"))
				v = NG_LX_HEAD;
			else if (!strcmp(fl[1], "rank"))
				v = NG_LX_RANK;
			else if (!strcmp(fl[1], "honorific"))
				v = NG_LX_HONOR;
			else if (!strcmp(fl[1], "mod"))
				v = NG_LX_MOD;
			else if (!strcmp(fl[1], "qual"))
				v = NG_LX_QUAL;
			else if (!strcmp(fl[1], "orgnoun"))
				v = NG_LX_ORGNOUN;
			if (nf >= 3)
				v |= !strcmp(fl[2], "m") ? NG_LX_MALE : !strcmp(fl[2], "f") ? NG_LX_FEMALE : 0;
		} else if (kind == LIST_NAMES && nf >= 2) {
			v = NG_LX_GIVEN | (!strcmp(fl[1], "m") ? NG_LX_MALE
					   : !strcmp(fl[1], "f") ? NG_LX_FEMALE : 0);
		} else if (kind == LIST_GAZ && nf >= 4) {
			uint32_t ci = strcmp(fl[2], "-") ? lx_country(lx, fl[2], strlen(fl[2])) : 0;
			if (!strcmp(fl[3], "demonym"))
				v = NG_LX_DEMONYM;
			else if (!strcmp(fl[1], "LOC") && !strcmp(fl[3], "country"))
				v = NG_LX_COUNTRY | (strstr(path, "/countries.txt") ? NG_LX_ISO : 0);
			else if (!strcmp(fl[1], "ORG"))
				v = NG_LX_ORG;
			if (!v)
				continue;
			v |= ci << 16;
			/* display name: the shortest plain country name */
			if (v & NG_LX_ISO && ci && !strchr(fl[0], ',')) {
				char **cn = &lx->cnames[ci - 1];
				if (!*cn || strlen(fl[0]) < strlen(*cn)) {
					char *d = ng_strdup(fl[0]);
					if (!d) {
						st = NG_ENOMEM;
						break;
					}
					ng_free(*cn);
					*cn = d;
				}
			}
		} else {
			continue;
		}
		if (v && (st = lx_add(lx, fl[0], strlen(fl[0]), v)) != NG_OK)
			ng_lines_fail(&lr, st, "%s", ng_strerror(st));
	}
	ng_lines_close(&lr);
	return st == NG_DONE ? NG_OK : st;
}

ng_coref_lex *ng_coref_lex_load(const char *dir, char *err, size_t errlen)
{
	ng_coref_lex *lx = ng_calloc(1, sizeof(*lx));
	if (!lx) {
		snprintf(err, errlen, "coref: out of memory");
		return NULL;
	}
	static const struct {
		const char *name;
		list_kind kind;
		int required;
	} files[] = {
		{"coref/titles.txt", LIST_TITLES, 1},
		{"coref/given-names.txt", LIST_NAMES, 1},
		{"gazetteers/countries.txt", LIST_GAZ, 0},
		{"gazetteers/aliases.txt", LIST_GAZ, 0},
		{"gazetteers/demonyms.txt", LIST_GAZ, 0},
		{"gazetteers/organizations.txt", LIST_GAZ, 0},
	};
	char path[4096];
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i].name);
		if (lx_load_file(lx, path, files[i].kind, files[i].required, err, errlen) != NG_OK) {
			ng_coref_lex_free(lx);
			return NULL;
		}
	}
	lx->gazetteers = lx->n_codes > 0;
	return lx;
}

void ng_coref_lex_free(ng_coref_lex *lx)
{
	if (!lx)
		return;
	for (size_t i = 0; i < lx->n_codes; i++)
		ng_free(lx->cnames[i]);
	ng_free(lx->slots);
	ng_free(lx->keys);
	ng_free(lx);
}

const char *ng_coref_lex_country_code(const ng_coref_lex *lx, uint32_t idx)
{
	return idx && idx <= lx->n_codes ? lx->codes[idx - 1] : NULL;
}

const char *ng_coref_lex_country_name(const ng_coref_lex *lx, uint32_t idx)
{
	if (!idx || idx > lx->n_codes)
		return NULL;
	return lx->cnames[idx - 1] ? lx->cnames[idx - 1] : lx->codes[idx - 1];
}

int ng_coref_lex_has_gazetteers(const ng_coref_lex *lx)
{
	return lx->gazetteers;
}
