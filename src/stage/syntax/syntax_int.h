/*
** syntax_int.h -- the syntax stage's models as one bundle: the tagger and,
** when its model is there, the dependency parser. syntax_models.c is the
** one place that calls the parser (parser.h), so the stage, the CoNLL-U
** tools and the trainer reach it the same way.
*/
#ifndef NG_SYNTAX_INT_H
#define NG_SYNTAX_INT_H

#include "stage/syntax/conllu.h"
#include "stage/syntax/syntax.h"
#include "stage/syntax/tagger.h"

typedef struct ng_syn_models ng_syn_models;

/* Longest piece of a sentence tagged and parsed as one (words); a longer
** sentence is cut into pieces of this size, whose roots hang on the first
** piece's root as "parataxis". */
#define NG_SYN_MAX_SENT 400

/* Loads the tagger (NULL: DATA/syntax/tagger.model) and the parser (NULL:
** DATA/syntax/parser.model when that file exists; "": none), DATA being
** data_dir (NULL: ng_data_dir()). A parser path given explicitly must
** load. Messages "PATH: what" in err. */
NG_WARN_UNUSED ng_status ng_syn_models_load(const char *data_dir, const char *tagger_path,
					    const char *parser_path, ng_syn_models **out,
					    char *err, size_t errlen);
void ng_syn_models_free(ng_syn_models *m);

const ng_tagger *ng_syn_models_tagger(const ng_syn_models *m);
/* True when a parser is loaded. */
bool ng_syn_models_parser(const ng_syn_models *m);
/* Name of a relation id of the parser ("nsubj"), or NULL without one. */
const char *ng_syn_models_deprel(const ng_syn_models *m, unsigned id);
/* Sets head and deprel of n tagged words; without a parser, every head is
** 0 and deprel 0. Thread-safe. */
NG_WARN_UNUSED ng_status ng_syn_models_parse(const ng_syn_models *m, ng_arena *scratch,
					     ng_syn_word *w, size_t n);

/* Trains the parser and writes o->parser_path (NG_EUSAGE with a message
** when this build has no parser). */
NG_WARN_UNUSED ng_status ng_syn_parser_train(const ng_ud_corpus *train, const ng_ud_corpus *dev,
					     const ng_syntax_train_opts *o, char *err,
					     size_t errlen);

#endif
