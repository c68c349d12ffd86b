/*
** textcat_run.c -- libexttextcat over NUL-separated texts: prints its answer per text and
** the CPU time of classification alone on stderr (bench/langid/run.sh).
*/
#include <libexttextcat/textcat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
int main(int argc, char **argv) {
  FILE *f = fopen(argv[1], "rb"); size_t cap = 1 << 26, n = 0; char *all = malloc(cap);
  n = fread(all, 1, cap, f);
  void *h = special_textcat_Init("/usr/share/libexttextcat/fpdb.conf", "/usr/share/libexttextcat/");
  if (!h) { fprintf(stderr, "init failed\n"); return 1; }
  char **res = calloc(100000, sizeof *res); size_t k = 0, s = 0, bytes = 0;
  struct timespec t0, t1; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
  for (size_t i = 0; i < n; i++) if (!all[i]) {
    res[k++] = strdup(textcat_Classify(h, all + s, i - s)); bytes += i - s; s = i + 1; }
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
  double dt = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
  for (size_t i = 0; i < k; i++) printf("%s\n", res[i]);
  fprintf(stderr, "exttextcat: %zu texts, %.1f MB, %.3f s CPU, %.2f MB/s\n", k, bytes / 1e6, dt, bytes / 1e6 / dt);
  return 0;
}
