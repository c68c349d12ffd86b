/*
** dict.c -- reads event dictionaries in the TABARI/PETRARCH text format.
**
** Four kinds of file are read (format: docs/internals/events.md and the
** PETRARCH dictionaries-format description):
**   verbs     synsets (&NAME, +member), verb blocks (--- NAME [code] ---),
**             verb lines with irregular forms {..} and own codes [..],
**             multi-word verbs (+CORDON_OFF, WIRE_+TAP) and patterns
**             (- words * words [code]); transformations (~) are skipped.
**   actors    PHRASE [CODE], +SYNONYM lines, tab-indented [CODE dates].
**   agents    PHRASE {PLURALS} [~CODE] or [CODE~], !MARK! = a, b lists.
**   discards  PHRASE (sentence) or +PHRASE (whole story).
** Words are uppercased and interned to dense ids (0 is "unknown"); phrases
** are indexed by their first word so the coder looks each token up once.
** Everything is owned by the ng_ev_dict and freed by ng_ev_dict_destroy().
*/
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/core.h"
#include "stage/events/events.h"

#define MAX_LINE 4096
#define MAX_ITEMS ((size_t)1 << 24) /* entries of one dictionary table (Phoenix: ~54k actors) */
#define MAX_SUBST 16

/* ------------------------------------------------------------------ words */

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = NG_EV_HASH_INIT;
	for (size_t i = 0; i < n; i++)
		h = ng_ev_hash_step(h, (unsigned char)s[i]);
	return h;
}

static ng_status rehash(ng_ev_dict *d, size_t cap)
{
	uint32_t *h = ng_calloc(cap, sizeof(*h));
	uint32_t *hv = ng_calloc(cap, sizeof(*hv));
	if (!h || !hv) {
		ng_free(h);
		ng_free(hv);
		return NG_ENOMEM;
	}
	for (size_t id = 1; id < d->n_words; id++) {
		uint64_t hb = hash_bytes(d->words[id], strlen(d->words[id]));
		size_t i = (size_t)hb & (cap - 1);
		while (h[i])
			i = (i + 1) & (cap - 1);
		h[i] = (uint32_t)id + 1;
		hv[i] = (uint32_t)(hb >> 32);
	}
	ng_free(d->hash);
	ng_free(d->hval);
	d->hash = h;
	d->hval = hv;
	d->hash_cap = cap;
	return NG_OK;
}

uint32_t ng_ev_dict_word(const ng_ev_dict *d, const char *w, size_t len)
{
	if (!d->hash_cap || !len)
		return 0;
	uint64_t hb = hash_bytes(w, len);
	uint32_t hv = (uint32_t)(hb >> 32);
	size_t i = (size_t)hb & (d->hash_cap - 1);
	while (d->hash[i]) {
		const char *s = d->words[d->hash[i] - 1];
		if (d->hval[i] == hv && !memcmp(s, w, len) && s[len] == '\0')
			return d->hash[i] - 1;
		i = (i + 1) & (d->hash_cap - 1);
	}
	return 0;
}

/* Interns an (already uppercase) word; returns its id or 0 when out of memory. */
static uint32_t intern(ng_ev_dict *d, const char *w, size_t len)
{
	if (!len)
		return 0;
	if (len >= NG_EV_MAX_WORD)
		len = NG_EV_MAX_WORD - 1;
	uint32_t id = ng_ev_dict_word(d, w, len);
	if (id)
		return id;
	if ((d->n_words + 1) * 2 > d->hash_cap &&
	    rehash(d, d->hash_cap ? d->hash_cap * 2 : 1024) != NG_OK)
		return 0;
	if (d->n_words == d->cap_words) {
		size_t nc = d->cap_words ? d->cap_words * 2 : 1024;
		char **nw = ng_realloc(d->words, nc * sizeof(*nw));
		uint8_t *ns = ng_realloc(d->is_stem, nc);
		if (nw)
			d->words = nw;
		if (ns)
			d->is_stem = ns;
		if (!nw || !ns)
			return 0;
		d->cap_words = nc;
	}
	char *s = ng_malloc(len + 1);
	if (!s)
		return 0;
	memcpy(s, w, len);
	s[len] = '\0';
	id = (uint32_t)d->n_words++;
	d->words[id] = s;
	d->is_stem[id] = 0;
	uint64_t hb = hash_bytes(s, len);
	size_t i = (size_t)hb & (d->hash_cap - 1);
	while (d->hash[i])
		i = (i + 1) & (d->hash_cap - 1);
	d->hash[i] = id + 1;
	d->hval[i] = (uint32_t)(hb >> 32);
	return id;
}

uint32_t ng_ev_dict_intern(ng_ev_dict *d, const char *w, size_t len)
{
	return intern(d, w, len);
}

static const char *keep_str(ng_ev_dict *d, const char *s, size_t len)
{
	for (size_t i = d->n_strs; i-- > 0 && i + 64 > d->n_strs;)
		if (!strncmp(d->strs[i], s, len) && d->strs[i][len] == '\0')
			return d->strs[i];
	if (ng_grow(&d->strs, &d->cap_strs, d->n_strs + 1, sizeof *d->strs, 256, MAX_ITEMS) != NG_OK)
		return NULL;
	char *c = ng_malloc(len + 1);
	if (!c)
		return NULL;
	memcpy(c, s, len);
	c[len] = '\0';
	d->strs[d->n_strs++] = c;
	return c;
}

