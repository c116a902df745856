// Release-name parser throughput: every title and path of Sonarr's shared parser cases
// (../shared/testdata/sonarr-parser/cases.json) through parse_release / parse_path, the
// functions /api/v3/parse uses, on one thread, for at least --seconds (default 3).
//
//   bench_parser [--cases FILE] [--seconds N]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pvr/release_parser.h"

namespace {

std::string find_cases(const char* given) {
  std::vector<std::string> tries;
  if (given) tries.emplace_back(given);
  if (const char* env = std::getenv("NZBD_SONARR_CASES"); env && *env) tries.emplace_back(env);
  tries.push_back(std::string(NZBD_SOURCE_DIR) + "/../shared/testdata/sonarr-parser/cases.json");
  tries.emplace_back("/work/shared/testdata/sonarr-parser/cases.json");
  std::error_code ec;
  for (const auto& t : tries)
    if (std::filesystem::is_regular_file(t, ec)) return t;
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  const char* given = nullptr;
  double seconds = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--cases") given = argv[i + 1];
    else if (a == "--seconds") seconds = std::atof(argv[i + 1]);
  }
  std::string path = find_cases(given);
  if (path.empty()) {
    std::fprintf(stderr, "cases.json not found: pass --cases FILE or set NZBD_SONARR_CASES\n");
    return 2;
  }
  std::ifstream in(path);
  nlohmann::json root = nlohmann::json::parse(in);
  std::vector<std::string> titles, paths;
  for (const auto& [kind, records] : root["kinds"].items())
    for (const auto& r : records) {
      if (r.contains("title") && r["title"].is_string()) titles.push_back(r["title"]);
      if (r.contains("path_posix")) paths.push_back(r["path_posix"]);
    }
  using clock = std::chrono::steady_clock;
  size_t parsed = 0, names = 0;
  auto start = clock::now();
  double elapsed = 0;
  do {
    for (const auto& t : titles) parsed += nzbd::pvr::parse_release(t).has_value();
    for (const auto& p : paths) parsed += nzbd::pvr::parse_path(p).has_value();
    names += titles.size() + paths.size();
    elapsed = std::chrono::duration<double>(clock::now() - start).count();
  } while (elapsed < seconds);
  std::printf("file          %s\n", path.c_str());
  std::printf("names         %zu titles + %zu paths per round, %zu rounds\n", titles.size(), paths.size(),
              names / (titles.size() + paths.size()));
  std::printf("parsed        %.1f%% of names give a result\n", 100.0 * parsed / names);
  std::printf("throughput    %.0f titles/s (%.2f us/title, one thread)\n", names / elapsed, 1e6 * elapsed / names);
  return 0;
}
