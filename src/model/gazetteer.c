/*
** gazetteer.c -- loading data/gazetteers/ (every .txt file) into one hash table of name
** keys, and longest-match lookup by token span.
**
** Each name is split by the project's tokenizer (ng_segment), so it matches
** the tokens the pipeline produces. A key is the case-folded token
** sequence hashed token by token; every proper prefix of a name is stored
** as well (flagged), so a lookup walks forward only while some name can
** still continue, and remembers the longest full name seen.
*/
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/core.h"
#include "model/gazetteer.h"
#include "stage/segment/segment.h"

#define GAZ_MAX_TOKENS 12
#define GAZ_MAX_NAMES (1u << 20)

enum { KEY_FULL = 1, KEY_PREFIX = 2 };

typedef struct gaz_slot {
	uint64_t key;     /* 0: empty */
	uint32_t first;   /* first entry (KEY_FULL) */
	uint16_t count;
	uint16_t flags;
} gaz_slot;

typedef struct raw_entry {
	uint64_t key;
	ng_gaz_entry e;
} raw_entry;

struct ng_gazetteer {
	gaz_slot *slots;
	size_t mask;
	ng_gaz_entry *ents;
	size_t n_ents;
	size_t n_names;
};

uint64_t ng_gazetteer_token_hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		if (p[i] < 0x80) {
			unsigned c = p[i];
			if (c >= 'A' && c <= 'Z')
				c += 32;
			h = (h ^ c) * 0x100000001b3ull;
			i++;
			continue;
		}
		int32_t cp;
		size_t k = ng_utf8_decode(p + i, n - i, &cp);
		if (!k) {
			h = (h ^ p[i]) * 0x100000001b3ull;
			i++;
			continue;
		}
		cp = utf8proc_tolower(cp);
		char buf[4];
		size_t m = ng_utf8_encode(cp, buf);
		for (size_t j = 0; j < m; j++)
			h = (h ^ (unsigned char)buf[j]) * 0x100000001b3ull;
		i += k;
	}
	return h;
}

static uint64_t seq_step(uint64_t h, uint64_t tokhash)
{
	uint64_t k = ng_hash_mix64(h * 0x9e3779b97f4a7c15ull + tokhash);
	return k ? k : 1;
}

static gaz_slot *slot_find(const ng_gazetteer *g, uint64_t key)
{
	size_t i = (size_t)key & g->mask;
	while (g->slots[i].key) {
		if (g->slots[i].key == key)
			return &g->slots[i];
		i = (i + 1) & g->mask;
	}
	return NULL;
}

static gaz_slot *slot_put(ng_gazetteer *g, uint64_t key)
{
	size_t i = (size_t)key & g->mask;
	while (g->slots[i].key && g->slots[i].key != key)
		i = (i + 1) & g->mask;
	g->slots[i].key = key;
	return &g->slots[i];
}

static int raw_cmp(const void *a, const void *b)
{
	const raw_entry *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->e.cls != y->e.cls)
		return x->e.cls < y->e.cls ? -1 : 1;
	return strcmp(x->e.country, y->e.country);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int parse_class(const char *s, ng_gaz_class *cls)
{
	static const char *const names[NG_GAZ_NCLASSES] = {
		"country",  "former",   "subdivision", "city",   "region",
		"demonym",  "language", "organization", "firstname", "surname",
		"person",   "place",    "title",       "particle"};
	for (int i = 0; i < NG_GAZ_NCLASSES; i++)
		if (!strcmp(s, names[i])) {
			*cls = (ng_gaz_class)i;
			return 1;
		}
	return 0;
}

static int parse_type(const char *s, uint8_t *type)
{
	if (!strcmp(s, "PER"))
		*type = NG_ENT_PER;
	else if (!strcmp(s, "ORG"))
		*type = NG_ENT_ORG;
	else if (!strcmp(s, "LOC"))
		*type = NG_ENT_LOC;
	else if (!strcmp(s, "MISC"))
		*type = NG_ENT_MISC;
	else
		return 0;
	return 1;
}

/* Key of a name as the tokenizer splits it; also the prefix keys. Returns
** the token count (0: too many tokens), or SIZE_MAX when memory ran out. */
static size_t name_keys(ng_arena *a, const char *name, uint64_t *keys, size_t cap)
{
	ng_segmentation sg;
	ng_arena_reset(a);
	if (ng_segment(a, name, strlen(name), &sg) != NG_OK)
		return SIZE_MAX;
	size_t n = 0;
	uint64_t h = 0;
	for (size_t i = 0; i < sg.n_tokens && n < cap; i++) {
		const ng_token *t = &sg.tokens[i];
		h = seq_step(h, ng_gazetteer_token_hash(name + t->start, t->end - t->start));
		keys[n++] = h;
	}
	return sg.n_tokens <= cap ? n : 0;
}