ng_ev_dict *ng_ev_dict_create(void)
{
	ng_ev_dict *d = ng_calloc(1, sizeof(*d));
	if (!d)
		return NULL;
	if (rehash(d, 1024) != NG_OK) {
		ng_free(d);
		return NULL;
	}
	/* id 0 is the unknown word */
	d->words = ng_calloc(1024, sizeof(char *));
	d->is_stem = ng_calloc(1024, 1);
	if (!d->words || !d->is_stem) {
		ng_ev_dict_destroy(d);
		return NULL;
	}
	d->cap_words = 1024;
	d->words[0] = ng_strdup("");
	d->n_words = 1;
	if (!d->words[0]) {
		ng_ev_dict_destroy(d);
		return NULL;
	}
	return d;
}

static void plist_free(ng_ev_plist *l)
{
	ng_free(l->p);
	ng_free(l->first);
	ng_free(l->count);
}

void ng_ev_dict_destroy(ng_ev_dict *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n_words; i++)
		ng_free(d->words[i]);
	ng_free(d->words);
	ng_free(d->is_stem);
	ng_free(d->wclass);
	ng_free(d->hash);
	ng_free(d->hval);
	ng_free(d->stem_bits);
	plist_free(&d->actors);
	plist_free(&d->agents);
	plist_free(&d->discards);
	plist_free(&d->synsets);
	for (size_t i = 0; i < d->n_actors; i++)
		ng_free(d->actor_codes[i].codes);
	ng_free(d->actor_codes);
	ng_free(d->agent_codes);
	for (size_t i = 0; i < d->n_synsets; i++)
		ng_free(d->synset_names[i]);
	ng_free(d->synset_names);
	for (size_t i = 0; i < d->n_blocks; i++) {
		for (size_t j = 0; j < d->blocks[i].n_pats; j++)
			ng_free(d->blocks[i].pats[j].pre); /* post shares the allocation */
		ng_free(d->blocks[i].pats);
	}
	ng_free(d->blocks);
	ng_free(d->vforms);
	ng_free(d->vfirst);
	ng_free(d->vcount);
	for (size_t i = 0; i < d->n_strs; i++)
		ng_free(d->strs[i]);
	ng_free(d->strs);
	ng_free(d);
}

/* --------------------------------------------------------------- helpers */

static void upcase(char *s)
{
	for (; *s; s++)
		*s = (char)toupper((unsigned char)*s);
}

/* Cuts comments: '#' outside [...] and ';' (TABARI actor comments). */
static void cut_comment(char *s)
{
	int depth = 0;
	for (char *p = s; *p; p++) {
		if (*p == '[')
			depth++;
		else if (*p == ']' && depth)
			depth--;
		else if ((*p == '#' && !depth) || (*p == ';' && !depth)) {
			*p = '\0';
			break;
		}
	}
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
}

static char *skip_ws(char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	return s;
}

/* Splits a phrase ("A_B C", "A B_") into word ids. Returns the count, or
** -1 when out of memory; *stem says whether the last word may be a stem;
** bit k of *gaps says that word k was separated from word k-1 by blanks
** only (other words may come between them in the text). */
static int phrase_words(ng_ev_dict *d, const char *s, size_t len, uint32_t *w, int max,
			bool *stem, uint16_t *gaps)
{
	int n = 0;
	size_t i = 0;
	*stem = true;
	*gaps = 0;
	while (i < len) {
		bool under = false;
		while (i < len && (s[i] == ' ' || s[i] == '_' || s[i] == '\t'))
			under |= s[i++] == '_';
		if (n > 0 && !under && n < 16)
			*gaps |= (uint16_t)(1u << n);
		size_t b = i;
		while (i < len && s[i] != ' ' && s[i] != '_' && s[i] != '\t')
			i++;
		if (i > b) {
			if (n == max)
				break;
			uint32_t id = intern(d, s + b, i - b);
			if (!id)
				return -1;
			w[n++] = id;
		}
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len && s[len - 1] == '_')
		*stem = false;
	return n;
}

static ng_status plist_add(ng_ev_plist *l, const uint32_t *w, int n, bool stem, uint16_t gaps,
			   uint32_t target)
{
	if (n <= 0)
		return NG_OK;
	if (ng_grow(&l->p, &l->cap, l->n + 1, sizeof *l->p, 256, MAX_ITEMS) != NG_OK)
		return NG_ENOMEM;
	ng_ev_phrase *p = &l->p[l->n++];
	memset(p, 0, sizeof(*p));
	memcpy(p->w, w, (size_t)n * sizeof(*w));
	p->n = (uint8_t)n;
	p->stem = stem;
	p->gaps = gaps;
	p->target = target;
	return NG_OK;
}

/* Regular plural of an uppercase word into out (cap NG_EV_MAX_WORD). */
static void plural(const char *w, char *out)
{
	size_t n = strlen(w);
	if (n + 3 >= NG_EV_MAX_WORD) {
		snprintf(out, NG_EV_MAX_WORD, "%s", w);
		return;
	}
	if (n > 1 && w[n - 1] == 'Y' && !strchr("AEIOU", w[n - 2]))
		snprintf(out, NG_EV_MAX_WORD, "%.*sIES", (int)(n - 1), w);
	else if (n > 1 && (w[n - 1] == 'S' || w[n - 1] == 'X' || w[n - 1] == 'Z' ||
			   (w[n - 1] == 'H' && (w[n - 2] == 'C' || w[n - 2] == 'S'))))
		snprintf(out, NG_EV_MAX_WORD, "%sES", w);
	else
		snprintf(out, NG_EV_MAX_WORD, "%sS", w);
}

