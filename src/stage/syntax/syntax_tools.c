/*
** syntax_tools.c -- the syntax stage's command-line tools behind the public
** API: training the models (newsgraph train-syntax) and tagging and parsing
** a CoNLL-U file with its own tokenization (newsgraph parse-conllu).
*/
#include <stdio.h>
#include <time.h>

#include "stage/syntax/conllu.h"
#include "stage/syntax/syntax_int.h"
#include "stage/syntax/tagger.h"

static ng_status msg(char *err, size_t errlen, ng_status st, const char *fmt, const char *a)
{
	if (err && errlen)
		snprintf(err, errlen, fmt, a);
	return st;
}

ng_status ng_syntax_train(const ng_syntax_train_opts *o, char *err, size_t errlen)
{
	if (!o || !o->train_path || (!o->tagger_path && !o->parser_path))
		return msg(err, errlen, NG_EUSAGE, "%s", "a training file and a model to write");
	ng_ud_corpus *train = NULL, *dev = NULL;
	ng_status st = ng_conllu_read(o->train_path, &train, err, errlen);
	if (st == NG_OK && o->dev_path)
		st = ng_conllu_read(o->dev_path, &dev, err, errlen);
	if (st == NG_OK && o->log)
		fprintf(o->log, "train-syntax: %s: %zu sentences, %zu words%s%s\n", o->train_path,
			train->n, train->n_words, dev ? "; dev " : "", dev ? o->dev_path : "");
	if (st == NG_OK && o->tagger_path) {
		ng_tagger_train_opts to = {.epochs = o->tagger_epochs, .seed = o->seed};
		st = ng_tagger_train(train, dev, &to, o->tagger_path, o->log, err, errlen);
	}
	if (st == NG_OK && o->parser_path)
		st = ng_syn_parser_train(train, dev, o, err, errlen);
	ng_conllu_free(train);
	ng_conllu_free(dev);
	return st;
}

static double cpu_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Writes a sentence with the predicted tags and tree (gold FEATS and DEPS
** dropped, since nothing here predicts them). */
static ng_status write_pred(FILE *out, const ng_ud_sent *s, const ng_syn_word *w,
			    const ng_syn_models *m, unsigned flags, ng_arena *a)
{
	ng_ud_word *u = ng_arena_alloc(a, (s->n + 1) * sizeof *u);
	if (!u)
		return NG_ENOMEM;
	for (size_t i = 0; i < s->n; i++) {
		u[i] = s->words[i];
		if (!(flags & NG_PARSE_GOLD_TAGS)) {
			u[i].upos = ng_upos_name(w[i].upos);
			u[i].xpos = ng_xpos_name(w[i].xpos);
			u[i].lemma = w[i].lemma;
		}
		u[i].feats = NULL;
		u[i].deps = NULL;
		u[i].head = -1;
		u[i].deprel = NULL;
		if (ng_syn_models_parser(m) && !(flags & NG_PARSE_NO_PARSER)) {
			u[i].head = w[i].head;
			u[i].deprel = ng_syn_models_deprel(m, w[i].deprel);
		}
	}
	ng_ud_sent copy = *s;
	copy.words = u;
	return ng_conllu_write_sent(out, &copy);
}

ng_status ng_syntax_parse_conllu(const char *tagger_path, const char *parser_path,
				 const char *conllu_path, unsigned flags, FILE *out,
				 double *seconds, size_t *n_words, char *err, size_t errlen)
{
	ng_syn_models *m = NULL;
	ng_ud_corpus *c = NULL;
	ng_status st = ng_syn_models_load(NULL, tagger_path, (flags & NG_PARSE_NO_PARSER) ? "" : parser_path,
					  &m, err, errlen);
	if (st == NG_OK)
		st = ng_conllu_read(conllu_path, &c, err, errlen);
	ng_arena *a = ng_arena_create(1 << 16, (size_t)1 << 30);
	if (st == NG_OK && !a)
		st = NG_ENOMEM;
	double secs = 0;
	size_t nw = 0;
	for (size_t si = 0; st == NG_OK && si < c->n; si++) {
		const ng_ud_sent *s = &c->sents[si];
		ng_syn_word *w = ng_syn_from_ud(s, a);
		if (!w) {
			st = NG_ENOMEM;
			break;
		}
		double t0 = cpu_now();
		if (!(flags & NG_PARSE_GOLD_TAGS))
			st = ng_tagger_tag(ng_syn_models_tagger(m), a, w, s->n);
		if (st == NG_OK && !(flags & NG_PARSE_NO_PARSER))
			st = ng_syn_models_parse(m, a, w, s->n);
		secs += cpu_now() - t0;
		nw += s->n;
		if (st == NG_OK && out)
			st = write_pred(out, s, w, m, flags, a);
		if (st != NG_OK)
			msg(err, errlen, st, "%s: tagging or parsing failed", conllu_path);
		ng_arena_reset(a);
	}
	if (seconds)
		*seconds = secs;
	if (n_words)
		*n_words = nw;
	ng_arena_destroy(a);
	ng_conllu_free(c);
	ng_syn_models_free(m);
	return st;
}
