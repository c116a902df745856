// NZB 1.1 XML -> Nzb, with every value from the document validated.
//
// pugixml never loads a DTD or external entity: with parse_default the
// DOCTYPE (internal subset included) is skipped, and parse_escapes expands only
// &lt; &gt; &amp; &apos; &quot; and &#...; references. Any other "&name;" stays
// literal text, so billion-laughs and XXE documents expand to nothing.
#include <algorithm>
#include <charconv>
#include <pugixml.hpp>

#include "nzb/nzb.h"
#include "nzb/parse_buffer.h"
#include "nzb/text.h"

namespace nzbd::nzb {
namespace {

constexpr unsigned kParseOptions = pugi::parse_default;  // no parse_doctype

// Element name without a namespace prefix ("nzb:file" -> "file").
std::string_view local_name(const pugi::xml_node& node) {
  std::string_view name = node.name();
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::optional<uint64_t> parse_uint(std::string_view text) {
  text = trim_space(text);
  if (text.empty() || text.size() > 19) return std::nullopt;
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// "<id@host>" or "id@host" -> "id@host"; nullopt if unusable in "BODY <id>".
std::optional<std::string> clean_message_id(std::string_view raw) {
  std::string_view id = trim_space(raw);
  if (id.starts_with('<')) id.remove_prefix(1);
  if (id.ends_with('>')) id.remove_suffix(1);
  if (id.empty() || id.size() > kMaxMessageIdLength) return std::nullopt;
  for (char c : id) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == '<' || c == '>') return std::nullopt;
  }
  return std::string(id);
}

std::optional<Segment> read_segment(const pugi::xml_node& node) {
  const auto number = parse_uint(node.attribute("number").value());
  const auto bytes = parse_uint(node.attribute("bytes").value());
  if (!number || *number < 1 || *number > kMaxSegmentNumber) return std::nullopt;
  if (!bytes || *bytes < 1 || *bytes >= kMaxSegmentBytes) return std::nullopt;
  auto id = clean_message_id(node.text().get());
  if (!id) return std::nullopt;
  return Segment{static_cast<uint32_t>(*number), static_cast<uint32_t>(*bytes), std::move(*id)};
}

// Valid segments, sorted by number; for a repeated number the first wins.
std::vector<Segment> read_segments(const pugi::xml_node& file) {
  std::vector<Segment> segments;
  for (const pugi::xml_node& list : file.children()) {
    if (local_name(list) != "segments") continue;
    for (const pugi::xml_node& node : list.children()) {
      if (local_name(node) != "segment") continue;
      if (auto segment = read_segment(node)) segments.push_back(std::move(*segment));
    }
  }
  std::stable_sort(segments.begin(), segments.end(),
                   [](const Segment& a, const Segment& b) { return a.number < b.number; });
  auto last = std::unique(segments.begin(), segments.end(),
                          [](const Segment& a, const Segment& b) { return a.number == b.number; });
  segments.erase(last, segments.end());
  return segments;
}

// Cleaned, then trimmed: a control character cleaned to a space at either end
// would otherwise stay, and write_nzb's output would parse back without it.
std::string clean_trimmed(std::string_view text) { return std::string(trim_space(clean_text(text))); }

std::vector<std::string> read_groups(const pugi::xml_node& file) {
  std::vector<std::string> groups;
  for (const pugi::xml_node& list : file.children()) {
    if (local_name(list) != "groups") continue;
    for (const pugi::xml_node& node : list.children()) {
      if (local_name(node) != "group") continue;
      std::string group = clean_trimmed(node.text().get());
      if (!group.empty()) groups.push_back(std::move(group));
    }
  }
  return groups;
}

std::optional<File> read_file(const pugi::xml_node& node) {
  File file;
  file.segments = read_segments(node);
  if (file.segments.empty()) return std::nullopt;
  file.subject = clean_trimmed(node.attribute("subject").value());
  file.poster = clean_trimmed(node.attribute("poster").value());
  const auto date = parse_uint(node.attribute("date").value());
  file.date = (date && *date <= INT64_MAX) ? static_cast<int64_t>(*date) : 0;
  file.groups = read_groups(node);
  SubjectName name = parse_subject(file.subject);
  file.filename = std::move(name.filename);
  file.provisional_name = name.provisional;
  return file;
}

void read_head(const pugi::xml_node& head, std::map<std::string, std::vector<std::string>>& meta) {
  for (const pugi::xml_node& node : head.children()) {
    if (local_name(node) != "meta") continue;
    const std::string type = to_lower(clean_text(trim_space(node.attribute("type").value())));
    std::string value = clean_text(trim_space(node.text().get()));
    if (type.empty() || value.empty()) continue;
    meta[type].push_back(std::move(value));
  }
}

Result<Nzb> read_document(const pugi::xml_document& doc, const pugi::xml_parse_result& parsed) {
  if (!parsed) {
    return make_error("Invalid NZB: XML error at offset " + std::to_string(parsed.offset) + ": " +
                      parsed.description());
  }
  const pugi::xml_node root = doc.document_element();
  if (!root || local_name(root) != "nzb") return make_error("Invalid NZB: no <nzb> element");
  Nzb nzb;
  for (const pugi::xml_node& node : root.children()) {
    if (local_name(node) == "head") {
      read_head(node, nzb.meta);
    } else if (local_name(node) == "file") {
      if (auto file = read_file(node)) nzb.files.push_back(std::move(*file));
    }
  }
  if (nzb.files.empty()) return make_error("Empty NZB: no file with a valid segment");
  order_files(nzb.files);
  for (const File& file : nzb.files) nzb.total_bytes += file.bytes();
  return nzb;
}

}  // namespace

uint64_t File::bytes() const {
  uint64_t total = 0;
  for (const Segment& segment : segments) total += segment.bytes;
  return total;
}

std::string Nzb::meta_value(std::string_view type) const {
  auto it = meta.find(std::string(type));
  return (it == meta.end() || it->second.empty()) ? std::string() : it->second.front();
}

Result<Nzb> parse_nzb(std::string_view xml) {
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed =
      doc.load_buffer(xml.data(), xml.size(), kParseOptions, pugi::encoding_auto);
  return read_document(doc, parsed);
}

Result<Nzb> parse_nzb_buffer(std::string& buffer) {
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed =
      doc.load_buffer_inplace(buffer.data(), buffer.size(), kParseOptions, pugi::encoding_auto);
  return read_document(doc, parsed);
}

}  // namespace nzbd::nzb