/* Adds a phrase and, when `plurals`, the phrase with its last word made
** plural. Actor and agent phrases (`gaps_ok`) let other words come between
** words separated by blanks ("ITHILEN TELEVISION" matches "Ithilen
** state-run television"); in synsets and discards words are consecutive. */
static ng_status add_phrase_pl(ng_ev_dict *d, ng_ev_plist *l, const char *s, size_t len,
			       bool plurals, uint32_t target, bool allow_stem, bool gaps_ok)
{
	uint32_t w[NG_EV_MAX_PHRASE];
	bool stem;
	uint16_t gaps;
	int n = phrase_words(d, s, len, w, NG_EV_MAX_PHRASE, &stem, &gaps);
	if (!gaps_ok)
		gaps = 0;
	if (n < 0)
		return NG_ENOMEM;
	if (n == 0)
		return NG_OK;
	if (!allow_stem)
		stem = false;
	if (stem && n == 1) {
		size_t sl = strlen(d->words[w[0]]);
		d->is_stem[w[0]] = 1;
		if (!d->stem_min || sl < d->stem_min)
			d->stem_min = sl;
		if (sl > d->stem_max)
			d->stem_max = sl;
	}
	ng_status st = plist_add(l, w, n, stem, gaps, target);
	if (st != NG_OK || !plurals)
		return st;
	char pl[NG_EV_MAX_WORD];
	plural(d->words[w[n - 1]], pl);
	uint32_t id = intern(d, pl, strlen(pl));
	if (!id)
		return NG_ENOMEM;
	if (id == w[n - 1])
		return NG_OK;
	w[n - 1] = id;
	return plist_add(l, w, n, false, gaps, target);
}

/* -------------------------------------------------------------- actors */

static uint32_t parse_date(const char *s, size_t n)
{
	uint32_t v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (uint32_t)(s[i] - '0');
	if (n == 6)
		v += (v / 10000 <= 30) ? 20000000u : 19000000u;
	return v;
}

/* "[CODE]", "[CODE <date]", "[CODE >date]", "[CODE d1-d2]" */
static ng_status actor_code(ng_ev_dict *d, ng_ev_actor *a, const char *s)
{
	const char *p = strchr(s, '[');
	if (!p)
		return NG_OK;
	p++;
	while (*p == ' ')
		p++;
	size_t cl = strcspn(p, " \t]");
	if (!cl)
		return NG_OK;
	const char *code = keep_str(d, p, cl);
	if (!code)
		return NG_ENOMEM;
	p += cl;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == ']' || !*p) {
		a->deflt = code;
		return NG_OK;
	}
	uint32_t from = 0, to = 99999999;
	if (*p == '<' || *p == '>') {
		char op = *p++;
		while (*p == ' ')
			p++;
		size_t dl = strspn(p, "0123456789");
		uint32_t dt = parse_date(p, dl);
		if (op == '<')
			to = dt;
		else
			from = dt;
	} else {
		size_t dl = strspn(p, "0123456789");
		from = parse_date(p, dl);
		p += dl;
		while (*p == ' ' || *p == '-')
			p++;
		dl = strspn(p, "0123456789");
		to = dl ? parse_date(p, dl) : 99999999;
	}
	ng_ev_dated *nc = ng_realloc(a->codes, (a->n_codes + 1) * sizeof(*nc));
	if (!nc)
		return NG_ENOMEM;
	a->codes = nc;
	a->codes[a->n_codes++] = (ng_ev_dated){code, from, to};
	return NG_OK;
}

const char *ng_ev_actor_code(const ng_ev_actor *a, uint32_t date)
{
	if (date)
		for (size_t i = 0; i < a->n_codes; i++)
			if (date >= a->codes[i].from && date <= a->codes[i].to)
				return a->codes[i].code;
	if (a->deflt)
		return a->deflt;
	/* no date known: the last restriction is the most recent */
	return (!date && a->n_codes) ? a->codes[a->n_codes - 1].code : NULL;
}

static ng_status new_actor(ng_ev_dict *d, uint32_t *idx)
{
	if (ng_grow(&d->actor_codes, &d->cap_actors, d->n_actors + 1, sizeof *d->actor_codes, 256,
		    MAX_ITEMS) != NG_OK)
		return NG_ENOMEM;
	memset(&d->actor_codes[d->n_actors], 0, sizeof(ng_ev_actor));
	*idx = (uint32_t)d->n_actors++;
	return NG_OK;
}

static ng_status actors_line(ng_ev_dict *d, char *line, uint32_t *cur, bool *have)
{
	bool indented = line[0] == '\t' || line[0] == ' ';
	char *s = skip_ws(line);
	cut_comment(s);
	if (!*s)
		return NG_OK;
	if (indented && *s == '[') {
		if (!*have)
			return NG_OK;
		return actor_code(d, &d->actor_codes[*cur], s);
	}
	bool syn = *s == '+';
	if (syn)
		s++;
	if (!syn || !*have) {
		ng_status st = new_actor(d, cur);
		if (st != NG_OK)
			return st;
		*have = true;
	}
	size_t plen = strcspn(s, "[");
	char *code = s[plen] ? s + plen : NULL;
	upcase(s);
	ng_status st = add_phrase_pl(d, &d->actors, s, plen, false, *cur, true, true);
	if (st == NG_OK && code)
		st = actor_code(d, &d->actor_codes[*cur], code);
	return st;
}

/* -------------------------------------------------------------- agents */

typedef struct subst {
	char mark[32];
	char items[16][32];
	int n;
} subst;

