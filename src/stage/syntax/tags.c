/*
** tags.c -- the UPOS and XPOS tag sets (syntax.h) and the conversion of a
** CoNLL-U sentence into the words the tagger and parser work on.
**
** The XPOS list is the set used by UD English EWT 2.x (Penn Treebank tags
** with ADD, AFX, GW, HYPH, NFP for web text), most frequent first.
*/
#include "stage/syntax/syntax.h"

#include "stage/syntax/conllu.h"

static const char *const upos_names[NG_UPOS_COUNT] = {
	"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
	"PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"
};

static const char *const xpos_names[NG_XPOS_COUNT] = {
	"NN", "IN", "DT", "NNP", "PRP", "JJ", "RB", ".", "VB", "NNS", ",", "CC", "VBP",
	"VBD", "VBZ", "VBN", "CD", "VBG", "MD", "TO", "PRP$", "-RRB-", "-LRB-", "WDT", ":",
	"WRB", "``", "WP", "''", "RP", "UH", "POS", "HYPH", "NNPS", "JJR", "JJS", "EX",
	"NFP", "ADD", "RBR", "GW", "$", "SYM", "PDT", "FW", "LS", "RBS", "AFX", "WP$",
	"#", "XX"
};

const char *ng_upos_name(unsigned id)
{
	return id < NG_UPOS_COUNT ? upos_names[id] : "X";
}

int ng_upos_id(const char *name)
{
	for (int i = 0; i < NG_UPOS_COUNT; i++)
		if (strcmp(upos_names[i], name) == 0)
			return i;
	return -1;
}

const char *ng_xpos_name(unsigned id)
{
	return id < NG_XPOS_COUNT ? xpos_names[id] : "XX";
}

int ng_xpos_id(const char *name)
{
	for (int i = 0; i < NG_XPOS_COUNT; i++)
		if (strcmp(xpos_names[i], name) == 0)
			return i;
	return NG_XPOS_COUNT - 1;
}

ng_syn_word *ng_syn_from_ud(const ng_ud_sent *s, ng_arena *a)
{
	ng_syn_word *w = ng_arena_alloc(a, (s->n ? s->n : 1) * sizeof *w);
	if (!w)
		return NULL;
	uint32_t off = 0;
	for (size_t i = 0; i < s->n; i++) {
		const ng_ud_word *u = &s->words[i];
		int up = ng_upos_id(u->upos);
		size_t len = strlen(u->form);
		w[i] = (ng_syn_word){ .form = u->form, .form_len = (uint32_t)len, .start = off,
				      .end = off + (uint32_t)len,
				      .upos = (uint8_t)(up < 0 ? NG_UPOS_X : up),
				      .xpos = (uint8_t)ng_xpos_id(u->xpos),
				      .head = (int16_t)(u->head < 0 ? 0 : u->head),
				      .lemma = u->lemma };
		off += (uint32_t)len + 1;
	}
	return w;
}
