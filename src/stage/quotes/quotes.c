/*
** quotes.c -- the quotes stage: finds direct quotations and reported speech
** in a tokenized document and attributes each to a speaker.
**
** Works from tokens (with the segmenter's quote-open/close flags) and
** sentences alone; when the entities/coref stages ran, the speaker span is
** linked to the entity whose mention covers it. This file loads the lexicon
** and its word classes, runs the passes in order (find()) and holds the
** stage's entry points; finder.h lists the files of the passes.
** docs/internals/quotes.md describes the design and its limits.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline/stage.h"
#include "stage/quotes/finder.h"

/* ---- the word classes the finder reads from the lexicon */

static const char *const obj_words[] = {"him", "her", "them", "us", "me", "reporters",
					"supporters", "voters", "journalists", "listeners", "viewers",
					NULL};
static const char *const pron_subj[] = {"he", "she", "they", "i", "we", "it", NULL};
static const char *const determiners[] = {
	"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these",
	"those", "some", "many", "most", "several", "other", "both", "all", "two", "three",
	"four", "few", "one", "another", "each", "any", "no", NULL};
/* adverbs and auxiliaries between a subject and its verb */
static const char *const skip_adv[] = {
	"also", "has", "have", "had", "would", "will", "later", "then", "again", "previously",
	"once", "recently", "further", "repeatedly", "reportedly", "publicly", "privately",
	"simply", "quickly", "flatly", "just", "initially", "earlier", "only", "even", "often",
	"frequently", "never", "did", "does", "do", "could", "can", "may", "might", "should",
	"must", "has", "'s", "’s", "’d", "'d", "already", "still", "first", "specifically",
	"explicitly", "openly", "clearly", "directly", "separately", "subsequently", "ultimately",
	"finally", "additionally", "similarly", "likewise", "famously", "angrily", "bluntly",
	"pointedly", "sharply", "strongly", "insistently", "correctly", "falsely", "wrongly",
	"consistently", "routinely", "long", "always", "herself", "himself", "themselves", "not",
	"n't", "never", "widely", NULL};
static const char *const passive_aux[] = {"was", "were", "been", "being", "is", "are", "be", "am",
					  "get", "got", "gets", NULL};
/* words that cannot end the subject noun phrase in front of a verb */
static const char *const not_np_end[] = {
	"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these",
	"those", "of", "in", "on", "for", "with", "by", "to", "from", "at", "as", "into", "new",
	"latest", "first", "recent", "initial", "same", "such", "and", "or", "but", "that", "than",
	"not", "what", "which", "whose", "whom", "where", "when", "how", "why", "if", "whether",
	"because", "while", "after", "before", "about", "over", "under", "so", "there", "here",
	"n't", "no", "official", "public", "written", "final", "previous", "repeated", "one",
	NULL};
/* first words of an introductory phrase, skipped when looking for a subject */
static const char *const intro_words[] = {
	"in", "on", "at", "after", "before", "during", "while", "when", "as", "since",
	"although", "though", "but", "and", "however", "meanwhile", "earlier", "later", "yet",
	"still", "instead", "speaking", "asked", "if", "because", "for", "with", "without",
	"despite", "following", "last", "this", "then", "now", "so", "also", "indeed", "still",
	"by", "from", "under", "over", "according", "ahead", "amid", "within", "here", "there",
	"outside", "inside", "even", "having", "today", "yesterday", "tonight", "recently",
	"overall", "moreover", "furthermore", "nevertheless", "otherwise", "similarly",
	"specifically", "ultimately", "eventually", "finally", "first", "second", "third", "next",
	"again", "perhaps", "maybe", "certainly", "clearly", "obviously", "apparently",
	"unfortunately", "fortunately", "interestingly", "notably", "importantly", "basically",
	"actually", "really", "thus", "therefore", "besides", "plus", "that", "these", "those",
	"what", "where", "why", "how", "whether", "whereas", "unlike", "like", "among", "across",
	"against", "along", "around", "behind", "beyond", "near", "through", "throughout",
	"toward", "until", "upon", "via", "standing", "writing", "both", "either", "neither",
	"each", "every", "some", "many", "most", "few", "several", "more", "less", "much", "such",
	"only", "just", "not", "no", "yes", "well", "oh", "once", "sometimes", "often", "asked",
	"told", "said", "given", "based", "to", "into", "of", "up", "down", "out", "off",
	"minutes", "hours", "days", "weeks", "months", "years", "moments", NULL};
/* the first words of what follows a cue when it is no attribution's
** content (ngq_not_attribution()): "reported from", "showed up", "said in a
** statement", "adding to" */
static const char *const not_content[] = {"from", "up",	  "to",	  "in",	  "at",	     "on",
					  "during", "back", "last", "this", "earlier", NULL};

