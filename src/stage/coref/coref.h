/*
** coref.h -- the coref stage: turns the tagger's per-token BIO tags
** (doc->ner_tags) into entities (doc->entities) with a canonical name, type,
** titles, affiliation and every mention in the article: names, partial names
** and acronyms, titles used as mentions ("the speaker") and third-person
** pronouns. How it works: docs/internals/coref.md.
*/
#ifndef NG_STAGE_COREF_H
#define NG_STAGE_COREF_H

#include "newsgraph/newsgraph.h"
#include "stage/coref/lexicon.h"

/* Caps. */
#define NG_COREF_MAX_TITLES 8     /* titles kept per entity */
#define NG_COREF_MAX_HEADS 8      /* title head words remembered per entity */
#define NG_COREF_SEARCH 512       /* entities compared with each name mention */
#define NG_COREF_WINDOW 4         /* sentences a pronoun looks back */
#define NG_COREF_MAX_NAME 16      /* words of a name compared */

/* Resolves the entities of one document that has tokens, sentences and
** (possibly NULL) ner_tags, replacing doc->entities. Allocates only from the
** document's arena. `lx` is shared read-only. Returns NG_OK, NG_ENOMEM or
** NG_ELIMIT (arena exhausted), or NG_EUSAGE for NULL arguments. */
NG_WARN_UNUSED ng_status ng_coref_resolve(const ng_coref_lex *lx, ng_doc *doc);

#endif
