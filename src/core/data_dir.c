/*
** data_dir.c -- where the models, gazetteers and word lists are read from:
** one rule for every stage and tool.
**
** The data directory is, in this order:
**   1. ng_config.data_dir (the command line's --data DIR), when given;
**   2. $NEWSGRAPH_DATA, when set and not empty;
**   3. share/newsgraph beside the installed program or library: the
**      directory of the running executable (/proc/self/exe), or of the
**      shared library holding this code, joined with the install layout's
**      relative path from bin/ (or lib/) to share/newsgraph — so an installed
**      tree may be moved or copied whole and still finds its data;
**   4. the source tree's data/, for a build run in place (its path is
**      compiled in);
**   5. the install prefix's share/newsgraph as configured at build time.
** The first of 3-5 that is a directory is taken; steps 3-5 are resolved once
** per process. ng_engine_create() resolves 1-5 once for the engine and hands
** the result to every stage in ng_config.data_dir.
*/
#define _GNU_SOURCE /* dladdr() */
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/core.h"

#ifndef NG_SOURCE_DATA_DIR
#define NG_SOURCE_DATA_DIR "data"
#endif
#ifndef NG_INSTALL_DATA_DIR
#define NG_INSTALL_DATA_DIR "/usr/local/share/newsgraph"
#endif
#ifndef NG_BIN_TO_DATA
#define NG_BIN_TO_DATA "../share/newsgraph"
#endif
#ifndef NG_LIB_TO_DATA
#define NG_LIB_TO_DATA "../share/newsgraph"
#endif

bool ng_is_dir(const char *path)
{
	struct stat st;
	return path && *path && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static char found[PATH_MAX];
static pthread_once_t found_once = PTHREAD_ONCE_INIT;

/* Writes dirname(file) + "/" + rel into found[] and keeps it when it is a
** directory; true then. */
static bool try_beside(const char *file, const char *rel)
{
	const char *slash = file ? strrchr(file, '/') : NULL;
	if (!slash || file[0] != '/')
		return false;
	int n = snprintf(found, sizeof found, "%.*s/%s", (int)(slash - file), file, rel);
	if (n > 0 && (size_t)n < sizeof found && ng_is_dir(found))
		return true;
	found[0] = '\0';
	return false;
}

static void find_data_dir(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if (try_beside(exe, NG_BIN_TO_DATA))
			return;
	}
	Dl_info info;
	if (dladdr(&found_once, &info) && info.dli_fname &&
	    (n <= 0 || strcmp(info.dli_fname, exe)) && try_beside(info.dli_fname, NG_LIB_TO_DATA))
		return;
	const char *fixed[] = {NG_SOURCE_DATA_DIR, NG_INSTALL_DATA_DIR};
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		if (ng_is_dir(fixed[i])) {
			snprintf(found, sizeof found, "%s", fixed[i]);
			return;
		}
	/* none: the source tree's, for the message that names what is missing */
	snprintf(found, sizeof found, "%s", NG_SOURCE_DATA_DIR);
}

const char *ng_data_dir(void)
{
	const char *env = getenv("NEWSGRAPH_DATA");
	if (env && *env)
		return env;
	pthread_once(&found_once, find_data_dir);
	return found;
}
