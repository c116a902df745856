// The [sorters] of the config, the choice of one for a job, eval_sort, and
// the one-time conversion of SABnzbd 3's tv/movie/date sorting keys.
#include <algorithm>
#include <optional>

#include "config/config.h"
#include "sort/sort.h"
#include "sort/text.h"
#include "util/strings.h"

namespace nzbd::sort {
namespace {

Options options_of(const config::Config& cfg) {
  Options o;
  o.season_sorting = cfg.misc_int("enable_season_sorting") != 0;
  o.replace_illegal = cfg.misc_int("replace_illegal") != 0;
  o.max_folder_length = static_cast<size_t>(std::clamp<int64_t>(cfg.misc_int("max_foldername_length"), 20, 246));
  return o;
}

}  // namespace

std::vector<SorterConfig> sorters_from(const config::Config& cfg) {
  std::vector<SorterConfig> out;
  for (const auto* item : cfg.items("sorters")) {
    auto value = [&](std::string_view key) { return cfg.item_value(*item, "sorters", key); };
    SorterConfig s;
    s.name = value("name").empty() ? item->name : value("name");
    s.order = static_cast<int>(parse_int(value("order")).value_or(0));
    s.min_size = config::parse_size(value("min_size")).value_or(0);
    s.multipart_label = value("multipart_label");
    s.sort_string = value("sort_string");
    s.cats = split_list(value("sort_cats"));
    for (const auto& t : split_list(value("sort_type")))
      if (auto n = parse_int(t)) s.types.push_back(static_cast<int>(*n));
    s.active = parse_int(value("is_active")).value_or(0) != 0;
    out.push_back(std::move(s));
  }
  std::stable_sort(out.begin(), out.end(), [](const SorterConfig& a, const SorterConfig& b) {
    return a.order != b.order ? a.order < b.order : a.name < b.name;
  });
  return out;
}

const SorterConfig* pick(const std::vector<SorterConfig>& sorters, std::string_view category, Kind kind) {
  if (category.empty()) return nullptr;
  for (const auto& s : sorters) {
    if (!s.active || s.sort_string.empty() || s.cats.empty()) continue;
    if (std::none_of(s.cats.begin(), s.cats.end(), [&](const std::string& c) { return iequals(c, category); }))
      continue;
    if (!s.types.empty() && std::none_of(s.types.begin(), s.types.end(), [&](int t) {
          return t == static_cast<int>(Kind::All) || t == static_cast<int>(kind);
        }))
      continue;
    return &s;
  }
  return nullptr;
}

std::optional<Decision> decide(const config::Config& cfg, std::string_view job_name, std::string_view category) {
  auto sorters = sorters_from(cfg);
  if (sorters.empty()) return std::nullopt;
  JobInfo info = analyse(job_name);
  const SorterConfig* s = pick(sorters, category, info.kind);
  if (!s) return std::nullopt;
  return Decision{s->name, plan(*s, info, options_of(cfg))};
}

std::optional<std::string> eval_sort(std::string_view sort_string, std::string_view job_name,
                                     std::string_view multipart_label) {
  std::string name = sanitize_component(job_name);
  while (!name.empty() && (name.back() == '.' || name.back() == ' ')) name.pop_back();
  while (!name.empty() && (name.front() == '.' || name.front() == ' ')) name.erase(0, 1);
  if (name.empty() || sort_string.empty()) return std::nullopt;
  SorterConfig s;
  s.sort_string = std::string(sort_string);
  s.multipart_label = std::string(multipart_label);
  Plan p = plan(s, analyse(name));
  std::string path = p.folder;
  if (!p.file_set.empty()) path += (path.empty() ? "" : "/") + p.file_set;
  if (path.empty()) path = ".";
  replace_all(path, "%fn", "Original Filename");
  if (!multipart_label.empty()) {
    std::string label(multipart_label);
    replace_all(label, "%1", "1");
    replace_all(path, "%1", label);
  }
  return path + (p.rename_files ? ".ext" : "/");
}

bool convert_legacy_sorters(config::Config& cfg) {
  if (cfg.misc_int("sorters_converted") != 0) return false;
  struct Old {
    const char* name;
    const char* prefix;
    Kind kind;
    config::Key min_size_key;
    std::optional<config::Key> label_key;
  };
  const Old olds[] = {{"Series Sorting", "tv", Kind::Tv, "episode_rename_limit", std::nullopt},
                      {"Movie Sorting", "movie", Kind::Movie, "movie_rename_limit", config::Key("movie_sort_extra")},
                      {"Date Sorting", "date", Kind::Date, "episode_rename_limit", std::nullopt}};
  int order = static_cast<int>(cfg.items("sorters").size());
  for (const auto& o : olds) {
    std::string p = o.prefix;
    std::string sort_string = cfg.misc(config::Key::at_run_time(p + "_sort_string"));
    if (sort_string.empty() || cfg.item("sorters", o.name)) continue;
    auto& item = cfg.item_or_create("sorters", o.name);
    item.set("order", std::to_string(order++));
    item.set("min_size", cfg.misc(o.min_size_key));
    item.set("multipart_label", o.label_key ? cfg.misc(*o.label_key) : "");
    item.set("sort_string", sort_string);
    item.set("sort_cats", cfg.misc(config::Key::at_run_time(p + "_categories")));
    item.set("sort_type", std::to_string(static_cast<int>(o.kind)));
    item.set("is_active", cfg.misc_int(config::Key::at_run_time("enable_" + p + "_sorting")) != 0 ? "1" : "0");
  }
  cfg.set_misc("sorters_converted", "1");
  return true;
}

}  // namespace nzbd::sort
