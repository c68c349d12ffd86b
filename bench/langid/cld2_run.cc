// cld2_run.cc -- CLD2 over NUL-separated texts: prints "code<TAB>percent<TAB>reliable" per text
// and the CPU time of detection alone on stderr (bench/langid/run.sh).
#include <cstdio>
#include <cld2/public/compact_lang_det.h>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>
#include <ctime>
int main(int argc, char **argv) {
  FILE *f = fopen(argv[1], "rb"); std::string all; char b[65536]; size_t n;
  while ((n = fread(b, 1, sizeof b, f)) > 0) all.append(b, n);
  std::vector<std::string> texts; size_t s = 0;
  for (size_t i = 0; i < all.size(); i++) if (!all[i]) { texts.push_back(all.substr(s, i - s)); s = i + 1; }
  std::vector<std::string> out(texts.size()); std::vector<int> pct(texts.size()); std::vector<bool> rel(texts.size());
  timespec t0, t1; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
  size_t bytes = 0;
  for (size_t i = 0; i < texts.size(); i++) {
    CLD2::Language l3[3]; int p3[3]; int tb; bool r;
    CLD2::Language l = CLD2::DetectLanguageSummary(texts[i].data(), (int)texts[i].size(), true, l3, p3, &tb, &r);
    out[i] = CLD2::LanguageCode(l); pct[i] = p3[0]; rel[i] = r; bytes += texts[i].size();
  }
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
  double dt = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
  for (size_t i = 0; i < texts.size(); i++) printf("%s\t%d\t%d\n", out[i].c_str(), pct[i], (int)rel[i]);
  fprintf(stderr, "cld2: %zu texts, %.1f MB, %.3f s CPU, %.1f MB/s\n", texts.size(), bytes / 1e6, dt, bytes / 1e6 / dt);
}
