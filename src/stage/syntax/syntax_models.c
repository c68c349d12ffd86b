/*
** syntax_models.c -- the tagger and parser loaded together (syntax_int.h).
**
** The parser (parser.h, parser.c) is built in when its header is in the
** tree; this file is the only one that calls it.
*/
#include <stdio.h>
#include <sys/stat.h>

#include "stage/syntax/syntax_int.h"

#if defined(__has_include)
#if __has_include("stage/syntax/parser.h")
#define NG_HAVE_PARSER 1
#include "stage/syntax/parser.h"
#endif
#endif
#ifndef NG_HAVE_PARSER
#define NG_HAVE_PARSER 0
#endif

struct ng_syn_models {
	ng_tagger *tagger;
#if NG_HAVE_PARSER
	ng_parser *parser;
#endif
	bool has_parser;
};

static bool file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

ng_status ng_syn_models_load(const char *data_dir, const char *tagger_path,
			     const char *parser_path, ng_syn_models **out, char *err, size_t errlen)
{
	*out = NULL;
	if (!data_dir)
		data_dir = ng_data_dir();
	char tp[4096], pp[4096];
	if (!tagger_path) {
		snprintf(tp, sizeof tp, "%s/syntax/tagger.model", data_dir);
		tagger_path = tp;
	}
	bool want_parser = true, must = parser_path && *parser_path;
	if (!parser_path) {
		snprintf(pp, sizeof pp, "%s/syntax/parser.model", data_dir);
		parser_path = pp;
		want_parser = file_exists(pp);
	} else if (!*parser_path) {
		want_parser = false;
	}
	ng_syn_models *m = ng_calloc(1, sizeof *m);
	if (!m)
		return NG_ENOMEM;
	ng_status st = ng_tagger_load(tagger_path, &m->tagger, err, errlen);
	if (st == NG_OK && want_parser) {
#if NG_HAVE_PARSER
		st = ng_parser_load(parser_path, &m->parser, err, errlen);
		m->has_parser = st == NG_OK;
#else
		if (must) {
			if (err && errlen)
				snprintf(err, errlen, "%s: this build has no parser", parser_path);
			st = NG_EUSAGE;
		}
#endif
	}
	(void)must;
	if (st != NG_OK) {
		ng_syn_models_free(m);
		return st;
	}
	*out = m;
	return NG_OK;
}

void ng_syn_models_free(ng_syn_models *m)
{
	if (!m)
		return;
	ng_tagger_free(m->tagger);
#if NG_HAVE_PARSER
	ng_parser_free(m->parser);
#endif
	ng_free(m);
}

const ng_tagger *ng_syn_models_tagger(const ng_syn_models *m)
{
	return m->tagger;
}

bool ng_syn_models_parser(const ng_syn_models *m)
{
	return m && m->has_parser;
}

const char *ng_syn_models_deprel(const ng_syn_models *m, unsigned id)
{
#if NG_HAVE_PARSER
	if (m && m->has_parser)
		return ng_parser_deprel(m->parser, id);
#endif
	(void)m;
	(void)id;
	return NULL;
}

ng_status ng_syn_models_parse(const ng_syn_models *m, ng_arena *scratch, ng_syn_word *w, size_t n)
{
#if NG_HAVE_PARSER
	if (m->has_parser)
		return ng_parser_parse(m->parser, scratch, w, n);
#endif
	(void)m;
	(void)scratch;
	for (size_t i = 0; i < n; i++) {
		w[i].head = 0;
		w[i].deprel = 0;
	}
	return NG_OK;
}

ng_status ng_syn_parser_train(const ng_ud_corpus *train, const ng_ud_corpus *dev,
			      const ng_syntax_train_opts *o, char *err, size_t errlen)
{
#if NG_HAVE_PARSER
	ng_parser_train_opts po;
	ng_parser_train_defaults(&po);
	if (o->parser_epochs)
		po.epochs = o->parser_epochs;
	if (o->seed)
		po.seed = o->seed;
	return ng_parser_train(train, dev, &po, o->parser_path, o->log, err, errlen);
#else
	(void)train;
	(void)dev;
	if (err && errlen)
		snprintf(err, errlen, "%s: this build has no parser to train", o->parser_path);
	return NG_EUSAGE;
#endif
}
