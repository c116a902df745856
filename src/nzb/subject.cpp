// File names from article subjects, following SABnzbd's name_extractor, plus
// one fix: post counters like "[12/40]" never become part of a name.
#include <algorithm>
#include <regex>

#include "nzb/nzb.h"
#include "nzb/text.h"

namespace nzbd::nzb {
namespace {

// Subjects longer than this are only searched in their first part: names are
// short, and std::regex backtracks (time and stack grow with the length).
constexpr size_t kMaxSubjectSearch = 320;

// SABnzbd's RE_SUBJECT_BASIC_FILENAME: a run of name-like characters (with
// optional [bracketed] parts) ending in a 2-4 character extension.
const std::regex& basic_filename_regex() {
  static const std::regex re(
      R"(\b([\w\-+()' .,]+(?:\[[\w\-/+()' .,]*\][\w\-+()' .,]*)*\.[A-Za-z0-9]{2,4})\b)",
      std::regex::ECMAScript | std::regex::optimize);
  return re;
}

// First non-empty name between a pair of double quotes.
std::optional<std::string_view> quoted_name(std::string_view subject) {
  size_t pos = 0;
  while (true) {
    const size_t open = subject.find('"', pos);
    if (open == std::string_view::npos) return std::nullopt;
    const size_t close = subject.find('"', open + 1);
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view name = trim_space(subject.substr(open + 1, close - open - 1));
    if (!name.empty()) return name;
    pos = close + 1;
  }
}

// Overwrites post counters ("[01/15]", "(1/50)", "3/7") with a character the
// name pattern never takes, so "(Title) [12/40] - name.r08" yields "name.r08"
// and not "Title) [12/40] - name.r08". Offsets stay the same.
void blank_counters(std::string& s) {
  constexpr char kBlank = '\x01';
  for (size_t slash = s.find('/'); slash != std::string::npos; slash = s.find('/', slash + 1)) {
    size_t begin = slash, end = slash + 1;
    while (begin > 0 && is_ascii_digit(s[begin - 1])) --begin;
    while (end < s.size() && is_ascii_digit(s[end])) ++end;
    if (begin == slash || end == slash + 1) continue;
    if (begin > 0 && end < s.size() && (s[begin - 1] == '[' || s[begin - 1] == '(') &&
        (s[end] == ']' || s[end] == ')')) {
      --begin;
      ++end;
    }
    std::fill(s.begin() + static_cast<std::ptrdiff_t>(begin), s.begin() + static_cast<std::ptrdiff_t>(end), kBlank);
  }
}

// Something that looks like "name.ext", e.g. in "[1/5] - name.ext yEnc (1/9)".
std::optional<std::string_view> basic_filename(std::string_view subject) {
  subject = subject.substr(0, kMaxSubjectSearch);
  // Python's \w also matches non-ASCII letters; std::regex only ASCII. Search
  // a copy where every non-ASCII byte is a letter; offsets stay the same.
  std::string ascii(subject);
  for (char& c : ascii) {
    if (static_cast<unsigned char>(c) >= 0x80) c = 'a';
  }
  blank_counters(ascii);
  std::smatch match;
  if (!std::regex_search(ascii, match, basic_filename_regex())) return std::nullopt;
  const std::string_view name =
      trim_space(subject.substr(static_cast<size_t>(match.position(1)),
                                static_cast<size_t>(match.length(1))));
  if (name.empty()) return std::nullopt;
  return name;
}

}  // namespace

SubjectName parse_subject(std::string_view subject) {
  if (auto name = quoted_name(subject)) return {sanitize_filename(*name), false};
  if (auto name = basic_filename(subject)) return {sanitize_filename(*name), false};
  return {sanitize_filename(trim_space(subject)), true};
}

std::string filename_from_subject(std::string_view subject) {
  return parse_subject(subject).filename;
}

}  // namespace nzbd::nzb