static ng_status load_file(const char *path, raw_entry **raw, size_t *n, size_t *cap,
			   ng_arena *a, char *err, size_t errlen)
{
	ng_lines lr;
	ng_status st = ng_lines_open(&lr, path, NG_LINES_SKIP_BLANK | NG_LINES_SKIP_HASH, "gazetteer",
				     err, errlen);
	char *line;
	while (st == NG_OK && (st = ng_lines_next(&lr, &line, NULL)) == NG_OK) {
		char *fields[4];
		int nf = 0;
		char *p = line;
		while (nf < 4) {
			fields[nf++] = p;
			char *tab = strchr(p, '\t');
			if (!tab)
				break;
			*tab = 0;
			p = tab + 1;
		}
		ng_gaz_entry e = {0};
		ng_gaz_class cls;
		if (nf != 4 || !fields[0][0] || !parse_type(fields[1], &e.type) ||
		    !parse_class(fields[3], &cls) || strlen(fields[2]) > 3 ||
		    !ng_utf8_valid(fields[0], strlen(fields[0]))) {
			st = ng_lines_fail(&lr, NG_EPARSE, "malformed line");
			break;
		}
		e.cls = (uint8_t)cls;
		if (strcmp(fields[2], "-"))
			memcpy(e.country, fields[2], strlen(fields[2]) + 1);
		uint64_t keys[GAZ_MAX_TOKENS];
		size_t k = name_keys(a, fields[0], keys, GAZ_MAX_TOKENS);
		if (k == SIZE_MAX) {
			snprintf(err, errlen, "gazetteer: out of memory");
			st = NG_ENOMEM;
			break;
		}
		if (!k)
			continue; /* too long a name (or no tokens): never matched */
		st = ng_grow(raw, cap, *n + k + 1, sizeof **raw, 4096, (size_t)2 * GAZ_MAX_NAMES);
		if (st != NG_OK) {
			if (st == NG_ELIMIT)
				ng_lines_fail(&lr, st, "more than %u names", GAZ_MAX_NAMES);
			else
				ng_lines_fail(&lr, st, "out of memory");
			break;
		}
		/* prefixes first (flag only, country unused), then the full name */
		for (size_t j = 0; j + 1 < k; j++) {
			raw_entry *r = &(*raw)[(*n)++];
			memset(r, 0, sizeof *r);
			r->key = keys[j];
			r->e.cls = 0xff; /* marks a prefix record */
		}
		raw_entry *r = &(*raw)[(*n)++];
		r->key = keys[k - 1];
		r->e = e;
	}
	ng_lines_close(&lr);
	return st == NG_DONE ? NG_OK : st;
}

ng_status ng_gazetteer_load(const char *dir, ng_gazetteer **out, char *err, size_t errlen)
{
	char dummy[8];
	if (!err) {
		err = dummy;
		errlen = sizeof dummy;
	}
	*out = NULL;
	if (!dir)
		return NG_EUSAGE;
	DIR *d = opendir(dir);
	if (!d) {
		snprintf(err, errlen, "gazetteer: cannot open directory %s: %s", dir, strerror(errno));
		return NG_EIO;
	}
	char *names[256];
	size_t nn = 0;
	int oom = 0;
	struct dirent *de;
	while ((de = readdir(d)) && nn < 256) {
		size_t l = strlen(de->d_name);
		if (de->d_name[0] != '.' && l > 4 && !strcmp(de->d_name + l - 4, ".txt")) {
			if (!(names[nn] = ng_strdup(de->d_name)))
				oom = 1;
			else
				nn++;
		}
	}
	closedir(d);
	qsort(names, nn, sizeof names[0], name_cmp);

	ng_gazetteer *g = ng_calloc(1, sizeof *g);
	ng_arena *a = ng_arena_create(1 << 16, 1 << 24);
	raw_entry *raw = NULL;
	size_t n = 0, cap = 0;
	ng_status st = (g && a && !oom) ? NG_OK : NG_ENOMEM;
	if (st != NG_OK)
		snprintf(err, errlen, "gazetteer: out of memory");
	for (size_t i = 0; i < nn; i++) {
		if (st == NG_OK) {
			char path[4096];
			snprintf(path, sizeof path, "%s/%s", dir, names[i]);
			st = load_file(path, &raw, &n, &cap, a, err, errlen);
		}
		ng_free(names[i]);
	}
	if (st == NG_OK && n == 0) {
		snprintf(err, errlen, "gazetteer: no names in %s", dir);
		st = NG_EEMPTY;
	}
	if (st == NG_OK) {
		qsort(raw, n, sizeof *raw, raw_cmp);
		size_t slots = 1024;
		while (slots < 2 * n)
			slots *= 2;
		g->slots = ng_calloc(slots, sizeof *g->slots);
		g->ents = ng_malloc(n * sizeof *g->ents);
		g->mask = slots - 1;
		if (!g->slots || !g->ents) {
			st = NG_ENOMEM;
			snprintf(err, errlen, "gazetteer: out of memory");
		}
	}
	if (st == NG_OK) {
		for (size_t i = 0; i < n;) {
			size_t j = i;
			gaz_slot *s = slot_put(g, raw[i].key);
			for (; j < n && raw[j].key == raw[i].key; j++) {
				if (raw[j].e.cls == 0xff) {
					s->flags |= KEY_PREFIX;
					continue;
				}
				/* drop exact duplicates */
				if (s->count) {
					const ng_gaz_entry *last = &g->ents[g->n_ents - 1];
					if (last->cls == raw[j].e.cls && last->type == raw[j].e.type &&
					    !strcmp(last->country, raw[j].e.country))
						continue;
				} else {
					s->first = (uint32_t)g->n_ents;
					s->flags |= KEY_FULL;
					g->n_names++;
				}
				g->ents[g->n_ents++] = raw[j].e;
				s->count++;
			}
			i = j;
		}
	}
	ng_free(raw);
	ng_arena_destroy(a);
	if (st != NG_OK) {
		ng_gazetteer_free(g);
		return st;
	}
	*out = g;
	return NG_OK;
}