static ng_status agent_add(ng_ev_dict *d, const char *phrase, size_t plen, const char *pl,
			   uint32_t idx, subst *subs, int n_subs)
{
	/* expand one !MARK! */
	const char *b = memchr(phrase, '!', plen);
	if (b) {
		const char *e = memchr(b + 1, '!', plen - (size_t)(b + 1 - phrase));
		if (e) {
			for (int i = 0; i < n_subs; i++) {
				if (strlen(subs[i].mark) != (size_t)(e + 1 - b) ||
				    strncmp(subs[i].mark, b, (size_t)(e + 1 - b)))
					continue;
				for (int k = 0; k < subs[i].n; k++) {
					char buf[MAX_LINE];
					int m = snprintf(buf, sizeof buf, "%.*s%s%.*s", (int)(b - phrase),
							 phrase, subs[i].items[k],
							 (int)(plen - (size_t)(e + 1 - phrase)), e + 1);
					if (m <= 0 || (size_t)m >= sizeof buf)
						continue;
					ng_status st = add_phrase_pl(d, &d->agents, buf, (size_t)m, false,
								     idx, false, true);
					if (st != NG_OK)
						return st;
				}
				return NG_OK;
			}
		}
	}
	if (pl) { /* explicit plurals (or none when empty) */
		ng_status st = add_phrase_pl(d, &d->agents, phrase, plen, false, idx, false, true);
		if (st != NG_OK)
			return st;
		while (*pl) {
			pl = skip_ws((char *)pl);
			size_t n = strcspn(pl, " \t");
			if (n) {
				st = add_phrase_pl(d, &d->agents, pl, n, false, idx, false, true);
				if (st != NG_OK)
					return st;
			}
			pl += n;
		}
		return NG_OK;
	}
	return add_phrase_pl(d, &d->agents, phrase, plen, true, idx, false, true);
}

static ng_status agents_line(ng_ev_dict *d, char *line, subst *subs, int *n_subs)
{
	char *s = skip_ws(line);
	cut_comment(s);
	if (!*s)
		return NG_OK;
	upcase(s);
	if (s[0] == '!' && strchr(s, '=')) {
		if (*n_subs == MAX_SUBST)
			return NG_OK;
		subst *sb = &subs[(*n_subs)++];
		memset(sb, 0, sizeof(*sb));
		size_t ml = strcspn(s, " =");
		snprintf(sb->mark, sizeof sb->mark, "%.*s", (int)(ml < 31 ? ml : 31), s);
		char *p = strchr(s, '=') + 1;
		while (*p && sb->n < 16) {
			p = skip_ws(p);
			size_t n = strcspn(p, ",");
			size_t t = n;
			while (t && isspace((unsigned char)p[t - 1]))
				t--;
			if (t)
				snprintf(sb->items[sb->n++], 32, "%.*s", (int)(t < 31 ? t : 31), p);
			p += n;
			if (*p == ',')
				p++;
		}
		return NG_OK;
	}
	char *br = strchr(s, '[');
	if (!br)
		return NG_OK;
	char *cb = strchr(s, '{');
	char pls[MAX_LINE];
	const char *pl = NULL;
	size_t plen = (size_t)((cb && cb < br ? cb : br) - s);
	if (cb && cb < br) {
		char *ce = strchr(cb, '}');
		size_t n = ce ? (size_t)(ce - cb - 1) : 0;
		snprintf(pls, sizeof pls, "%.*s", (int)n, cb + 1);
		pl = pls;
	}
	/* code: [~GOV], [ ~COP], [NGO~], [~LEG} */
	char *c = skip_ws(br + 1);
	size_t cl = strcspn(c, " \t]}");
	if (!cl)
		return NG_OK;
	bool prefix = c[cl - 1] == '~';
	const char *code;
	if (prefix)
		code = keep_str(d, c, cl - 1);
	else
		code = keep_str(d, c[0] == '~' ? c + 1 : c, c[0] == '~' ? cl - 1 : cl);
	if (!code)
		return NG_ENOMEM;
	if (ng_grow(&d->agent_codes, &d->cap_agents, d->n_agents + 1, sizeof *d->agent_codes, 256,
		    MAX_ITEMS) != NG_OK)
		return NG_ENOMEM;
	uint32_t idx = (uint32_t)d->n_agents++;
	d->agent_codes[idx] = (ng_ev_agent){code, prefix};
	while (plen && isspace((unsigned char)s[plen - 1]))
		plen--;
	if (pl) {
		/* plural phrases are space- or underscore-joined words; split entries on spaces
		** only between entries: PETRARCH writes {ATTORNEYS_GENERAL} */
		return agent_add(d, s, plen, pl, idx, subs, *n_subs);
	}
	return agent_add(d, s, plen, NULL, idx, subs, *n_subs);
}

/* ------------------------------------------------------------ discards */

static ng_status discards_line(ng_ev_dict *d, char *line)
{
	char *s = skip_ws(line);
	cut_comment(s);
	if (!*s || s[0] == '<')
		return NG_OK;
	upcase(s);
	bool story = *s == '+';
	if (story)
		s++;
	return add_phrase_pl(d, &d->discards, s, strlen(s), false, story ? 1 : 0, true, false);
}

/* --------------------------------------------------------------- verbs */

typedef struct vstate {
	int32_t synset;   /* synset being defined, or -1 */
	bool syn_plurals;
	int32_t block;    /* current verb block, or -1 */
	const char *block_code;
} vstate;

static ng_status new_synset(ng_ev_dict *d, const char *name, size_t n, int32_t *idx)
{
	for (size_t i = 0; i < d->n_synsets; i++)
		if (strlen(d->synset_names[i]) == n && !strncmp(d->synset_names[i], name, n)) {
			*idx = (int32_t)i;
			return NG_OK;
		}
	if (ng_grow(&d->synset_names, &d->cap_synsets, d->n_synsets + 1, sizeof *d->synset_names, 64,
		    MAX_ITEMS) != NG_OK)
		return NG_ENOMEM;
	char *c = ng_malloc(n + 1);
	if (!c)
		return NG_ENOMEM;
	memcpy(c, name, n);
	c[n] = '\0';
	d->synset_names[d->n_synsets] = c;
	*idx = (int32_t)d->n_synsets++;
	return NG_OK;
}

