#include "config/schema.h"

#include <deque>
#include <iterator>
#include <string>

#include "config/flat_options.h"

namespace nzbd::config {

const std::vector<Option>& server_options() {
  using T = Type;
  static const std::vector<Option> opts = {
      {"name", T::Str, ""}, {"displayname", T::Str, ""}, {"host", T::Str, ""}, {"port", T::Int, "119"},
      {"timeout", T::Int, "60"}, {"username", T::Str, ""}, {"password", T::Password, ""},
      {"connections", T::Int, "8"}, {"ssl", T::Int, "0"}, {"ssl_verify", T::Int, "2"},
      {"ssl_ciphers", T::Str, ""}, {"enable", T::Int, "1"}, {"required", T::Int, "0"},
      {"optional", T::Int, "0"}, {"pipelining_requests", T::Int, "2"}, {"retention", T::Int, "0"},
      {"expire_date", T::Str, ""}, {"quota", T::Str, ""}, {"usage_at_start", T::Int, "0"},
      {"priority", T::Int, "0"}, {"notes", T::Str, ""},
  };
  return opts;
}

const std::vector<Option>& category_options() {
  using T = Type;
  static const std::vector<Option> opts = {
      {"name", T::Str, ""}, {"order", T::Int, "0"}, {"pp", T::Str, ""}, {"script", T::Str, "Default"},
      {"dir", T::Str, ""}, {"newzbin", T::Str, ""}, {"priority", T::Int, "-100"},
  };
  return opts;
}

const std::vector<Option>& rss_options() {
  using T = Type;
  static const std::vector<Option> opts = {
      {"name", T::Str, ""}, {"uri", T::List, ""}, {"cat", T::Str, ""}, {"pp", T::Str, ""},
      // SABnzbd's OptionBool enable defaults to off: a feed added through the
      // API without enable=1 is not read until it is switched on.
      {"script", T::Str, ""}, {"enable", T::Int, "0"}, {"priority", T::Int, "-100", -100, 2},
  };
  return opts;
}

const std::vector<Option>& sorter_options() {
  using T = Type;
  static const std::vector<Option> opts = {
      {"name", T::Str, ""}, {"order", T::Int, "0"}, {"min_size", T::Str, "50M"},
      {"multipart_label", T::Str, ""}, {"sort_string", T::Str, ""}, {"sort_cats", T::List, ""},
      {"sort_type", T::List, ""}, {"is_active", T::Int, "1"},
  };
  return opts;
}

namespace {

const std::vector<Option>& logging_options() {
  static const std::vector<Option> opts(std::begin(tables::kLogging), std::end(tables::kLogging));
  return opts;
}

// A notifier's section: its own keys, then a prio key per event type. Option
// holds views, so the built names and defaults are kept beside the options.
struct NotifierSection {
  std::deque<std::string> text;  // a deque: growing it moves no element
  std::vector<Option> options;
};

NotifierSection notifier_section(const tables::Notifier& n) {
  NotifierSection s;
  s.options.assign(n.own.begin(), n.own.end());
  for (size_t i = 0; i < tables::kEventTypes.size(); ++i) {
    const std::string& name =
        s.text.emplace_back(std::string(n.name) + "_prio_" + std::string(tables::kEventTypes[i]));
    const std::string& value = s.text.emplace_back(std::to_string((*n.prio)[i]));
    s.options.push_back(Option{name, Type::Int, value});
  }
  return s;
}

// Built once, in kNotifiers' order.
const std::vector<NotifierSection>& notifier_sections() {
  static const std::vector<NotifierSection> sections = [] {
    // Reserved, so no section is ever copied: a copy's options would view the
    // original's (then freed) text (deque's move may throw, so vector copies).
    std::vector<NotifierSection> out;
    out.reserve(std::size(tables::kNotifiers));
    for (const auto& n : tables::kNotifiers) out.push_back(notifier_section(n));
    return out;
  }();
  return sections;
}

}  // namespace

const std::vector<FlatSection>& flat_sections() {
  static const std::vector<FlatSection> sections = [] {
    std::vector<FlatSection> out = {{"misc", &misc_options()}, {"logging", &logging_options()}};
    for (size_t i = 0; i < std::size(tables::kNotifiers); ++i)
      out.push_back({tables::kNotifiers[i].name, &notifier_sections()[i].options});
    return out;
  }();
  return sections;
}

const FlatSection* flat_section(std::string_view name) {
  for (const auto& s : flat_sections())
    if (s.name == name) return &s;
  return nullptr;
}

const FlatSection& home_of(std::string_view key) {
  for (const auto& s : flat_sections())
    if (find_option(*s.options, key)) return s;
  return flat_sections().front();
}

const Option* flat_option(std::string_view key) { return find_option(*home_of(key).options, key); }

const std::vector<Option>* item_options(std::string_view section) {
  if (section == "servers") return &server_options();
  if (section == "categories") return &category_options();
  if (section == "rss") return &rss_options();
  if (section == "sorters") return &sorter_options();
  return nullptr;
}

const Option* find_option(const std::vector<Option>& options, std::string_view name) {
  for (const auto& o : options)
    if (o.name == name) return &o;
  return nullptr;
}

}  // namespace nzbd::config
