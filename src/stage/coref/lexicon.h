/*
** lexicon.h -- the coref stage's read-only word lists: titles and roles,
** given names with their gender, and the gazetteer facts it needs (country
** names and adjectives -> ISO 3166 alpha-3 code, organization names). All
** lists are loaded once by ng_coref_lex_load() into one hash table keyed by
** the lowercased phrase; the table is shared by threads and never written
** after loading.
*/
#ifndef NG_COREF_LEXICON_H
#define NG_COREF_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "newsgraph/newsgraph.h"

/* Bits of a lexicon value. The country index (1-based into the code table)
** sits in the top 16 bits. */
enum {
	NG_LX_HEAD = 1u << 0,     /* role noun that can stand for its holder */
	NG_LX_RANK = 1u << 1,     /* rank or honorific title written before a name */
	NG_LX_HONOR = 1u << 2,    /* courtesy word, not kept as a title */
	NG_LX_MOD = 1u << 3,      /* modifier inside a title */
	NG_LX_QUAL = 1u << 4,     /* institution word inside a title */
	NG_LX_MALE = 1u << 5,
	NG_LX_FEMALE = 1u << 6,
	NG_LX_GIVEN = 1u << 7,    /* a given name */
	NG_LX_DEMONYM = 1u << 8,  /* country adjective or demonym */
	NG_LX_COUNTRY = 1u << 9,  /* country name */
	NG_LX_ORG = 1u << 10,     /* organization name */
	NG_LX_ISO = 1u << 11,     /* an ISO 3166 country name (countries.txt) */
	NG_LX_ORGNOUN = 1u << 12, /* a noun that can stand for an organization */
	NG_LX_TITLE_WORD = NG_LX_HEAD | NG_LX_RANK | NG_LX_HONOR | NG_LX_MOD | NG_LX_QUAL
};
#define NG_LX_COUNTRY_IDX(v) ((v) >> 16)

typedef struct ng_coref_lex ng_coref_lex;

/* Loads data_dir/coref/titles.txt, data_dir/coref/given-names.txt (both
** required) and, when present, data_dir/gazetteers/{countries,aliases,
** demonyms,organizations}.txt. Returns NULL with a message in err on
** failure. Free with ng_coref_lex_free(). */
ng_coref_lex *ng_coref_lex_load(const char *data_dir, char *err, size_t errlen);
void ng_coref_lex_free(ng_coref_lex *lx);

/* The value bits of a phrase (case is ignored, runs of spaces count as one),
** or 0 when it is in no list. Thread-safe. */
uint32_t ng_coref_lex_get(const ng_coref_lex *lx, const char *s, size_t n);

/* The alpha-3 code and display name of a 1-based country index, or NULL. */
const char *ng_coref_lex_country_code(const ng_coref_lex *lx, uint32_t idx);
const char *ng_coref_lex_country_name(const ng_coref_lex *lx, uint32_t idx);

/* True when the gazetteer lists were found (affiliations need them). */
int ng_coref_lex_has_gazetteers(const ng_coref_lex *lx);

#endif