static const char *const preps[] = {"with", "of", "to", "by", "for", "from", "at", "in", "on",
				     "about", "against", "between", "among", "toward", "towards",
				     "than", NULL};
static const char *const name_joiners[] = {"al", "bin", "ibn", "de", "van", "von", "la", "del",
					   "da", "di", "der", "le", "abu", "el", "of", NULL};
static const char *const noun_subjects[] = {
	"spokesman", "spokeswoman", "spokesperson", "official", "officials", "aide", "aides",
	"campaign", "statement", "report", "reports", "poll", "polls", "survey", "study",
	"leader", "leaders", "president", "minister", "ministry", "spokesmen", "source",
	"sources", "lawmaker", "lawmakers", "senator", "governor", "candidate", "nominee",
	"adviser", "advisers", "advisor", "advisors", "experts", "expert", "analysts", "analyst",
	"critics", "supporters", "voters", "republicans", "democrats", "police", "group",
	"committee", "agency", "department", "office", "organization", "people", "residents",
	"members", "member", "chairman", "director", "secretary", "ambassador", "speaker",
	"representative", "officer", "authorities", "government", "administration", "white",
	NULL};

/* a time phrase between a subject and its verb: "X on Tuesday said", "X
** later Thursday told", "X less than two weeks ago said" */
static const char *const time_words[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "morning",
	"afternoon", "evening", "night", "today", "yesterday", "tonight", "ago", "week", "weeks",
	"weekend", "past", "month", "months", "year", "years", "day", "days", "january", "february",
	"march", "april", "june", "july", "august", "september", "october", "november",
	"december", NULL};
static const char *const time_mods[] = {
	"on", "last", "this", "earlier", "later", "late", "early", "next", "that", "a", "few",
	"several", "less", "more", "than", "about", "nearly", "almost", "just", "two", "three",
	"four", "five", "six", "seven", "eight", "nine", "ten", "the", "same", "in", NULL};

/* adjectives of not_np_end: they do not end a noun phrase but sit inside
** one ("the new treasurer", "a senior official") */
static const char *const np_adjs[] = {"new", "latest", "first", "recent", "initial", "same",
				      "such", "official", "public", "written", "final",
				      "previous", "repeated", NULL};

static const char *const aux_words[] = {"did", "does", "do", "has", "have", "had", "would",
					"will", "could", "can", "may", "might", "should", "must",
					NULL};
static const char *const back_words[] = {"fire", "fires", "fired", "firing", "shoot",
					 "shoots", "shot", "shooting", "hit", "hits", "hitting",
					 "push", "pushes", "pushed", "pushing", "struck", "strikes",
					 "striking", "put", "puts", "putting", NULL};

static const char *const doc_nouns[] = {"statement", "letter", "release", "post", "tweet",
					"email", "e-mail", "message", "memo", "note", "ad", "video",
					"op-ed", "column", "editorial", "tweets", "posts",
					"statements", NULL};

/* words that open a clause with a subject of its own ("..., while X
** said ...") and those that open a participle clause ("... before claiming
** that ...") */
static const char *const break_words[] = {"while", "but", "and", "although", "though",
					  "whereas", NULL};
static const char *const subord_words[] = {"by", "before", "after", "while", "without", NULL};
/* the words that may end a content in ngq_coord_end() (with commas and quotation
** marks): every other token there is passed over at once */
static const char *const coord_words[] = {"and", "but", "with", "who", NULL};
/* plural quantifiers that stand for their noun ("some say", "both agree") */
static const char *const quantifiers[] = {"two", "three", "four", "both", "all", "many", "most",
					  "several", "some", "few", "others", NULL};
/* with break_words and subord_words, the words that open a subordinate
** clause ("that although X admitted ..., he ...", "that if ...") */
static const char *const openers[] = {"if",   "when", "because", "since", "as",
				      "unless", "once", "despite", NULL};

/* the heads of subjects whose records are evidence (ngq_evidence_subject()) */
static const char *const evidence_heads[] = {
	"poll", "polls", "survey", "surveys", "study", "studies", "data", "figures", "numbers",
	"analysis", "research", "results", "report", "census", "polling", NULL};

/* ---- the finder */