static int32_t find_synset(const ng_ev_dict *d, const char *name, size_t n)
{
	while (n && name[n - 1] == '_')
		n--;
	for (size_t i = 0; i < d->n_synsets; i++) {
		size_t m = strlen(d->synset_names[i]);
		if (m == n && !strncmp(d->synset_names[i], name, n))
			return (int32_t)i;
	}
	return -1;
}

static ng_status synset_member(ng_ev_dict *d, vstate *v, char *s)
{
	if (*s == '&') { /* a nested synset: copy its members */
		int32_t o = find_synset(d, s + 1, strcspn(s + 1, " \t"));
		if (o < 0)
			return NG_OK;
		size_t n = d->synsets.n;
		for (size_t i = 0; i < n; i++) {
			if (d->synsets.p[i].target != (uint32_t)o)
				continue;
			ng_ev_phrase p = d->synsets.p[i];
			ng_status st = plist_add(&d->synsets, p.w, p.n, false, 0, (uint32_t)v->synset);
			if (st != NG_OK)
				return st;
		}
		return NG_OK;
	}
	size_t n = strlen(s);
	bool pl = v->syn_plurals;
	if (n && s[n - 1] == '_')
		pl = false;
	return add_phrase_pl(d, &d->synsets, s, n, pl, (uint32_t)v->synset, false, false);
}

static ng_status new_block(ng_ev_dict *d, int32_t *idx)
{
	if (ng_grow(&d->blocks, &d->cap_blocks, d->n_blocks + 1, sizeof *d->blocks, 256,
		    MAX_ITEMS) != NG_OK)
		return NG_ENOMEM;
	memset(&d->blocks[d->n_blocks], 0, sizeof(ng_ev_block));
	*idx = (int32_t)d->n_blocks++;
	return NG_OK;
}

static const char *bracket_code(ng_ev_dict *d, const char *s)
{
	const char *b = strrchr(s, '[');
	if (!b)
		return NULL;
	b++;
	while (*b == ' ')
		b++;
	size_t n = strcspn(b, " ]");
	return n ? keep_str(d, b, n) : NULL;
}

static ng_status add_vform(ng_ev_dict *d, const ng_ev_vform *f)
{
	if (ng_grow(&d->vforms, &d->cap_vforms, d->n_vforms + 1, sizeof *d->vforms, 1024,
		    MAX_ITEMS) != NG_OK)
		return NG_ENOMEM;
	d->vforms[d->n_vforms++] = *f;
	return NG_OK;
}

static bool is_vowel(char c)
{
	return strchr("AEIOU", c) != NULL;
}

/* Regular inflections of a base verb: S, ED, ING (with doubled final
** consonant variants for short consonant-vowel-consonant words). */
static int inflect(const char *w, char out[8][NG_EV_MAX_WORD], bool past[8])
{
	size_t n = strlen(w);
	int k = 0;
	if (n + 4 >= NG_EV_MAX_WORD || n < 2)
		return 0;
	plural(w, out[k]);
	past[k++] = false;
	char last = w[n - 1];
	if (last == 'E') {
		snprintf(out[k], NG_EV_MAX_WORD, "%sD", w);
		past[k++] = true;
		snprintf(out[k], NG_EV_MAX_WORD, "%.*sING", (int)(n - 1), w);
		past[k++] = false;
	} else if (last == 'Y' && !is_vowel(w[n - 2])) {
		snprintf(out[k], NG_EV_MAX_WORD, "%.*sIED", (int)(n - 1), w);
		past[k++] = true;
		snprintf(out[k], NG_EV_MAX_WORD, "%sING", w);
		past[k++] = false;
	} else {
		snprintf(out[k], NG_EV_MAX_WORD, "%sED", w);
		past[k++] = true;
		snprintf(out[k], NG_EV_MAX_WORD, "%sING", w);
		past[k++] = false;
		if (n >= 3 && !is_vowel(last) && !strchr("WXY", last) && is_vowel(w[n - 2]) &&
		    !is_vowel(w[n - 3])) {
			snprintf(out[k], NG_EV_MAX_WORD, "%s%cED", w, last);
			past[k++] = true;
			snprintf(out[k], NG_EV_MAX_WORD, "%s%cING", w, last);
			past[k++] = false;
		}
	}
	return k;
}

/* One verb phrase "+CORDON_OFF", "WIRE_+TAP", "ABANDON": registers the form
** as written and, when `regular`, its inflections. */
static ng_status verb_phrase(ng_ev_dict *d, const char *s, size_t len, bool regular,
			     bool is_past, const char *code, int32_t block)
{
	char parts[8][NG_EV_MAX_WORD];
	int np = 0, head = -1;
	size_t i = 0;
	while (i < len && np < 8) {
		while (i < len && (s[i] == '_' || s[i] == ' '))
			i++;
		size_t b = i;
		while (i < len && s[i] != '_' && s[i] != ' ')
			i++;
		if (i == b)
			continue;
		if (s[b] == '+') {
			head = np;
			b++;
		}
		size_t n = i - b;
		if (!n)
			continue;
		snprintf(parts[np++], NG_EV_MAX_WORD, "%.*s", (int)(n < NG_EV_MAX_WORD - 1 ? n : NG_EV_MAX_WORD - 1),
			 s + b);
	}
	if (!np)
		return NG_OK;
	if (head < 0)
		head = 0;
	bool letter = false;
	for (const char *c = parts[head]; *c; c++)
		letter |= isalpha((unsigned char)*c) != 0;
	if (!letter)
		return NG_OK; /* "," or a number is no verb */
	ng_ev_vform f;
	memset(&f, 0, sizeof(f));
	f.block = (uint32_t)block;
	f.code = code;
	for (int k = 0; k < head && k < 4; k++)
		if (!(f.pre[f.n_pre++] = intern(d, parts[k], strlen(parts[k]))))
			return NG_ENOMEM;
	for (int k = head + 1; k < np && f.n_post < 4; k++)
		if (!(f.post[f.n_post++] = intern(d, parts[k], strlen(parts[k]))))
			return NG_ENOMEM;
	f.head = intern(d, parts[head], strlen(parts[head]));
	if (!f.head)
		return NG_ENOMEM;
	size_t hl = strlen(parts[head]);
	f.past = is_past || (hl > 2 && !strcmp(parts[head] + hl - 2, "ED")) ||
		 (hl > 1 && parts[head][hl - 1] == 'N');
	ng_status st = add_vform(d, &f);
	if (st != NG_OK || !regular)
		return st;
	char infl[8][NG_EV_MAX_WORD];
	bool past[8];
	int k = inflect(parts[head], infl, past);
	for (int j = 0; j < k; j++) {
		f.head = intern(d, infl[j], strlen(infl[j]));
		if (!f.head)
			return NG_ENOMEM;
		f.past = past[j];
		if ((st = add_vform(d, &f)) != NG_OK)
			return st;
	}
	return NG_OK;
}

