/*
** words.c -- the word lists and small tables of the quotes finder
** (data/quotes/words.tsv, beside cue_verbs.tsv): lists the rules compare a
** word with, the lists that become word classes of the lexicon, the cues of
** retort ("fired back"), the nouns that take a content ("his claim that
** ...") and the phrasal cues ("took aim at X"). Read once at init into one
** buffer (fields NUL-terminated in place, pointers into it), read-only
** afterwards; the lexicon owns it (ng_cue_lex_set_words()).
*/
#include <stdio.h>
#include <string.h>

#include "stage/quotes/finder.h"

#define WORDS_MAX_FILE (1u << 20) /* 1 MiB */

/* The lists by name, in the order of enum ngq_list (finder.h). */
static const char *const list_names[WL_COUNT] = {
	[WL_PRON_SUBJ] = "pron_subj",
	[WL_DETERMINERS] = "determiners",
	[WL_SKIP_ADV] = "skip_adv",
	[WL_PASSIVE_AUX] = "passive_aux",
	[WL_NOT_NP_END] = "not_np_end",
	[WL_INTRO_WORDS] = "intro_words",
	[WL_NAME_JOINERS] = "name_joiners",
	[WL_NOUN_SUBJECTS] = "noun_subjects",
	[WL_PREPS] = "preps",
	[WL_OBJ_WORDS] = "obj_words",
	[WL_TIME_WORDS] = "time_words",
	[WL_TIME_MODS] = "time_mods",
	[WL_NP_ADJS] = "np_adjs",
	[WL_AUX_WORDS] = "aux_words",
	[WL_BACK_WORDS] = "back_words",
	[WL_DOC_NOUNS] = "doc_nouns",
	[WL_BREAK_WORDS] = "break_words",
	[WL_SUBORD_WORDS] = "subord_words",
	[WL_QUANTIFIERS] = "quantifiers",
	[WL_OPENERS] = "openers",
	[WL_NOT_CONTENT] = "not_content",
	[WL_EVIDENCE_HEADS] = "evidence_heads",
	[WL_COORD_WORDS] = "coord_words",
	[WL_MORE_CUES] = "more_cues",
	[WL_ACCORDING] = "according",
	[WL_CLAUSE_WORDS] = "clause_words",
	[WL_SAY_VERBS] = "say_verbs",
	[WL_NOT_ADVERBS] = "not_adverbs",
	[WL_COUNT_WORDS] = "count_words",
	[WL_COUNT_MODS] = "count_mods",
	[WL_BE] = "be",
	[WL_DAYS] = "days",
	[WL_CATENATIVES] = "catenatives",
	[WL_NP_CONTENT_STOPS] = "np_content_stops",
	[WL_DET_SUBJECTS] = "det_subjects",
	[WL_INF_GOVERNORS] = "infinitive_governors",
	[WL_FIRST_WORDS] = "first_words",
	[WL_BASE_COUNTS] = "base_counts",
	[WL_NOT_NAMES] = "not_names",
	[WL_STANCE_LEMMAS] = "stance_lemmas",
	[WL_WH_WORDS] = "wh_words",
	[WL_DECREE_CUES] = "decree_cues",
	[WL_TOPIC_CUES] = "topic_cues",
	[WL_TITLES] = "titles",
	[WL_CAPTIONS] = "captions",
	[WL_INTERVIEWERS] = "interviewers",
};