/* The finder proper: the records of the document, as a malloc'd array (*out,
** *n_out; NULL and 0 when none). Its work space is in the arena. */
static ng_status find(qctx *c, ng_quote **out, size_t *n_out)
{
	ng_doc *doc = c->d;
	*out = NULL;
	*n_out = 0;
	ng_status st = ngq_build_tables(c);
	if (st != NG_OK)
		return st;
	size_t cap = (size_t)c->n / 2 + 1;
	if (cap > MAX_QUOTES)
		cap = MAX_QUOTES;
	c->spans = ng_arena_alloc(doc->arena, cap * sizeof(qspan));
	c->out = ng_arena_alloc(doc->arena, cap * sizeof(cand));
	if (!c->spans || !c->out)
		return NG_ELIMIT;
	c->cap_out = (int32_t)cap;
	ngq_find_spans(c);
	ngq_collect_names(c);
	ngq_direct_quotes(c);
	ngq_title_name(c);
	ngq_reported(c, 1);
	ngq_reported(c, 0);
	ngq_more_cues(c);
	ngq_phrase_cues_find(c);
	ngq_headlines(c);
	ngq_leftover_cues(c);
	if (!c->n_out)
		return NG_OK;
	/* pronoun speakers found before later names were noted: resolve again */
	ngq_sort_cands(c->out, c->n_out);
	ngq_floating(c);
	ngq_seeming(c);
	ngq_medial(c);
	ng_quote *q = ng_malloc((size_t)c->n_out * sizeof(ng_quote));
	if (!q)
		return NG_ENOMEM;
	size_t m = 0;
	for (int32_t i = 0; i < c->n_out; i++) {
		const cand *k = &c->out[i];
		if (k->kind == DROPPED)
			continue;
		if (k->kind != NG_QUOTE_DIRECT && k->cue_s >= 0 && ngq_not_attribution(c, k->s, k->e, k->cue_s))
			continue;
		ng_quote *o = &q[m++];
		memset(o, 0, sizeof(*o));
		o->start = c->t[k->s].start;
		o->end = c->t[k->e].end;
		o->kind = k->kind;
		o->speaker = k->sp.entity;
		o->speaker_start = k->sp.rs >= 0 ? (int64_t)c->t[k->sp.rs].start : -1;
		o->speaker_end = k->sp.rs >= 0 ? (int64_t)c->t[k->sp.re].end : -1;
		o->subject_start = k->sp.kind != SUBJ_NONE ? (int64_t)c->t[k->sp.s].start : -1;
		o->subject_end = k->sp.kind != SUBJ_NONE ? (int64_t)c->t[k->sp.e].end : -1;
		o->cue = k->lemma;
		int cls = k->cls != CLS_OF_CUE ? k->cls
			  : k->cue_s >= 0 ? cue_class(c, k->cue_s)
					  : NG_CLS_SPEECH;
		if (k->cls == CLS_OF_CUE && ngq_evidence_subject(c, &k->sp))
			cls = NG_CLS_EVIDENCE;
		o->cue_class = ng_cue_class_name(cls);
		o->cue_start = k->cue_s >= 0 ? (int64_t)c->t[k->cue_s].start : -1;
		o->cue_end = k->cue_s >= 0 ? (int64_t)c->t[k->cue_e].end : -1;
	}
	*out = q;
	*n_out = m;
	return NG_OK;
}

static ng_status find_doc(const ng_cue_lex *lx, ng_doc *doc, ng_outbuf *dump)
{
	doc->quotes = NULL;
	doc->n_quotes = 0;
	if (!doc->tokens || !doc->n_tokens || !doc->sentence_tok || !doc->n_sentences)
		return NG_OK;
	if (doc->n_tokens > INT32_MAX / 2)
		return NG_ELIMIT;
	qctx c;
	memset(&c, 0, sizeof(c));
	c.d = doc;
	c.x = doc->text;
	c.t = doc->tokens;
	c.n = (int32_t)doc->n_tokens;
	c.lx = lx;
	c.dump = dump;
	verb_pool vp = {0};
	c.vp = &vp;
	/* the per-token tables and candidates are work space: freed here, so a
	** document waiting for the store keeps only its records */
	ng_arena_pos work = ng_arena_mark(doc->arena);
	ng_quote *tmp;
	size_t n;
	ng_status st = find(&c, &tmp, &n);
	ng_arena_rewind(doc->arena, work);
	if (st == NG_OK && n) {
		ng_quote *q = ng_arena_alloc(doc->arena, n * sizeof(ng_quote));
		char *cues = vp.len ? ng_arena_alloc(doc->arena, vp.len) : NULL;
		if (!q || (vp.len && !cues)) {
			st = NG_ELIMIT;
		} else {
			memcpy(q, tmp, n * sizeof(ng_quote));
			if (vp.len)
				memcpy(cues, vp.buf, vp.len);
			/* cue strings of the pool: to their copy (compared as integers:
			** the other cues point into the lexicon or at literals) */
			uintptr_t lo = (uintptr_t)vp.buf, hi = lo + vp.len;
			for (size_t i = 0; i < n; i++) {
				uintptr_t p = (uintptr_t)q[i].cue;
				if (vp.len && p >= lo && p < hi)
					q[i].cue = cues + (p - lo);
			}
			doc->quotes = q;
			doc->n_quotes = n;
		}
	}
	ng_free(tmp);
	ng_free(vp.buf);
	return st != NG_OK ? st : c.dump_st;
}