static ng_status verb_line(ng_ev_dict *d, vstate *v, char *s)
{
	const char *code = NULL;
	char *br = strchr(s, '[');
	char *cb = strchr(s, '{');
	if (br && (!cb || br > cb)) {
		code = bracket_code(d, br);
	} else if (br) {
		code = bracket_code(d, br);
	}
	if (!code)
		code = v->block_code;
	size_t plen = strcspn(s, "{[");
	while (plen && isspace((unsigned char)s[plen - 1]))
		plen--;
	ng_status st = verb_phrase(d, s, plen, true, false, code, v->block);
	if (st != NG_OK || !cb)
		return st;
	char *ce = strchr(cb, '}');
	if (!ce)
		return NG_OK;
	char *p = cb + 1;
	while (p < ce) {
		while (p < ce && isspace((unsigned char)*p))
			p++;
		size_t n = 0;
		while (p + n < ce && !isspace((unsigned char)p[n]))
			n++;
		if (n) {
			bool ing = n > 3 && !strncmp(p + n - 3, "ING", 3);
			bool s3 = p[n - 1] == 'S';
			if ((st = verb_phrase(d, p, n, false, !ing && !s3, code, v->block)) != NG_OK)
				return st;
		}
		p += n;
	}
	return NG_OK;
}

/* "- PRE WORDS * POST WORDS [code]" */
static ng_status pattern_line(ng_ev_dict *d, vstate *v, char *s)
{
	if (v->block < 0)
		return NG_OK;
	const char *code = bracket_code(d, s);
	if (!code)
		return NG_OK;
	size_t plen = strcspn(s, "[");
	ng_ev_elem els[2 * NG_EV_MAX_PHRASE + 1];
	uint8_t joined[2 * NG_EV_MAX_PHRASE + 1];
	int n = 0, star = -1;
	size_t i = 0;
	while (i < plen && n < 2 * NG_EV_MAX_PHRASE) {
		while (i < plen && (isspace((unsigned char)s[i]) || strchr("{}()", s[i])))
			i++;
		size_t b = i;
		while (i < plen && !isspace((unsigned char)s[i]) && !strchr("{}()_", s[i]))
			i++;
		bool join = i < plen && s[i] == '_';
		if (join)
			i++;
		if (i == b || (join && i - 1 == b)) {
			if (join && n)
				joined[n - 1] = 1;
			continue;
		}
		size_t e = join ? i - 1 : i;
		const char *w = s + b;
		size_t wl = e - b;
		ng_ev_elem el = {0, EV_EL_WORD, 0};
		if (wl == 1 && *w == '*') {
			star = n;
		} else if (wl == 1 && *w == '$') {
			el.type = EV_EL_SOURCE;
		} else if (wl == 1 && *w == '+') {
			el.type = EV_EL_TARGET;
		} else if (wl == 1 && *w == '%') {
			el.type = EV_EL_COMPOUND;
		} else if (wl == 1 && *w == '^') {
			el.type = EV_EL_SKIP;
		} else if (*w == '&') {
			int32_t sy = find_synset(d, w + 1, wl - 1);
			if (sy < 0)
				continue; /* unknown synset: the element cannot match; skip it */
			el.type = EV_EL_SYNSET;
			el.id = (uint32_t)sy;
		} else {
			el.id = intern(d, w, wl);
			if (!el.id)
				return NG_ENOMEM;
		}
		els[n] = el;
		joined[n] = join;
		n++;
	}
	if (star < 0)
		return NG_OK;
	int n_pre = star, n_post = n - star - 1;
	if (n_pre > NG_EV_MAX_PHRASE || n_post > NG_EV_MAX_PHRASE)
		return NG_OK;
	ng_ev_block *bl = &d->blocks[v->block];
	if (ng_grow(&bl->pats, &bl->cap_pats, bl->n_pats + 1, sizeof *bl->pats, 8,
		    MAX_ITEMS) != NG_OK)
		return NG_ENOMEM;
	ng_ev_elem *mem = ng_malloc((size_t)(n_pre + n_post + 1) * sizeof(*mem));
	if (!mem)
		return NG_ENOMEM;
	ng_ev_pattern *p = &bl->pats[bl->n_pats++];
	p->pre = mem;
	p->post = mem + n_pre;
	p->n_pre = (uint8_t)n_pre;
	p->n_post = (uint8_t)n_post;
	p->code = code;
	p->weight = 0;
	for (int k = 0; k < n_pre; k++) { /* nearest first */
		int src = star - 1 - k;
		p->pre[k] = els[src];
		p->pre[k].adj = joined[src];
	}
	for (int k = 0; k < n_post; k++) {
		int src = star + 1 + k;
		p->post[k] = els[src];
		p->post[k].adj = joined[src - 1];
	}
	p->bloom = 0;
	for (int k = 0; k < n; k++) {
		if (k == star)
			continue;
		p->weight = (uint16_t)(p->weight + (els[k].type <= EV_EL_SYNSET ? 2 : 1));
		if (els[k].type == EV_EL_WORD)
			p->bloom |= 1ull << (els[k].id & 63);
	}
	return NG_OK;
}

