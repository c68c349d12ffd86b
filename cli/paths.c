/*
** paths.c -- output paths that would destroy an input.
**
** `annotate in.jsonl -o in.jsonl` would truncate its input before reading it,
** and `annotate dir -o dir/out.jsonl` would read its own output as it grows.
** Before opening an output for writing, the commands ask cli_output_clobbers()
** whether the output is an input file (the same path once resolved, or the
** same file by device and inode: a hard link) or lies inside an input
** directory. Paths are resolved with realpath(); an output that does not
** exist yet is resolved through its directory.
*/
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

char *cli_resolve_path(const char *path)
{
	char *r = realpath(path, NULL);
	if (r || errno != ENOENT)
		return r;
	/* not there yet: resolve the directory, keep the last name */
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	if (!*name || !strcmp(name, ".") || !strcmp(name, ".."))
		return NULL;
	char *dir;
	if (!slash)
		dir = realpath(".", NULL);
	else if (slash == path)
		dir = realpath("/", NULL);
	else {
		size_t dl = (size_t)(slash - path);
		char *d = malloc(dl + 1);
		if (!d)
			return NULL;
		memcpy(d, path, dl);
		d[dl] = '\0';
		dir = realpath(d, NULL);
		free(d);
	}
	if (!dir)
		return NULL;
	size_t l = strlen(dir) + strlen(name) + 2;
	char *out = malloc(l);
	if (out)
		snprintf(out, l, "%s%s%s", dir, strcmp(dir, "/") ? "/" : "", name);
	free(dir);
	return out;
}

/* true when `p` equals `dir` or lies under it (both resolved). */
static bool under(const char *p, const char *dir)
{
	size_t l = strlen(dir);
	if (strncmp(p, dir, l))
		return false;
	return p[l] == '\0' || p[l] == '/' || (l > 0 && dir[l - 1] == '/');
}

bool cli_output_clobbers(const char *out, const char *in)
{
	if (!out || !in || !strcmp(out, "-") || !strcmp(in, "-"))
		return false;
	struct stat so, si;
	if (stat(in, &si) != 0)
		return false; /* the reader will say it is missing */
	bool out_exists = stat(out, &so) == 0;
	/* character devices (/dev/null, a terminal) are never inputs we destroy */
	if (out_exists && !S_ISREG(so.st_mode))
		return false;
	if (out_exists && S_ISREG(si.st_mode))
		return so.st_dev == si.st_dev && so.st_ino == si.st_ino;
	if (!S_ISDIR(si.st_mode))
		return false;
	char *ro = cli_resolve_path(out), *ri = realpath(in, NULL);
	bool hit = ro && ri && under(ro, ri);
	free(ro);
	free(ri);
	return hit;
}

int cli_check_output(const char *cmd, const char *out, char **inputs, int n_inputs)
{
	for (int i = 0; i < n_inputs; i++) {
		if (!cli_output_clobbers(out, inputs[i]))
			continue;
		struct stat si;
		bool dir = stat(inputs[i], &si) == 0 && S_ISDIR(si.st_mode);
		fprintf(stderr, "%s: output %s %s input %s: it would %s; write elsewhere\n", cmd, out,
			dir ? "is inside the" : "is the", inputs[i],
			dir ? "be read as input as it grows" : "be truncated before it is read");
		return -1;
	}
	return 0;
}

bool cli_is_db_file(const char *path, const char *db)
{
	static const char *const sides[] = {"", "-wal", "-shm", "-journal"};
	if (!path || !db || !strcmp(path, "-"))
		return false;
	char *rp = cli_resolve_path(path);
	struct stat sp;
	bool p_exists = stat(path, &sp) == 0;
	bool hit = false;
	for (size_t i = 0; i < sizeof sides / sizeof sides[0] && !hit; i++) {
		size_t l = strlen(db) + strlen(sides[i]) + 1;
		char *f = malloc(l);
		if (!f)
			break;
		snprintf(f, l, "%s%s", db, sides[i]);
		struct stat sf;
		if (p_exists && stat(f, &sf) == 0) {
			hit = sp.st_dev == sf.st_dev && sp.st_ino == sf.st_ino;
		} else {
			char *rf = cli_resolve_path(f);
			hit = rp && rf && !strcmp(rp, rf);
			free(rf);
		}
		free(f);
	}
	free(rp);
	return hit;
}