ng_status ng_quotes_find(const ng_cue_lex *lx, ng_doc *doc)
{
	return find_doc(lx, doc, NULL);
}

ng_status ng_quotes_find_dump(const ng_cue_lex *lx, ng_doc *doc, ng_outbuf *dump)
{
	return find_doc(lx, doc, dump);
}


ng_status ng_quotes_load(const char *path, ng_cue_lex **out, char *err, size_t errlen)
{
	ng_cue_lex *lx = NULL;
	*out = NULL;
	ng_status st = ng_cue_lex_load(path, &lx, err, errlen);
	if (st != NG_OK)
		return st;
	static const struct {
		const char *const *words;
		uint32_t bits;
	} classes[] = {
		{pron_subj, NG_WC_PRON_SUBJ}, {determiners, NG_WC_DET}, {skip_adv, NG_WC_SKIP_ADV},
		{passive_aux, NG_WC_PASSIVE}, {not_np_end, NG_WC_NOT_NP_END},
		{intro_words, NG_WC_INTRO}, {name_joiners, NG_WC_JOINER},
		{noun_subjects, NG_WC_NOUN_SUBJ}, {preps, NG_WC_PREP}, {obj_words, NG_WC_OBJ},
		{time_words, NG_WC_TIME}, {time_mods, NG_WC_TIME_MOD}, {np_adjs, NG_WC_ADJ},
		{aux_words, NG_WC_AUX}, {back_words, NG_WC_BACK}, {doc_nouns, NG_WC_DOC},
		{break_words, NG_WC_BREAK}, {subord_words, NG_WC_SUBORD},
		{quantifiers, NG_WC_QUANT}, {openers, NG_WC_OPENER},
		{not_content, NG_WC_NOT_CONTENT}, {evidence_heads, NG_WC_EVIDENCE},
		{coord_words, NG_WC_COORD},
	};
	for (size_t i = 0; i < sizeof classes / sizeof classes[0] && st == NG_OK; i++)
		for (const char *const *w = classes[i].words; *w && st == NG_OK; w++)
			st = ng_cue_lex_add_class(lx, *w, classes[i].bits);
	if (st == NG_OK)
		st = ngq_noun_cue_classes(lx);
	static const char *const more[] = {"expected", "asked", "made", "make", "makes", "making",
					   "reportedly", NULL};
	for (const char *const *w = more; *w && st == NG_OK; w++)
		st = ng_cue_lex_add_class(lx, *w, NG_WC_MORE_CUE);
	if (st == NG_OK)
		st = ng_cue_lex_add_class(lx, "according", NG_WC_ACCORDING);
	if (st == NG_OK)
		st = ngq_phrase_cue_classes(lx);
	if (st != NG_OK) {
		ng_cue_lex_destroy(lx);
		if (err && errlen)
			snprintf(err, errlen, "quotes: word classes do not fit the lexicon");
		return st;
	}
	/* the leftover-cue model beside the lexicon */
	const char *slash = strrchr(path, '/');
	size_t dn = slash ? (size_t)(slash - path) + 1 : 0;
	char mpath[4096];
	if (dn + sizeof "leftover.model" > sizeof mpath) {
		ng_cue_lex_destroy(lx);
		if (err && errlen)
			snprintf(err, errlen, "quotes: path too long: %s", path);
		return NG_EUSAGE;
	}
	memcpy(mpath, path, dn);
	memcpy(mpath + dn, "leftover.model", sizeof "leftover.model");
	ng_cue_model *m = NULL;
	int n_names = 0;
	const char *const *names = ngq_leftover_names(&n_names);
	st = ng_cue_model_load(mpath, names, n_names, &m, err, errlen);
	if (st != NG_OK) {
		ng_cue_lex_destroy(lx);
		return st;
	}
	ng_cue_lex_set_model(lx, m);
	*out = lx;
	return NG_OK;
}

static ng_status quotes_init(const ng_config *cfg, void **state, char *err, size_t errlen)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/quotes/cue_verbs.tsv", ng_stage_data_dir(cfg));
	ng_cue_lex *lx = NULL;
	ng_status st = ng_quotes_load(path, &lx, err, errlen);
	if (st != NG_OK)
		return st;
	*state = lx;
	return NG_OK;
}

static ng_status quotes_process(const void *state, ng_doc *doc)
{
	return ng_quotes_find(state, doc);
}

static void quotes_destroy(void *state)
{
	ng_cue_lex_destroy(state);
}

const ng_stage ng_stage_quotes = {
	.name = "quotes",
	.requires = NG_F_TEXT | NG_F_TOKENS | NG_F_SENTENCES,
	.optional = NG_F_NER_TAGS | NG_F_ENTITIES, /* speakers among the entities */
	.assigns = NG_F_QUOTES | NG_F_CUE_CLASS,
	.init = quotes_init,
	.process = quotes_process,
	.destroy = quotes_destroy,
};
