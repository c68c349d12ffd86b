/*
** gazetteer.h -- lists of known names (countries, their official and short
** names, subdivisions, cities, demonyms, languages, international
** organizations) loaded once from data/gazetteers/ (every .txt file) and looked up by
** token span.
**
** A name is matched case-insensitively, token by token, the way the
** tokenizer splits it ("Korea , Republic of"); the longest name starting at
** a token wins. One name may carry several entries ("Georgia": a country
** and a US state; "Korea": KOR and PRK). After ng_gazetteer_load() the
** gazetteer is read-only and may be shared by any number of threads.
*/
#ifndef NG_GAZETTEER_H
#define NG_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

#include "newsgraph/newsgraph.h"

/* What kind of list a name comes from. */
typedef enum ng_gaz_class {
	NG_GAZ_COUNTRY = 0,  /* ISO 3166-1 names and common short names */
	NG_GAZ_FORMER,       /* ISO 3166-3 former countries */
	NG_GAZ_SUBDIVISION,  /* ISO 3166-2 */
	NG_GAZ_CITY,         /* tz database cities */
	NG_GAZ_REGION,       /* continents and regions */
	NG_GAZ_DEMONYM,      /* adjectives and demonyms: Iranian, Germans */
	NG_GAZ_LANGUAGE,     /* ISO 639-2 language names */
	NG_GAZ_ORG,          /* international organizations */
	NG_GAZ_FIRSTNAME,    /* given names */
	NG_GAZ_SURNAME,      /* family names */
	NG_GAZ_PERSON,       /* full names of people in office (Factbook) */
	NG_GAZ_PLACE,        /* cities worldwide (GeoNames) */
	NG_GAZ_TITLE,        /* titles and honorifics: Mr, Sheikh, Prime Minister */
	NG_GAZ_PARTICLE,     /* name particles: bin, ibn, al, de, van */
	NG_GAZ_NCLASSES
} ng_gaz_class;

typedef struct ng_gaz_entry {
	uint8_t type;       /* ng_entity_type: NG_ENT_LOC, NG_ENT_ORG, NG_ENT_MISC */
	uint8_t cls;        /* ng_gaz_class */
	char country[4];    /* ISO 3166 alpha-3 code and NUL, or "" */
} ng_gaz_entry;

typedef struct ng_gazetteer ng_gazetteer;

/* Loads every .txt file in `dir` (lines "NAME<TAB>TYPE<TAB>COUNTRY<TAB>CLASS",
** '#' comments). On failure returns an error status, sets *out to NULL and
** writes a message to err. Free with ng_gazetteer_free(). */
NG_WARN_UNUSED ng_status ng_gazetteer_load(const char *dir, ng_gazetteer **out, char *err,
					   size_t errlen);

/* Frees the gazetteer. NULL is a no-op. */
void ng_gazetteer_free(ng_gazetteer *g);

/* Number of names loaded. */
size_t ng_gazetteer_size(const ng_gazetteer *g);

/* The longest name starting at the first of `n` tokens, given as byte
** strings tok[i] of length len[i]. Returns the number of tokens it spans
** (0: no name starts here) and points *ents at its entries (*n_ents of
** them, owned by the gazetteer). Thread-safe. */
size_t ng_gazetteer_match(const ng_gazetteer *g, const char *const *tok, const uint32_t *len,
			  size_t n, const ng_gaz_entry **ents, size_t *n_ents);

/* The same over a document's tokens: the longest name starting at token
** `i` and not going past token `end` (exclusive, e.g. the sentence end). */
size_t ng_gazetteer_match_doc(const ng_gazetteer *g, const ng_doc *doc, size_t i, size_t end,
			      const ng_gaz_entry **ents, size_t *n_ents);

/* Looks up a whole name given as text ("Islamic Republic of Iran"): its
** entries, or NULL when it is not a known name. */
const ng_gaz_entry *ng_gazetteer_lookup(const ng_gazetteer *g, const char *name, size_t *n_ents);

/* Case-folded 64-bit hash of one token (the key the gazetteer uses). */
uint64_t ng_gazetteer_token_hash(const char *s, size_t n);

#endif
