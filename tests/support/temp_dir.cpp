#include "support/temp_dir.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "util/random.h"

namespace nzbd::test {

TempDir::TempDir() {
  path_ = std::filesystem::temp_directory_path() / ("nzbd-test-" + random_id(10));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void write_text(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + p.string());
}

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace nzbd::test