/* The word class of each list that is one (0: a list the rules read). */
static const uint32_t list_class[WL_COUNT] = {
	[WL_PRON_SUBJ] = NG_WC_PRON_SUBJ,	  [WL_DETERMINERS] = NG_WC_DET,
	[WL_SKIP_ADV] = NG_WC_SKIP_ADV,		  [WL_PASSIVE_AUX] = NG_WC_PASSIVE,
	[WL_NOT_NP_END] = NG_WC_NOT_NP_END,	  [WL_INTRO_WORDS] = NG_WC_INTRO,
	[WL_NAME_JOINERS] = NG_WC_JOINER,	  [WL_NOUN_SUBJECTS] = NG_WC_NOUN_SUBJ,
	[WL_PREPS] = NG_WC_PREP,		  [WL_OBJ_WORDS] = NG_WC_OBJ,
	[WL_TIME_WORDS] = NG_WC_TIME,		  [WL_TIME_MODS] = NG_WC_TIME_MOD,
	[WL_NP_ADJS] = NG_WC_ADJ,		  [WL_AUX_WORDS] = NG_WC_AUX,
	[WL_BACK_WORDS] = NG_WC_BACK,		  [WL_DOC_NOUNS] = NG_WC_DOC,
	[WL_BREAK_WORDS] = NG_WC_BREAK,		  [WL_SUBORD_WORDS] = NG_WC_SUBORD,
	[WL_QUANTIFIERS] = NG_WC_QUANT,		  [WL_OPENERS] = NG_WC_OPENER,
	[WL_NOT_CONTENT] = NG_WC_NOT_CONTENT,	  [WL_EVIDENCE_HEADS] = NG_WC_EVIDENCE,
	[WL_COORD_WORDS] = NG_WC_COORD,		  [WL_MORE_CUES] = NG_WC_MORE_CUE,
	[WL_ACCORDING] = NG_WC_ACCORDING,	  [WL_TITLES] = NG_WC_TITLE,
};

void ng_quote_words_destroy(ng_quote_words *w)
{
	if (!w)
		return;
	ng_free(w->buf);
	ng_free(w->words);
	ng_free(w->back);
	ng_free(w->nouns);
	ng_free(w->phrases);
	ng_free(w);
}

/* The parser's state: the file, the line being read and its fields. */
typedef struct wparse {
	const char *path;
	size_t line;
	char *f[8]; /* the line's fields, NUL-terminated in place */
	int nf;
	char *err;
	size_t errlen;
} wparse;

static ng_status bad(wparse *p, const char *what, const char *arg)
{
	if (p->err && p->errlen)
		snprintf(p->err, p->errlen, "%s:%zu: %s%s%s", p->path, p->line, what,
			 arg ? ": " : "", arg ? arg : "");
	return NG_EPARSE;
}

static int find_name(const char *const *names, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (names[i] && !strcmp(names[i], s))
			return i;
	return -1;
}

static int parse_cls(const char *s)
{
	for (int i = 0; i < NG_CLS_COUNT; i++)
		if (!strcmp(ng_cue_class_name(i), s))
			return i;
	return -1;
}

/* The list builder's state: the next free word pointer, its bound, the
** list being filled, the lists seen. */
typedef struct wlists {
	size_t pos, cap;
	int open;
	uint8_t seen[WL_COUNT];
} wlists;

/* "list NAME WORDS": the words (space-separated) go to w->words. */
static ng_status list_line(wparse *p, ng_quote_words *w, wlists *l)
{
	if (p->nf != 3)
		return bad(p, "a list line has three fields: list NAME WORDS", NULL);
	int id = find_name(list_names, WL_COUNT, p->f[1]);
	if (id < 0)
		return bad(p, "a list the finder does not know", p->f[1]);
	if (id != l->open) {
		if (l->seen[id])
			return bad(p, "the lines of a list must follow each other", p->f[1]);
		if (l->open >= 0)
			w->words[l->pos++] = NULL;
		l->seen[id] = 1;
		l->open = id;
		w->list[id] = (const char *const *)&w->words[l->pos];
	}
	for (char *s = p->f[2]; *s;) {
		while (*s == ' ')
			*s++ = 0;
		if (!*s)
			break;
		char *a = s;
		while (*s && *s != ' ')
			s++;
		for (const char *k = a; k < s; k++)
			if (*k >= 'A' && *k <= 'Z')
				return bad(p, "a word in capitals (lists are lowercase)", a);
		if (s - a > 23)
			return bad(p, "a word longer than 23 bytes", a);
		if (l->pos + 1 >= l->cap)
			return bad(p, "too many words", NULL);
		w->words[l->pos++] = a;
	}
	return NG_OK;
}

/* "back WORD LEMMA FORM" */
static ng_status back_line(wparse *p, ng_quote_words *w)
{
	static const char *const forms[] = {"base", "s", "past", "ing"};
	int fo = p->nf == 4 ? find_name(forms, 4, p->f[3]) : -1;
	if (fo < 0)
		return bad(p, "a back line is: back WORD LEMMA base|s|past|ing", NULL);
	w->back[w->n_back++] = (struct back_cue){p->f[1], p->f[2], fo};
	return NG_OK;
}

