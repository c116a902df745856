// NZB intake: parse NZB 1.1 documents (plain, .gz, .bz2 or inside a .zip) into
// plain values, name and order the files inside a job as SABnzbd does.
// Everything here is a pure function of its input: an error means nothing was
// produced, so a caller never half-adds a job.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/result.h"

namespace nzbd::nzb {

// Limits applied to what comes from outside.
inline constexpr uint32_t kMaxSegmentBytes = 64u << 20;          // exclusive
inline constexpr uint32_t kMaxSegmentNumber = 10'000'000;        // inclusive
inline constexpr size_t kMaxMessageIdLength = 511;               // inclusive
inline constexpr size_t kMaxDecompressedBytes = size_t{256} << 20;
inline constexpr size_t kMaxJobNameBytes = 200;
inline constexpr size_t kMaxFilenameBytes = 255;

struct Segment {
  uint32_t number = 0;      // 1-based article number within the file
  uint32_t bytes = 0;       // size the NZB claims for the article
  std::string message_id;   // without the surrounding <>
};

struct File {
  std::string subject;      // as posted (UTF-8 cleaned)
  std::string poster;
  std::string filename;     // sanitized; safe as a single path component
  int64_t date = 0;         // unix time, 0 when absent or invalid
  std::vector<std::string> groups;
  std::vector<Segment> segments;  // unique numbers, ascending
  bool is_par2 = false;             // name ends in .par2
  bool is_recovery_volume = false;  // .volNN+MM.par2: held back until needed
  bool provisional_name = false;    // subject had no file name (obfuscated)

  uint64_t bytes() const;
};

struct Nzb {
  // <head><meta type="...">: type lower-cased, every value kept in order.
  std::map<std::string, std::vector<std::string>> meta;
  std::vector<File> files;  // in SABnzbd's download order (see order_files)
  uint64_t total_bytes = 0;

  std::string meta_value(std::string_view type) const;  // first value or ""
  std::string password() const { return meta_value("password"); }
  std::string category() const { return meta_value("category"); }
  std::string name() const { return meta_value("name"); }
};

// Parses an NZB document. Fails on malformed XML (pugixml's description and
// byte offset), a missing <nzb> root, or when no file has a valid segment
// ("Empty NZB"). Invalid segments and files without segments are dropped.
// No DTD is loaded and only XML's predefined entities and numeric character
// references are expanded.
nzbd::Result<Nzb> parse_nzb(std::string_view xml);

// Renders an Nzb back to NZB 1.1 XML (parse_nzb of it gives the same files).
std::string write_nzb(const Nzb& nzb);

struct NamedNzb {
  std::string source;    // file name the NZB came from (zip entry or upload)
  std::string job_name;  // cleaned from `source`, without {{password}}
  std::string password;  // from "name{{password}}.nzb", else ""
  Nzb nzb;
};

struct LoadOptions {
  size_t max_decompressed_bytes = kMaxDecompressedBytes;
};

// Detects gzip / bzip2 / zip by magic bytes (plain XML otherwise), unpacks and
// parses. A zip yields one NamedNzb per .nzb entry. `filename` is the name the
// data came with; it is used for error messages and the job name.
nzbd::Result<std::vector<NamedNzb>> load_nzb_data(std::string_view bytes,
                                                  std::string_view filename,
                                                  const LoadOptions& options = {});

// Sorts files as SABnzbd does: par2 index files first, then RAR volumes
// (.rar before .r00), then the rest, each in natural name order, and the
// recovery volumes last. Also recomputes is_par2 / is_recovery_volume from
// the current file names. Stable: equal names keep their NZB order.
void order_files(std::vector<File>& files);

// "x.vol07+08.par2" -> {7, 8}; nullopt for anything else.
std::optional<std::pair<int, int>> parse_par2_volume(std::string_view filename);
bool is_par2_name(std::string_view filename);

// Natural order: case-insensitive, digit runs compared by value.
// Returns <0, 0 or >0.
int natural_compare(std::string_view a, std::string_view b);

// File name from an article subject, as SABnzbd finds it: the first quoted
// name, else something that looks like a file name (e.g. "name.ext yEnc
// (1/5)"), else the subject itself (provisional = true). Then sanitized.
struct SubjectName {
  std::string filename;
  bool provisional = false;
};
SubjectName parse_subject(std::string_view subject);
std::string filename_from_subject(std::string_view subject);

// A folder name for a job: drops / \ : * ? " < > | and control characters,
// a trailing .nzb/.nzb.gz/.nzb.bz2, spaces and dots at the ends; at most
// kMaxJobNameBytes (cut at a UTF-8 boundary); "unnamed" if nothing is left.
std::string clean_job_name(std::string_view name);

// "name{{password}}" -> {"name", "password"}; {name, ""} without a password.
std::pair<std::string, std::string> split_password(std::string_view name);

// A single, safe path component for a file inside a job: illegal characters
// and path separators become '_', invalid UTF-8 is replaced, "." / ".." /
// empty become "unnamed", at most kMaxFilenameBytes (extension kept).
std::string sanitize_filename(std::string_view name);

// Replaces invalid UTF-8 sequences with U+FFFD and drops control characters
// (so the text is safe for JSON and logs).
std::string clean_text(std::string_view text);

}  // namespace nzbd::nzb
