/*
** cli.h -- the newsgraph command-line front-end: one function per
** subcommand. Front-ends use only the public API (newsgraph.h).
*/
#ifndef NG_CLI_H
#define NG_CLI_H

#include <stdbool.h>
#include <stddef.h>

/* Exit codes. */
enum { EXIT_OK = 0, EXIT_SOME_FAILED = 1, EXIT_USAGE = 2 };

int cmd_annotate(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_train_ner(int argc, char **argv);
int cmd_tag_conll(int argc, char **argv);

/* Parses a size like 16M, 512k, 1G or a plain byte count; false on error. */
bool cli_parse_size(const char *s, size_t *out);

#endif