static ng_status verbs_line(ng_ev_dict *d, vstate *v, char *line)
{
	char *s = skip_ws(line);
	if (s[0] == '<') /* <!-- ... --> */
		return NG_OK;
	if (!strncmp(s, "---", 3)) { /* a new block */
		cut_comment(s);
		v->synset = -1;
		ng_status st = new_block(d, &v->block);
		if (st != NG_OK)
			return st;
		v->block_code = bracket_code(d, s);
		if (!v->block_code)
			v->block_code = keep_str(d, "---", 3);
		return v->block_code ? NG_OK : NG_ENOMEM;
	}
	cut_comment(s);
	if (!*s)
		return NG_OK;
	upcase(s);
	if (s[0] == '&') {
		size_t n = strcspn(s + 1, " \t");
		bool noplural = n && s[n] == '_';
		ng_status st = new_synset(d, s + 1, noplural ? n - 1 : n, &v->synset);
		v->syn_plurals = !noplural;
		return st;
	}
	if (s[0] == '+' && v->synset >= 0)
		return synset_member(d, v, skip_ws(s + 1));
	v->synset = -1;
	if (s[0] == '~')
		return NG_OK; /* transformations are not supported */
	if (s[0] == '-')
		return pattern_line(d, v, s + 1);
	if (v->block < 0)
		return NG_OK;
	return verb_line(d, v, s);
}

/* ---------------------------------------------------------------- files */

ng_status ng_ev_dict_load(ng_ev_dict *d, const char *path, const char *kind, char *err,
			  size_t errlen)
{
	ng_lines lr;
	ng_status st = ng_lines_open(&lr, path, 0, NULL, err, errlen);
	if (st != NG_OK) {
		ng_lines_close(&lr);
		return st;
	}
	char *line;
	vstate v = {-1, true, -1, NULL};
	uint32_t cur = 0;
	bool have = false;
	subst *subs = ng_calloc(MAX_SUBST, sizeof(subst));
	int n_subs = 0;
	st = subs ? NG_OK : NG_ENOMEM;
	bool in_comment = false;
	ng_status rd = NG_DONE; /* the reader's status: its errors carry their message */
	while (st == NG_OK && (rd = ng_lines_next(&lr, &line, NULL)) == NG_OK) {
		/* multi-line <!-- ... --> comments */
		char *cs = strstr(line, "<!--");
		if (in_comment) {
			char *ce = strstr(line, "-->");
			if (!ce)
				continue;
			in_comment = false;
			memmove(line, ce + 3, strlen(ce + 3) + 1);
		} else if (cs && !strstr(cs, "-->")) {
			in_comment = true;
			*cs = '\0';
		} else if (cs) {
			*cs = '\0';
		}
		if (!strcmp(kind, "verbs"))
			st = verbs_line(d, &v, line);
		else if (!strcmp(kind, "actors"))
			st = actors_line(d, line, &cur, &have);
		else if (!strcmp(kind, "agents"))
			st = agents_line(d, line, subs, &n_subs);
		else if (!strcmp(kind, "discards"))
			st = discards_line(d, line);
		else
			st = NG_EUSAGE;
	}
	if (st != NG_OK)
		ng_lines_fail(&lr, st, "%s", ng_strerror(st));
	else if (rd != NG_DONE)
		st = rd;
	ng_free(subs);
	ng_lines_close(&lr);
	d->n_files++;
	return st;
}

static const char *classify(const char *name)
{
	char low[256];
	size_t n = strlen(name);
	if (n >= sizeof low || n < 4 || strcmp(name + n - 4, ".txt"))
		return NULL;
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)tolower((unsigned char)name[i]);
	if (strstr(low, "verbs") || !strncmp(low, "cameo.", 6))
		return "verbs";
	if (strstr(low, "actors"))
		return "actors";
	if (strstr(low, "agents"))
		return "agents";
	if (strstr(low, "discards"))
		return "discards";
	return NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

