/*
** tokmap.c -- the segmenter's tokens as the words of UD English EWT, the
** tokenization the tagger and parser were trained on.
**
** The segmenter already splits English clitics as the Penn Treebank and UD
** do ("don't" -> "do" "n't", "Iran's" -> "Iran" "'s"), keeps dotted
** abbreviations ("U.S.") and numbers with their separators ("1990-91",
** "713-853-3989"), as EWT does. What differs:
**   - hyphens: EWT splits a hyphenated word into its parts and the hyphen
**     ("al-Ani" -> "al" "-" "Ani", "well-known" -> "well" "-" "known"),
**     except after a prefix ("e-mail", "non-violent", "co-workers",
**     "re-read": the list below, from EWT train's unsplit words);
**   - "cannot" -> "can" "not", "gonna" -> "gon" "na", "wanna", "gotta";
**   - the typographic apostrophe: the models see "n't" and "'s" for "n’t"
**     and "’s" (the word's span still covers the text's bytes).
** Every word keeps a non-empty byte span inside its token.
*/
#include <strings.h>

#include "stage/syntax/tokmap.h"

/* Prefixes after which EWT keeps a hyphenated word whole. */
static const char *const keep_prefix[] = {
	"e",     "non",   "pre",  "anti",  "re",    "mid",   "post",  "co",   "over",
	"pro",   "multi", "ex",   "sub",   "semi",  "psycho", "neo",  "cross", "micro",
	"vice",  "intra", "un",   "socio", "counter", "inter", "mini", "bi",   "tri",
	"quasi", "ultra", "hyper", "super", "de",   "extra", "pan",  "trans"
};

static bool is_keep_prefix(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof keep_prefix / sizeof keep_prefix[0]; i++)
		if (strlen(keep_prefix[i]) == n && !strncasecmp(keep_prefix[i], s, n))
			return true;
	return false;
}

/* Two-part contractions EWT splits inside the word. */
static const struct {
	const char *word;
	uint8_t cut;
} contractions[] = {{"cannot", 3}, {"gonna", 3}, {"wanna", 3}, {"gotta", 3}};

size_t ng_tokmap_split(const char *s, size_t len, unsigned kind, ng_span *parts, size_t cap)
{
	if (cap < 1)
		return 0;
	parts[0] = (ng_span){0, (uint32_t)len};
	if (kind != NG_TOK_WORD || len < 3)
		return 1;
	for (size_t i = 0; i < sizeof contractions / sizeof contractions[0]; i++)
		if (strlen(contractions[i].word) == len && !strncasecmp(contractions[i].word, s, len) &&
		    cap >= 2) {
			parts[0].end = contractions[i].cut;
			parts[1] = (ng_span){contractions[i].cut, (uint32_t)len};
			return 2;
		}
	const char *h = memchr(s, '-', len);
	if (!h || h == s || is_keep_prefix(s, (size_t)(h - s)))
		return 1;
	/* parts and hyphens; a word with more parts than fit stays whole */
	size_t n = 0, start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != '-')
			continue;
		if (i > start) {
			if (n == cap)
				goto whole;
			parts[n++] = (ng_span){(uint32_t)start, (uint32_t)i};
		}
		if (i < len) {
			if (n == cap)
				goto whole;
			parts[n++] = (ng_span){(uint32_t)i, (uint32_t)i + 1};
		}
		start = i + 1;
	}
	return n;
whole:
	parts[0] = (ng_span){0, (uint32_t)len};
	return 1;
}

/* The form the models see: the text's bytes, or a copy with ’ as '. */
static const char *model_form(ng_arena *a, const char *s, size_t n, uint32_t *out_len)
{
	*out_len = (uint32_t)n;
	const char *q = n >= 3 ? memchr(s, 0xE2, n) : NULL;
	if (!q)
		return s;
	char *c = ng_arena_alloc(a, n + 1);
	if (!c)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0x99 || (unsigned char)s[i + 2] == 0x98)) {
			c[o++] = '\'';
			i += 3;
		} else {
			c[o++] = s[i++];
		}
	}
	c[o] = 0;
	*out_len = (uint32_t)o;
	return c;
}

ng_status ng_tokmap_doc(const ng_doc *doc, ng_arena *a, ng_tokmap *out)
{
	memset(out, 0, sizeof *out);
	ng_span parts[NG_TOKMAP_MAX_PARTS];
	size_t total = 0;
	for (size_t t = 0; t < doc->n_tokens; t++) {
		const ng_token *k = &doc->tokens[t];
		total += ng_tokmap_split(doc->text + k->start, k->end - k->start, k->kind, parts,
					 NG_TOKMAP_MAX_PARTS);
	}
	if (total > UINT32_MAX / 2)
		return NG_ELIMIT;
	out->words = ng_arena_alloc(a, (total + 1) * sizeof *out->words);
	out->word_tok = ng_arena_alloc(a, (total + 1) * sizeof *out->word_tok);
	out->sent_word = ng_arena_alloc(a, (doc->n_sentences + 1) * sizeof *out->sent_word);
	if (!out->words || !out->word_tok || !out->sent_word)
		return NG_ELIMIT;
	size_t w = 0;
	for (size_t si = 0; si < doc->n_sentences; si++) {
		out->sent_word[si] = (uint32_t)w;
		for (uint32_t t = doc->sentence_tok[si]; t < doc->sentence_tok[si + 1]; t++) {
			const ng_token *k = &doc->tokens[t];
			const char *s = doc->text + k->start;
			size_t np = ng_tokmap_split(s, k->end - k->start, k->kind, parts,
						    NG_TOKMAP_MAX_PARTS);
			for (size_t p = 0; p < np; p++) {
				ng_syn_word *x = &out->words[w];
				*x = (ng_syn_word){.start = k->start + parts[p].start,
						   .end = k->start + parts[p].end};
				x->form = model_form(a, s + parts[p].start,
						     parts[p].end - parts[p].start, &x->form_len);
				if (!x->form)
					return NG_ELIMIT;
				out->word_tok[w++] = t;
			}
		}
	}
	out->sent_word[doc->n_sentences] = (uint32_t)w;
	out->n = w;
	return NG_OK;
}
