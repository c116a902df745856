// Temporary folders with random files and PAR2 sets made by Debian's par2.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace par2test {

namespace fs = std::filesystem;

inline std::vector<uint8_t> random_bytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> v(n);
  for (auto& b : v) b = static_cast<uint8_t>(rng());
  return v;
}

inline void write_file(const fs::path& p, const std::vector<uint8_t>& data) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
}

inline std::vector<uint8_t> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "nzbd-par2-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Runs par2 in `dir`; returns its exit code.
inline int run_par2(const fs::path& dir, const std::string& args) {
  std::string cmd = "cd '" + dir.string() + "' && par2 " + args + " >/dev/null 2>&1";
  return std::system(cmd.c_str());
}

// A folder with `files` (name -> size) of random data and a PAR2 set "set.par2"
// with the given slice size and recovery percentage.
struct SetDir {
  TempDir tmp;
  std::vector<std::pair<std::string, std::vector<uint8_t>>> files;
  SetDir(const std::vector<std::pair<std::string, size_t>>& spec, int slice, int percent,
         const std::string& extra_args = "") {
    std::string names;
    uint32_t seed = 1;
    for (const auto& [name, size] : spec) {
      files.emplace_back(name, random_bytes(size, seed++));
      write_file(tmp.path() / name, files.back().second);
      names += " '" + name + "'";
    }
    int rc = run_par2(tmp.path(), "create -q -q -s" + std::to_string(slice) + " -r" +
                                      std::to_string(percent) + " " + extra_args + " set.par2" + names);
    EXPECT_EQ(rc, 0) << "par2 create failed";
  }
  const fs::path& dir() const { return tmp.path(); }
  std::vector<fs::path> par2_files() const {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir()))
      if (e.path().extension() == ".par2") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
  }
  fs::path data_file(size_t i) const { return dir() / files[i].first; }
};

}  // namespace par2test