ng_status ng_ev_dict_load_spec(ng_ev_dict *d, const char *spec, char *err, size_t errlen)
{
	struct stat sb;
	if (!strchr(spec, ',') && stat(spec, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		DIR *dir = opendir(spec);
		if (!dir) {
			snprintf(err, errlen, "%s: %s", spec, strerror(errno));
			return NG_EIO;
		}
		char *names[256];
		size_t nn = 0;
		struct dirent *e;
		while ((e = readdir(dir)) && nn < 256)
			if (e->d_name[0] != '.' && classify(e->d_name))
				if ((names[nn] = ng_strdup(e->d_name)))
					nn++;
		closedir(dir);
		qsort(names, nn, sizeof(char *), cmp_str);
		ng_status st = NG_OK;
		/* synsets must precede patterns, actors come before agents: load by kind */
		static const char *const order[] = {"verbs", "actors", "agents", "discards"};
		for (size_t k = 0; k < 4 && st == NG_OK; k++)
			for (size_t i = 0; i < nn && st == NG_OK; i++) {
				if (strcmp(classify(names[i]), order[k]))
					continue;
				char path[4096];
				snprintf(path, sizeof path, "%s/%s", spec, names[i]);
				st = ng_ev_dict_load(d, path, order[k], err, errlen);
			}
		for (size_t i = 0; i < nn; i++)
			ng_free(names[i]);
		if (st == NG_OK && !d->n_files) {
			snprintf(err, errlen, "%s: no dictionary files (*verbs*.txt, *actors*.txt, ...)", spec);
			return NG_EIO;
		}
		return st;
	}
	const char *p = spec;
	while (*p) {
		size_t n = strcspn(p, ",");
		char path[4096];
		snprintf(path, sizeof path, "%.*s", (int)(n < 4095 ? n : 4095), p);
		const char *slash = strrchr(path, '/');
		const char *kind = classify(slash ? slash + 1 : path);
		struct stat fsb;
		if (stat(path, &fsb) != 0) { /* say so before guessing at its name */
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			return NG_EIO;
		}
		if (!kind) {
			snprintf(err, errlen, "%s: cannot tell the kind of dictionary from the name "
				 "(it should contain verbs, actors, agents or discards)", path);
			return NG_EUSAGE;
		}
		ng_status st = ng_ev_dict_load(d, path, kind, err, errlen);
		if (st != NG_OK)
			return st;
		p += n;
		if (*p == ',')
			p++;
	}
	return NG_OK;
}

/* ---------------------------------------------------------------- index */

static int cmp_phrase(const void *a, const void *b)
{
	const ng_ev_phrase *x = a, *y = b;
	if (x->w[0] != y->w[0])
		return x->w[0] < y->w[0] ? -1 : 1;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1; /* longest first */
	if (x->stem != y->stem)
		return x->stem ? 1 : -1;     /* exact before stem */
	return 0;
}

static ng_status plist_index(ng_ev_plist *l, size_t n_words)
{
	if (l->n)
		qsort(l->p, l->n, sizeof(*l->p), cmp_phrase);
	l->first = ng_malloc(n_words * sizeof(uint32_t));
	l->count = ng_calloc(n_words, sizeof(uint32_t));
	if (!l->first || !l->count)
		return NG_ENOMEM;
	memset(l->first, 0xff, n_words * sizeof(uint32_t));
	for (size_t i = 0; i < l->n; i++) {
		uint32_t w = l->p[i].w[0];
		if (l->p[i].n > l->max_n)
			l->max_n = l->p[i].n;
		if (l->first[w] == UINT32_MAX)
			l->first[w] = (uint32_t)i;
		l->count[w]++;
	}
	l->n_index = n_words;
	return NG_OK;
}

static int cmp_vform(const void *a, const void *b)
{
	const ng_ev_vform *x = a, *y = b;
	if (x->head != y->head)
		return x->head < y->head ? -1 : 1;
	int lx = x->n_pre + x->n_post, ly = y->n_pre + y->n_post;
	if (lx != ly)
		return lx > ly ? -1 : 1;
	return 0;
}

/* Orders a block's patterns by weight, heaviest first, keeping the file
** order among equal weights (the coder takes the first that matches), and
** drops the ones coded "+++" (never used). */
static void sort_patterns(ng_ev_block *b)
{
	size_t n = 0;
	for (size_t k = 0; k < b->n_pats; k++) {
		if (!strcmp(b->pats[k].code, "+++")) {
			ng_free(b->pats[k].pre); /* post shares the allocation */
			continue;
		}
		b->pats[n++] = b->pats[k];
	}
	b->n_pats = n;
	for (size_t k = 1; k < n; k++) {
		ng_ev_pattern p = b->pats[k];
		size_t j = k;
		for (; j > 0 && b->pats[j - 1].weight < p.weight; j--)
			b->pats[j] = b->pats[j - 1];
		b->pats[j] = p;
	}
}

ng_status ng_ev_dict_finish(ng_ev_dict *d)
{
	ng_status st = ng_ev_function_words(d);
	if (st != NG_OK)
		return st;
	size_t nw = d->n_words;
	if ((st = plist_index(&d->actors, nw)) != NG_OK || (st = plist_index(&d->agents, nw)) != NG_OK ||
	    (st = plist_index(&d->discards, nw)) != NG_OK || (st = plist_index(&d->synsets, nw)) != NG_OK)
		return st;
	for (size_t b = 0; b < d->n_blocks; b++)
		sort_patterns(&d->blocks[b]);
	if (d->n_vforms)
		qsort(d->vforms, d->n_vforms, sizeof(*d->vforms), cmp_vform);
	d->vfirst = ng_malloc(nw * sizeof(uint32_t));
	d->vcount = ng_calloc(nw, sizeof(uint32_t));
	if (!d->vfirst || !d->vcount)
		return NG_ENOMEM;
	memset(d->vfirst, 0xff, nw * sizeof(uint32_t));
	for (size_t i = 0; i < d->n_vforms; i++) {
		uint32_t w = d->vforms[i].head;
		if (d->vfirst[w] == UINT32_MAX)
			d->vfirst[w] = (uint32_t)i;
		d->vcount[w]++;
	}
	d->n_vindex = nw;
	d->stem_bits = ng_calloc(NG_EV_STEM_BITS / 64, sizeof(uint64_t));
	if (!d->stem_bits)
		return NG_ENOMEM;
	for (size_t id = 1; id < nw; id++)
		if (d->is_stem[id]) {
			uint64_t h = hash_bytes(d->words[id], strlen(d->words[id])) & (NG_EV_STEM_BITS - 1);
			d->stem_bits[h >> 6] |= 1ull << (h & 63);
		}
	return NG_OK;
}
