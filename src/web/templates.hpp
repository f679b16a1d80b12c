// The page templates (ctemplate, contextual auto-escaping) and the text tables in Dutch and
// English, loaded once: from the binary, or from a folder (--templates) that is re-read when a
// file changes, for whoever edits them.
#pragma once

#include <ctemplate/template.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace loket::web {

enum class Lang { Nl, En };

std::string_view code(Lang lang);

// Every text a page shows, by key, in both languages (web/templates/text/{nl,en}.json).
class Texts {
 public:
  // Parses both tables; throws std::runtime_error naming the file on malformed JSON or on a
  // key that one language has and the other lacks.
  Texts(std::string_view nl_json, std::string_view en_json);

  // The text, or the key itself (so that a missing text shows, rather than breaks the page).
  const std::string& get(Lang lang, std::string_view key) const;
  const std::map<std::string, std::string, std::less<>>& all(Lang lang) const;

 private:
  std::map<std::string, std::string, std::less<>> nl_, en_;
};

// "{name}" in `text` replaced by `value` (the result is escaped by the template, not here).
std::string fill(std::string text, std::string_view name, std::string_view value);

class Templates {
 public:
  // `dir` empty: the templates and texts compiled into the binary (web/templates/). Otherwise
  // that folder, whose .tpl files are reloaded when they change (texts at start-up only).
  explicit Templates(std::string dir = {});

  // Expands `file` (e.g. "layout.tpl"); throws std::runtime_error when it cannot.
  std::string expand(std::string_view file, const ctemplate::TemplateDictionary& dict);

  const Texts& texts() const { return *texts_; }

  // The texts `file` shows ({{t_key}}: "t_key" and "key"), so that a render gives its
  // dictionary these only, not the whole table; nullptr when not known (templates read from a
  // folder, which may change: give them every text).
  using TextKeys = std::vector<std::pair<std::string, std::string>>;
  const TextKeys* text_keys(std::string_view file) const;

 private:
  std::string dir_;
  std::map<std::string, TextKeys, std::less<>> text_keys_;
  std::unique_ptr<ctemplate::TemplateCache> cache_;
  std::unique_ptr<Texts> texts_;
  std::mutex reload_mutex_;
  std::chrono::steady_clock::time_point last_reload_;
};

}  // namespace loket::web