/* "noun WORD LEMMA CLASS TAKES [PREPS]" */
static ng_status noun_line(wparse *p, ng_quote_words *w)
{
	int cls = p->nf >= 5 ? parse_cls(p->f[3]) : -1;
	if (p->nf < 5 || p->nf > 6 || cls < 0 || !p->f[4][0] ||
	    strspn(p->f[4], "tip") != strlen(p->f[4]))
		return bad(p, "a noun line is: noun WORD LEMMA CLASS TAKES(t|i|p) [PREPS]", NULL);
	w->nouns[w->n_nouns++] = (struct noun_cue){p->f[1], p->f[2], (uint8_t)cls, p->f[4],
						     p->nf == 6 ? p->f[5] : NULL};
	return NG_OK;
}

/* "phrase verb|adj HEADS SLOTS LEMMA CLASS": the verbs first, sorted by
** their heads' first letter (ngq_phrase_cues_find() reads the verbs of one
** letter), then the adjectives. */
static ng_status phrase_line(wparse *p, ng_quote_words *w)
{
	int adj = p->nf == 6 && !strcmp(p->f[1], "adj");
	int cls = p->nf == 6 ? parse_cls(p->f[5]) : -1;
	if (p->nf != 6 || (!adj && strcmp(p->f[1], "verb")) || cls < 0 || !p->f[2][0] ||
	    !p->f[3][0])
		return bad(p, "a phrase line is: phrase verb|adj HEADS SLOTS LEMMA CLASS", NULL);
	struct phrase_cue pc = {p->f[2], p->f[3], p->f[4], (uint8_t)cls, adj ? PH_ADJ : PH_VERB};
	if (adj) {
		w->phrases[w->n_phrases + w->n_adjs++] = pc;
		return NG_OK;
	}
	for (const char *h = pc.head + 1; *h; h++)
		if (h[-1] == '|' && *h != pc.head[0])
			return bad(p, "the heads of a verb must share their first letter", pc.head);
	if (w->n_phrases && w->phrases[w->n_phrases - 1].head[0] > pc.head[0])
		return bad(p, "phrasal verbs must be sorted by their heads' first letter", pc.head);
	if (w->n_adjs)
		return bad(p, "phrasal verbs come before the adjectives", pc.head);
	w->phrases[w->n_phrases++] = pc;
	return NG_OK;
}

static ng_status parse_line(wparse *p, ng_quote_words *w, wlists *l)
{
	const char *kind = p->f[0];
	if (!strcmp(kind, "list"))
		return list_line(p, w, l);
	if (!strcmp(kind, "back"))
		return back_line(p, w);
	if (!strcmp(kind, "noun"))
		return noun_line(p, w);
	if (!strcmp(kind, "phrase"))
		return phrase_line(p, w);
	return bad(p, "unknown line kind (list, back, noun or phrase)", kind);
}