void ng_gazetteer_free(ng_gazetteer *g)
{
	if (!g)
		return;
	ng_free(g->slots);
	ng_free(g->ents);
	ng_free(g);
}

size_t ng_gazetteer_size(const ng_gazetteer *g)
{
	return g ? g->n_names : 0;
}

/* Token i's text: from strings or from a document. */
typedef struct tok_src {
	const char *const *tok;
	const uint32_t *len;
	const ng_doc *doc;
	size_t base;
} tok_src;

static uint64_t src_hash(const tok_src *s, size_t i)
{
	if (s->doc) {
		const ng_token *t = &s->doc->tokens[s->base + i];
		return ng_gazetteer_token_hash(s->doc->text + t->start, t->end - t->start);
	}
	return ng_gazetteer_token_hash(s->tok[i], s->len[i]);
}

static size_t match(const ng_gazetteer *g, const tok_src *src, size_t n, const ng_gaz_entry **ents,
		    size_t *n_ents)
{
	size_t best = 0;
	const gaz_slot *best_slot = NULL;
	uint64_t h = 0;
	if (!g || !n)
		goto done;
	for (size_t i = 0; i < n && i < GAZ_MAX_TOKENS; i++) {
		h = seq_step(h, src_hash(src, i));
		const gaz_slot *s = slot_find(g, h);
		if (!s)
			break;
		if (s->flags & KEY_FULL) {
			best = i + 1;
			best_slot = s;
		}
		if (!(s->flags & KEY_PREFIX))
			break;
	}
done:
	if (ents)
		*ents = best_slot ? &g->ents[best_slot->first] : NULL;
	if (n_ents)
		*n_ents = best_slot ? best_slot->count : 0;
	return best;
}

size_t ng_gazetteer_match(const ng_gazetteer *g, const char *const *tok, const uint32_t *len,
			  size_t n, const ng_gaz_entry **ents, size_t *n_ents)
{
	tok_src s = {tok, len, NULL, 0};
	return match(g, &s, n, ents, n_ents);
}

size_t ng_gazetteer_match_doc(const ng_gazetteer *g, const ng_doc *doc, size_t i, size_t end,
			      const ng_gaz_entry **ents, size_t *n_ents)
{
	tok_src s = {NULL, NULL, doc, i};
	if (end > doc->n_tokens)
		end = doc->n_tokens;
	return match(g, &s, i < end ? end - i : 0, ents, n_ents);
}

const ng_gaz_entry *ng_gazetteer_lookup(const ng_gazetteer *g, const char *name, size_t *n_ents)
{
	if (n_ents)
		*n_ents = 0;
	if (!g || !name)
		return NULL;
	/* tokenize without touching the shared arena: a small local one */
	ng_arena *a = ng_arena_create(4096, 1 << 20);
	if (!a)
		return NULL;
	ng_segmentation sg;
	const ng_gaz_entry *res = NULL;
	if (ng_utf8_valid(name, strlen(name)) && ng_segment(a, name, strlen(name), &sg) == NG_OK &&
	    sg.n_tokens && sg.n_tokens <= GAZ_MAX_TOKENS) {
		uint64_t h = 0;
		for (size_t i = 0; i < sg.n_tokens; i++)
			h = seq_step(h, ng_gazetteer_token_hash(name + sg.tokens[i].start,
								sg.tokens[i].end - sg.tokens[i].start));
		const gaz_slot *s = slot_find(g, h);
		if (s && (s->flags & KEY_FULL)) {
			res = &g->ents[s->first];
			if (n_ents)
				*n_ents = s->count;
		}
	}
	ng_arena_destroy(a);
	return res;
}
