// Names that come from outside (subjects, NZB file names, zip entries) made
// safe for folders, file names, JSON and logs.
#include <algorithm>
#include <cstring>

#include "nzb/nzb.h"
#include "nzb/text.h"

namespace nzbd::nzb {
namespace {

constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence starting at s[i], 0 if it is invalid
// (bad lead byte, truncated, overlong, surrogate or beyond U+10FFFF).
size_t utf8_sequence_length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t len = 0;
  uint32_t cp = 0;
  if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
  else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
  else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
  else return 0;
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) return 0;
  if (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) return 0;
  return len;
}

// True for U+0080..U+009F encoded as C2 80..C2 9F.
bool is_c1_control(std::string_view seq) {
  return seq.size() == 2 && static_cast<unsigned char>(seq[0]) == 0xC2 &&
         static_cast<unsigned char>(seq[1]) <= 0x9F;
}

bool is_illegal_in_names(char c) { return std::strchr("/\\:*?\"<>|", c) != nullptr; }

// Cuts `s` to at most `max` bytes without splitting a UTF-8 sequence.
void truncate_utf8(std::string& s, size_t max) {
  if (s.size() <= max) return;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
}

void trim_chars(std::string& s, std::string_view chars) {
  const size_t first = s.find_first_not_of(chars);
  if (first == std::string::npos) {
    s.clear();
    return;
  }
  s.erase(s.find_last_not_of(chars) + 1);
  s.erase(0, first);
}

// Strips one trailing ".nzb", ".nzb.gz" or ".nzb.bz2" (any case).
std::string_view strip_nzb_extension(std::string_view name) {
  for (std::string_view ext : {".nzb", ".nzb.gz", ".nzb.bz2"}) {
    if (ends_with_icase(name, ext) && name.size() > ext.size()) {
      return name.substr(0, name.size() - ext.size());
    }
  }
  return name;
}

}  // namespace

std::string clean_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t len = utf8_sequence_length(text, i);
    if (len == 0) {
      out += kReplacementChar;
      ++i;
      continue;
    }
    const std::string_view seq = text.substr(i, len);
    i += len;
    const char c = seq[0];
    if (c == '\t' || c == '\r' || c == '\n') {
      out += ' ';
    } else if ((len == 1 && (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)) ||
               is_c1_control(seq)) {
      continue;
    } else {
      out += seq;
    }
  }
  return out;
}

std::string sanitize_filename(std::string_view name) {
  std::string out = clean_text(name);
  for (char& c : out) {
    if (is_illegal_in_names(c)) c = '_';
  }
  trim_chars(out, " ");
  if (out.size() > kMaxFilenameBytes) {
    // Keep a short extension so the file type survives the cut.
    const size_t dot = out.rfind('.');
    std::string ext = (dot != std::string::npos && out.size() - dot <= 16) ? out.substr(dot) : "";
    truncate_utf8(out, kMaxFilenameBytes - ext.size());
    out += ext;
  }
  if (out.empty() || out == "." || out == "..") return "unnamed";
  return out;
}

std::string clean_job_name(std::string_view name) {
  std::string cleaned = clean_text(strip_nzb_extension(name));
  std::string out;
  out.reserve(cleaned.size());
  for (char c : cleaned) {
    if (!is_illegal_in_names(c)) out += c;
  }
  trim_chars(out, " .");
  truncate_utf8(out, kMaxJobNameBytes);
  trim_chars(out, " .");
  if (out.empty()) return "unnamed";
  return out;
}

std::pair<std::string, std::string> split_password(std::string_view name) {
  // As SABnzbd: "{{" not at the very start, and the name ends in "}}".
  const size_t open = name.size() > 1 ? name.find("{{", 1) : std::string_view::npos;
  if (open == std::string_view::npos || !name.ends_with("}}") || name.size() < open + 4) {
    return {std::string(name), ""};
  }
  std::string job(name.substr(0, open));
  std::string password(name.substr(open + 2, name.size() - open - 4));
  trim_chars(job, " ");
  trim_chars(password, " ");
  return {job, password};
}

}  // namespace nzbd::nzb
