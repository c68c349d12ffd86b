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
int cmd_train_syntax(int argc, char **argv);
int cmd_parse_conllu(int argc, char **argv);

/* Parses a size like 16M, 512k, 1G or a plain byte count; false on error. */
bool cli_parse_size(const char *s, size_t *out);

/* paths.c: outputs that would destroy inputs. */
/* `path` resolved like realpath(3), except that its last component need not
** exist (its directory must). malloc'd; NULL when it cannot be resolved. */
char *cli_resolve_path(const char *path);
/* true when writing `out` would destroy input `in`: the same file (by path
** once resolved, or by device and inode), or `out` inside directory `in`.
** "-" (standard input or output) never clobbers. */
bool cli_output_clobbers(const char *out, const char *in);
/* Checks `out` against every input; on a clash prints "CMD: output ... is the
** input ..." on standard error and returns -1, else 0. */
int cli_check_output(const char *cmd, const char *out, char **inputs, int n_inputs);
/* true when `path` is the SQLite database `db` or a file SQLite keeps beside
** it (-wal, -shm, -journal): by device and inode when both exist, else by
** resolved path. */
bool cli_is_db_file(const char *path, const char *db);

#endif
