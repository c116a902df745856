// NZB data as uploaded or fetched -> parsed NZBs: detect the wrapping by its
// magic bytes (the extension may lie), unwrap within a size budget, parse.
#include "nzb/decompress.h"
#include "nzb/nzb.h"
#include "nzb/parse_buffer.h"
#include "nzb/text.h"

namespace nzbd::nzb {
namespace {

enum class Format { kXml, kGzip, kBzip2, kZip };

// gzip inside zip is fine; deeper nesting is not something real NZBs do.
constexpr int kMaxDepth = 2;

Format detect_format(std::string_view data) {
  if (data.starts_with("\x1f\x8b")) return Format::kGzip;
  if (data.starts_with("BZh")) return Format::kBzip2;
  if (data.starts_with("PK\x03\x04") || data.starts_with(std::string_view("PK\x05\x06", 4))) {
    return Format::kZip;
  }
  return Format::kXml;
}

struct Document {
  std::string source;
  std::string xml;
};

std::string strip_suffix_nocase(std::string name, std::string_view suffix) {
  if (ends_with_icase(name, suffix) && name.size() > suffix.size()) {
    name.resize(name.size() - suffix.size());
  }
  return name;
}

class Expander {
 public:
  explicit Expander(size_t limit) : budget_(limit) {}

  // `data` is owned: decompressed output is moved along, never copied again.
  Status expand(std::string data, std::string source, int depth) {
    const Format format = detect_format(data);
    if (format == Format::kXml) {
      documents_.push_back({std::move(source), std::move(data)});
      return ok_status();
    }
    if (depth >= kMaxDepth || (format == Format::kZip && depth > 0)) {
      return make_error("nested archives are not supported");
    }
    if (format == Format::kZip) return expand_zip(data, depth);
    Result<std::string> plain =
        format == Format::kGzip ? gunzip(data, budget_) : bunzip2(data, budget_);
    if (!plain) return plain.error();
    budget_ -= plain->size();
    data.clear();
    data.shrink_to_fit();
    const std::string_view ext = format == Format::kGzip ? ".gz" : ".bz2";
    return expand(std::move(*plain), strip_suffix_nocase(std::move(source), ext), depth + 1);
  }

  std::vector<Document>& documents() { return documents_; }

 private:
  Status expand_zip(std::string_view data, int depth) {
    Result<std::vector<ZipEntry>> entries = unzip_nzb_entries(data, budget_);
    if (!entries) return entries.error();
    if (entries->empty()) return make_error("no .nzb file in the zip");
    for (ZipEntry& entry : *entries) budget_ -= entry.data.size();
    for (ZipEntry& entry : *entries) {
      if (Status s = expand(std::move(entry.data), std::move(entry.path), depth + 1); !s) return s;
    }
    return ok_status();
  }

  size_t budget_;  // decompressed bytes still allowed
  std::vector<Document> documents_;
};

std::string base_name(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

NamedNzb name_job(std::string source, Nzb nzb) {
  // "Show{{secret}}.nzb" -> job "Show", password "secret".
  std::string base = strip_suffix_nocase(base_name(source), ".nzb");
  auto [name, password] = split_password(base);
  return NamedNzb{std::move(source), clean_job_name(name), std::move(password), std::move(nzb)};
}

}  // namespace

Result<std::vector<NamedNzb>> load_nzb_data(std::string_view bytes, std::string_view filename,
                                            const LoadOptions& options) {
  const std::string display(filename.empty() ? "NZB" : filename);
  auto failed = [&](const std::string& why) {
    return make_error("Failed to import " + clean_text(display) + ": " + why);
  };
  if (bytes.size() > options.max_decompressed_bytes) {
    return failed(too_large_message(options.max_decompressed_bytes));
  }
  Expander expander(options.max_decompressed_bytes);
  if (Status s = expander.expand(std::string(bytes), std::string(filename), 0); !s) {
    return failed(s.message());
  }
  std::vector<NamedNzb> result;
  for (Document& doc : expander.documents()) {
    Result<Nzb> nzb = parse_nzb_buffer(doc.xml);
    if (!nzb) {
      const std::string where = doc.source == display ? "" : " (" + clean_text(doc.source) + ")";
      return failed(nzb.message() + where);
    }
    result.push_back(name_job(doc.source, std::move(*nzb)));
    doc.xml.clear();
    doc.xml.shrink_to_fit();
  }
  return result;
}

}  // namespace nzbd::nzb
