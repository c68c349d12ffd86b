/*
** syntax_api.h -- reading the syntax stage's words and trees from other
** stages (quotes, events, coref). Internal API.
**
** Words are doc->words (ng_word, public): a byte span, the token it comes
** from, tags, lemma, and head/deprel when the parser ran (head -1 for a
** root, or for every word when no parser model was loaded; deprel NULL
** then). Word indices are document-wide. Every function here is read-only,
** thread-safe, and returns -1 / false / 0 when the document has no words
** (the stage did not run) or the index is out of range.
*/
#ifndef NG_SYNTAX_API_H
#define NG_SYNTAX_API_H

#include <stdbool.h>

#include "newsgraph/newsgraph.h"

/* True when the document has words with trees (the parser ran). */
bool ng_syn_has_trees(const ng_doc *doc);

/* The first word of token `tok` (a token may give several words:
** "cannot", "al-Ani"), or -1. O(log n). */
int32_t ng_syn_word_of_token(const ng_doc *doc, uint32_t tok);
/* The word whose span holds byte `off`, or -1. O(log n). */
int32_t ng_syn_word_at(const ng_doc *doc, uint32_t off);
/* The sentence of word w, or -1. O(log n). */
int32_t ng_syn_sentence_of(const ng_doc *doc, int32_t w);

/* The head of w, or -1 (a root, no tree). */
int32_t ng_syn_head(const ng_doc *doc, int32_t w);
/* True when w's relation is `rel` or a subtype of it: ng_syn_rel(doc, w,
** "nsubj") holds for "nsubj" and "nsubj:pass"; "nsubj:pass" only for
** itself. */
bool ng_syn_rel(const ng_doc *doc, int32_t w, const char *rel);
/* The children of w in text order, at most cap in out; returns how many
** there are (may exceed cap). */
size_t ng_syn_children(const ng_doc *doc, int32_t w, int32_t *out, size_t cap);
/* The first child of w (in text order) whose relation is `rel` (as in
** ng_syn_rel), or -1. */
int32_t ng_syn_child(const ng_doc *doc, int32_t w, const char *rel);

/* The subject of a verb or predicate w: its nsubj/csubj child (passive
** ones too); for a conjoined verb without one ("He came and said"), the
** first conjunct's; for an open complement ("wants to go", xcomp), the
** governing verb's subject (or object, for "asked him to go"). -1 when
** none. */
int32_t ng_syn_subject(const ng_doc *doc, int32_t w);
/* The direct object of w (obj), or -1. */
int32_t ng_syn_object(const ng_doc *doc, int32_t w);
/* The agent of a passive w ("by X": obl:agent, or an obl with "by"), or -1. */
int32_t ng_syn_agent(const ng_doc *doc, int32_t w);
/* True when w has a passive subject or auxiliary (nsubj:pass, aux:pass). */
bool ng_syn_is_passive(const ng_doc *doc, int32_t w);
/* True when w has a negating child ("not", "n't", "never", "no"). */
bool ng_syn_is_negated(const ng_doc *doc, int32_t w);

/* The byte span of the subtree of w (w and everything under it). */
ng_span ng_syn_subtree_span(const ng_doc *doc, int32_t w);
/* The byte span of the name or noun w heads without its clauses and
** prepositional phrases: w with its flat, compound, fixed, and inner punct
** children, transitively ("Al-Nakhalah", "Ziyad al-Nakhalah"). */
ng_span ng_syn_name_span(const ng_doc *doc, int32_t w);

#endif
