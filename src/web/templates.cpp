// Loading templates and texts from the binary or a folder, and expanding them.
#include "web/templates.hpp"

#include <boost/json.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "common/embedded.hpp"

namespace loket::web {
namespace {

constexpr std::string_view kEmbeddedRoot = "web/templates/";
constexpr auto kStrip = ctemplate::STRIP_BLANK_LINES;

std::map<std::string, std::string, std::less<>> parse_table(std::string_view json,
                                                            std::string_view name) {
  boost::system::error_code ec;
  auto v = boost::json::parse(json, ec);
  if (ec || !v.is_object())
    throw std::runtime_error("text table " + std::string(name) + " is not a JSON object");
  std::map<std::string, std::string, std::less<>> out;
  for (const auto& [k, text] : v.as_object()) {
    if (!text.is_string()) {
      throw std::runtime_error("text table " + std::string(name) + ": " + std::string(k) +
                               " is not a string");
    }
    out.emplace(std::string(k), std::string(text.as_string()));
  }
  return out;
}

// The texts a template's source shows: each {{t_key}} (with or without a modifier), once.
Templates::TextKeys keys_used(std::string_view body) {
  std::set<std::string, std::less<>> seen;
  Templates::TextKeys out;
  constexpr std::string_view kMarker = "{{t_";
  for (auto at = body.find(kMarker); at != std::string_view::npos;
       at = body.find(kMarker, at + 1)) {
    auto from = at + kMarker.size(), to = from;
    while (to < body.size() &&
           (std::isalnum(static_cast<unsigned char>(body[to])) || body[to] == '_')) {
      ++to;
    }
    auto key = std::string(body.substr(from, to - from));
    if (!key.empty() && seen.insert(key).second) out.emplace_back("t_" + key, key);
  }
  return out;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

}  // namespace

std::string_view code(Lang lang) { return lang == Lang::En ? "en" : "nl"; }

Texts::Texts(std::string_view nl_json, std::string_view en_json)
    : nl_(parse_table(nl_json, "nl.json")), en_(parse_table(en_json, "en.json")) {
  for (const auto& [k, v] : nl_) {
    if (!en_.contains(k)) throw std::runtime_error("text table en.json lacks " + k);
  }
  for (const auto& [k, v] : en_) {
    if (!nl_.contains(k)) throw std::runtime_error("text table nl.json lacks " + k);
  }
}

const std::string& Texts::get(Lang lang, std::string_view key) const {
  const auto& table = all(lang);
  auto it = table.find(key);
  if (it != table.end()) return it->second;
  static const std::string kMissing = "?";
  return kMissing;
}

const std::map<std::string, std::string, std::less<>>& Texts::all(Lang lang) const {
  return lang == Lang::En ? en_ : nl_;
}

std::string fill(std::string text, std::string_view name, std::string_view value) {
  std::string marker = "{" + std::string(name) + "}";
  for (auto at = text.find(marker); at != std::string::npos;
       at = text.find(marker, at + value.size())) {
    text.replace(at, marker.size(), value);
  }
  return text;
}

Templates::Templates(std::string dir)
    : dir_(std::move(dir)), cache_(std::make_unique<ctemplate::TemplateCache>()) {
  if (dir_.empty()) {
    std::string_view nl, en;
    for (const auto& f : common::embedded_files()) {
      if (!f.path.starts_with(kEmbeddedRoot)) continue;
      auto name = f.path.substr(kEmbeddedRoot.size());
      if (name == "text/nl.json") nl = f.content;
      if (name == "text/en.json") en = f.content;
      if (name.ends_with(".tpl") &&
          !cache_->StringToTemplateCache(std::string(name), std::string(f.content), kStrip)) {
        throw std::runtime_error("template " + std::string(name) + " does not parse");
      }
      if (name.ends_with(".tpl")) text_keys_.emplace(std::string(name), keys_used(f.content));
    }
    texts_ = std::make_unique<Texts>(nl, en);
    cache_->Freeze();
    return;
  }
  std::filesystem::path root(dir_);
  texts_ =
      std::make_unique<Texts>(read_file(root / "text/nl.json"), read_file(root / "text/en.json"));
  cache_->SetTemplateRootDirectory(dir_);
  for (const auto& entry : std::filesystem::directory_iterator(root)) {
    auto name = entry.path().filename().string();
    if (name.ends_with(".tpl") && !cache_->LoadTemplate(name, kStrip)) {
      throw std::runtime_error("template " + (root / name).string() + " does not parse");
    }
  }
  last_reload_ = std::chrono::steady_clock::now();
}

const Templates::TextKeys* Templates::text_keys(std::string_view file) const {
  auto it = text_keys_.find(file);
  return it == text_keys_.end() ? nullptr : &it->second;
}

std::string Templates::expand(std::string_view file, const ctemplate::TemplateDictionary& dict) {
  std::string out;
  bool ok = false;
  if (dir_.empty()) {
    ok = cache_->ExpandNoLoad(std::string(file), kStrip, &dict, nullptr, &out);
  } else {
    {
      // At most once a second: a stat per template, for whoever is editing them.
      std::lock_guard lock(reload_mutex_);
      auto now = std::chrono::steady_clock::now();
      if (now - last_reload_ >= std::chrono::seconds(1)) {
        cache_->ReloadAllIfChanged(ctemplate::TemplateCache::LAZY_RELOAD);
        last_reload_ = now;
      }
    }
    ok = cache_->ExpandWithData(std::string(file), kStrip, &dict, nullptr, &out);
  }
  if (!ok) throw std::runtime_error("template " + std::string(file) + " could not be expanded");
  return out;
}

}  // namespace loket::web
