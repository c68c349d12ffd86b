/*
** fuzz_cli.c -- libFuzzer target for the command line's argument parsing:
** the input is an argument list (NUL- or newline-separated, at most 24
** arguments of 80 bytes), run as `newsgraph ARGS...` by the real main()
** (cli/main.c, compiled in here as ng_cli_main). The word DB stands for a
** small store made on the first run. Only commands that write nothing are
** run: query, export without -o, --help/--version, and annotate and build
** with --help first; others are skipped.
** The exit status must be 0, 1 or 2; ASan/UBSan catch the rest.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "newsgraph/store.h"

int ng_cli_main(int argc, char **argv);
#define main ng_cli_main
#include "../../cli/main.c"
#undef main

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ARGS 24
#define MAX_ARG 80

static char db_path[64];

static void remove_store(void)
{
	unlink(db_path);
}

/* The store DB stands for: two articles, made once per process. */
static void make_store(void)
{
	snprintf(db_path, sizeof db_path, "/tmp/ng-fuzz-cli-%d.db", (int)getpid());
	unlink(db_path);
	char err[256];
	ng_store *s = ng_store_open(db_path, NG_STORE_CREATE, err, sizeof err);
	if (!s)
		abort();
	static const char *const texts[2] = {
		"The harbor of Portmere reopened, said Mayor Ann Vessa on Monday.",
		"Ships came back to the river; the council met."};
	for (int i = 0; i < 2; i++) {
		ng_doc *d = ng_doc_create(0);
		if (!d)
			abort();
		d->id = i ? "b" : "a";
		d->date = "2024-01-02";
		d->text = (char *)texts[i];
		d->text_len = strlen(texts[i]);
		d->assigned = NG_F_RAW | NG_F_TEXT | NG_F_META;
		ng_store_result r;
		if (ng_store_add(s, d, &r) != NG_OK)
			abort();
		d->text = NULL;
		ng_doc_destroy(d);
	}
	if (ng_store_close(s) != NG_OK)
		abort();
	atexit(remove_store);
	/* nothing the commands print matters here (their messages on standard
	** error: run the fuzzer with -close_fd_mask=2 to keep them out) */
	if (!freopen("/dev/null", "w", stdout))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!db_path[0])
		make_store();
	char store[MAX_ARGS][MAX_ARG + 1];
	char *argv[MAX_ARGS + 2];
	int argc = 0;
	argv[argc++] = "newsgraph";
	size_t i = 0;
	while (i <= size && argc <= MAX_ARGS) {
		size_t j = i;
		while (j < size && data[j] != 0 && data[j] != '\n')
			j++;
		size_t n = j - i < MAX_ARG ? j - i : MAX_ARG;
		char *a = store[argc - 1];
		memcpy(a, data + i, n);
		a[n] = 0;
		argv[argc++] = strcmp(a, "DB") ? a : db_path;
		i = j + 1;
	}
	argv[argc] = NULL;
	if (argc < 2)
		return 0;
	/* commands that write nothing, or only their help */
	const char *cmd = argv[1];
	for (int k = 2; k < argc; k++)
		if (!strcmp(argv[k], "--output") || !strncmp(argv[k], "-o", 2))
			return 0;
	bool ok = !strcmp(cmd, "query") || !strcmp(cmd, "export") || !strcmp(cmd, "--help") ||
		  !strcmp(cmd, "-h") || !strcmp(cmd, "help") || !strcmp(cmd, "--version") ||
		  ((!strcmp(cmd, "annotate") || !strcmp(cmd, "build")) && argc > 2 &&
		   (!strcmp(argv[2], "-h") || !strcmp(argv[2], "--help")));
	if (!ok)
		return 0;
	/* query and export read the store DB only: other paths could be any file */
	if (strcmp(cmd, "query") == 0 || strcmp(cmd, "export") == 0)
		for (int k = 2; k < argc; k++)
			if (argv[k][0] == '/' && argv[k] != db_path)
				return 0;
	int rc = ng_cli_main(argc, argv);
	if (rc < 0 || rc > 2)
		abort();
	fflush(stdout);
	return 0;
}