ng_status ng_quote_words_load(const char *path, ng_quote_words **out, char *err, size_t errlen)
{
	*out = NULL;
	ng_quote_words *w = ng_calloc(1, sizeof(*w));
	if (!w)
		return NG_ENOMEM;
	size_t len = 0;
	ng_status st = ng_quotes_read_file(path, "quotes word lists", WORDS_MAX_FILE, &w->buf, &len,
					   err, errlen);
	if (st != NG_OK) {
		ng_free(w);
		return st;
	}
	/* bounds: a word per space or tab, one item per line */
	size_t lines = 1, words_cap = WL_COUNT + 2;
	for (size_t i = 0; i < len; i++) {
		lines += w->buf[i] == '\n';
		words_cap += w->buf[i] == ' ' || w->buf[i] == '\t';
	}
	words_cap += lines;
	w->words = ng_malloc(words_cap * sizeof(char *));
	w->back = ng_malloc(lines * sizeof(struct back_cue));
	w->nouns = ng_malloc((lines + 1) * sizeof(struct noun_cue));
	w->phrases = ng_malloc((lines + 2) * sizeof(struct phrase_cue));
	if (!w->words || !w->back || !w->nouns || !w->phrases) {
		ng_quote_words_destroy(w);
		return NG_ENOMEM;
	}
	wparse p = {.path = path, .err = err, .errlen = errlen};
	wlists l = {.cap = words_cap, .open = -1};
	char *s = w->buf, *end = w->buf + len;
	while (st == NG_OK && s < end) {
		char *nl = memchr(s, '\n', (size_t)(end - s));
		char *e = nl ? nl : end;
		p.line++;
		if (memchr(s, '\0', (size_t)(e - s))) {
			st = bad(&p, "a NUL byte", NULL);
			break;
		}
		if (e == end && len == WORDS_MAX_FILE) {
			st = bad(&p, "the file does not end with a newline", NULL);
			break;
		}
		*e = 0; /* at the end: the buffer holds WORDS_MAX_FILE bytes, more than len */
		if (e > s && e[-1] == '\r')
			e[-1] = 0;
		if (*s && *s != '#') {
			p.nf = 0;
			for (char *f = s; f && p.nf < 8;) {
				p.f[p.nf++] = f;
				f = strchr(f, '\t');
				if (f)
					*f++ = 0;
			}
			st = p.nf < 2 ? bad(&p, "a line of one field", s) : parse_line(&p, w, &l);
		}
		s = e + 1;
	}
	if (st == NG_OK && l.open >= 0)
		w->words[l.pos++] = NULL;
	for (int i = 0; st == NG_OK && i < WL_COUNT; i++)
		if (!l.seen[i]) {
			if (err && errlen)
				snprintf(err, errlen, "%s: the list %s is missing", path,
					 list_names[i]);
			st = NG_EPARSE;
		}
	if (st != NG_OK) {
		ng_quote_words_destroy(w);
		return st;
	}
	/* sentinels: the tables end with a NULL word or head */
	w->nouns[w->n_nouns] = (struct noun_cue){0};
	w->adjs = w->phrases + w->n_phrases + 1;
	memmove(w->adjs, w->phrases + w->n_phrases, w->n_adjs * sizeof(struct phrase_cue));
	w->phrases[w->n_phrases] = (struct phrase_cue){0};
	w->adjs[w->n_adjs] = (struct phrase_cue){0};
	*out = w;
	return NG_OK;
}

/* The word classes of table pc: the heads, and the words of the first slot
** after them, or of the second when the first may be missing (what may
** follow a head). */
static ng_status phrase_classes(ng_cue_lex *lx, const struct phrase_cue *pc)
{
	ng_status st = NG_OK;
	for (; pc->pat && st == NG_OK; pc++) {
		int slot = -1, next = 0;
		for (const char *s = pc->head; *s && st == NG_OK && slot <= next;) {
			if (*s == '?' && slot == next)
				next++;
			s += *s == '?';
			size_t n = strcspn(s, "| ");
			char w[32];
			if (n && n < sizeof w) {
				memcpy(w, s, n);
				w[n] = 0;
				uint32_t bits = slot >= 0		 ? NG_WC_PHRASE_NEXT
						: pc->kind == PH_ADJ ? NG_WC_PHRASE | NG_WC_PHRASE_ADJ
								     : NG_WC_PHRASE;
				st = ng_cue_lex_add_class(lx, w, bits);
			}
			s += n;
			if (!*s && slot < 0) { /* the head's end: on to the slots */
				s = pc->pat;
				slot = 0;
				continue;
			}
			if (*s == ' ')
				slot++;
			if (*s)
				s++;
		}
	}
	return st;
}

static ng_status add_list(ng_cue_lex *lx, const ng_quote_words *w, int id)
{
	ng_status st = NG_OK;
	for (const char *const *s = w->list[id]; *s && st == NG_OK; s++)
		st = ng_cue_lex_add_class(lx, *s, list_class[id]);
	return st;
}

ng_status ngq_words_classes(ng_cue_lex *lx, const ng_quote_words *w)
{
	ng_status st = NG_OK;
	/* in this order (the lexicon's hash table fills in it) */
	for (int id = 0; id < WL_MORE_CUES && st == NG_OK; id++)
		st = add_list(lx, w, id);
	for (const struct noun_cue *n = w->nouns; n->word && st == NG_OK; n++)
		st = ng_cue_lex_add_class(lx, n->word, NG_WC_NOUN_CUE);
	if (st == NG_OK)
		st = add_list(lx, w, WL_MORE_CUES);
	if (st == NG_OK)
		st = add_list(lx, w, WL_ACCORDING);
	if (st == NG_OK)
		st = add_list(lx, w, WL_TITLES);
	if (st == NG_OK)
		st = phrase_classes(lx, w->phrases);
	if (st == NG_OK)
		st = phrase_classes(lx, w->adjs);
	return st;
}
