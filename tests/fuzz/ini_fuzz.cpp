// nzbd.ini: parse_ini, the write_ini round trip (a file written back loses
// nothing), ConfigObj list values, and Config::load_or_create over the text
// as a file, reading every option the schema knows through the accessors.
#include <algorithm>
#include <string>

#include "config/config.h"
#include "config/feed_filters.h"
#include "config/ini.h"
#include "config/schema.h"
#include "fuzz_support.h"

using namespace nzbd::config;

namespace {

// write_ini turns a line break inside a value into a space (one line per key).
KeyValues one_line(KeyValues kv) {
  for (auto& [k, v] : kv)
    for (char& c : v)
      if (c == '\n' || c == '\r') c = ' ';
  return kv;
}

void check_same(const IniDocument& a, const IniDocument& b) {
  FUZZ_CHECK(one_line(a.top) == b.top);
  FUZZ_CHECK(a.sections.size() == b.sections.size());
  for (size_t i = 0; i < a.sections.size(); ++i) {
    const IniSection& x = a.sections[i];
    const IniSection& y = b.sections[i];
    FUZZ_CHECK(x.name == y.name && one_line(x.values) == y.values && x.items.size() == y.items.size());
    for (size_t j = 0; j < x.items.size(); ++j)
      FUZZ_CHECK(x.items[j].name == y.items[j].name && one_line(x.items[j].values) == y.items[j].values);
  }
}

void check_lists(const IniDocument& doc) {
  for (const IniSection& s : doc.sections)
    for (const auto& [key, value] : s.values) {
      auto list = parse_list_value(value);
      if (!list) continue;
      // An item holding both quote kinds has no ConfigObj spelling (see write_list_value).
      auto both_quotes = [](const std::string& i) { return i.find('"') != i.npos && i.find('\'') != i.npos; };
      if (std::any_of(list->items.begin(), list->items.end(), both_quotes)) continue;
      auto again = parse_list_value(write_list_value(list->items));
      FUZZ_CHECK(again && again->items == list->items);
    }
}

void read_everything(const Config& cfg) {
  for (const FlatSection& fs : flat_sections())
    for (const Option& o : *fs.options) {
      (void)cfg.misc(Key::at_run_time(o.name));
      if (o.type == Type::Int) (void)cfg.misc_int(Key::at_run_time(o.name));
      if (o.type == Type::List) (void)cfg.misc_list(Key::at_run_time(o.name));
    }
  for (const char* section : {"servers", "categories", "rss", "sorters"})
    for (const IniItem* item : cfg.items(section))
      for (const Option& o : *item_options(section)) (void)cfg.item_value(*item, section, o.name);
  for (const IniItem* feed : cfg.items("rss")) (void)feed_filters(*feed);
  (void)secrets_of(cfg);
  (void)https_files(cfg);
  (void)cfg.resolve_dir("download_dir");
  (void)parse_size(cfg.misc("bandwidth_max"));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto doc = parse_ini(text);
  if (!doc.ok()) {
    FUZZ_CHECK(doc.message().rfind("line ", 0) == 0 || !doc.message().empty());
    return 0;
  }
  auto again = parse_ini(write_ini(*doc));
  FUZZ_CHECK(again.ok());
  check_same(*doc, *again);
  check_lists(*doc);
  auto cfg = Config::load_or_create(nzbd::fuzz::write_scratch("nzbd.ini", text));
  if (cfg.ok()) read_everything(*cfg);
  return 0;
}
