// Fuzzes the upload rules with what an uploader controls: line 1 a declared media type, line 2 a
// detected one, the rest a file name. A sanitised name must be safe on a disk and in a header
// (and sanitising it again changes nothing), Content-Disposition must be one printable ASCII
// line, and nothing active may ever be served as itself.
#include <cstdint>
#include <string>
#include <string_view>

#include "documents/base64_stream.hpp"
#include "documents/rules.hpp"
#include "support.hpp"

namespace {

using loket::fuzz::finding;

void check_name(std::string_view given) {
  namespace documents = loket::documents;
  auto name = documents::sanitise_filename(given);
  if (name.empty()) finding("sanitise_filename returned an empty name");
  if (name.size() > 200) finding("sanitise_filename returned more than 200 bytes");
  if (name.front() == '.' || name.front() == ' ') finding("a sanitised name starts with a dot");
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7F) finding("a control character in a sanitised name");
    if (c == '/' || c == '\\' || c == '"' || c == ';') finding("a path or quote in a name");
  }
  if (documents::sanitise_filename(name) != name) finding("sanitise_filename is not idempotent");
  auto header = documents::content_disposition(given);
  if (!header.starts_with("attachment; filename=\"")) finding("not an attachment");
  for (unsigned char c : header) {
    if (c < 0x20 || c >= 0x7F) finding("Content-Disposition is not printable ASCII");
  }
}

void check_types(std::string_view declared, std::string_view detected) {
  namespace documents = loket::documents;
  auto type = documents::normalise_media_type(detected);
  if (!type.empty()) {
    if (type.find('/') == std::string::npos || type.find('/') != type.rfind('/')) {
      finding("a normalised type without exactly one slash");
    }
    for (char c : type) {
      if (c >= 'A' && c <= 'Z') finding("a normalised type in upper case");
    }
  }
  auto served = documents::safe_content_type(detected);
  if (served != "application/octet-stream") {
    if (served != type) finding("safe_content_type changed an inert type");
    for (std::string_view active : {"html", "svg", "xml", "script"}) {
      if (served.find(active) != std::string::npos) finding("active content served as itself");
    }
  }
  const auto& allowed = documents::default_allowed_media_types();
  auto refusal =
      documents::check_media_type({.declared = declared, .detected = detected, .allowed = allowed});
  if (!refusal) {
    if (!documents::media_type_allowed(detected, allowed)) finding("an off-list type accepted");
    if (!documents::declared_type_agrees(declared, detected)) finding("a mismatch accepted");
  } else if (refusal->field != "mediaType" && refusal->field != "content") {
    finding("a type refusal names no field of the request");
  } else if (refusal->status() != 400) {
    finding("a type refusal is not a 400");
  }
}

// Inline content: the same text decoded in one feed and a character at a time gives the same
// verdict and bytes, of the size the text implies.
void check_base64(std::string_view text) {
  auto decode = [&](std::size_t feed, std::string* out) {
    loket::documents::Base64Decoder d(
        [&](std::string_view bytes) {
          if (bytes.size() > 7) finding("a decoded piece larger than asked");
          out->append(bytes);
          return true;
        },
        7);
    bool ok = true;
    for (std::size_t i = 0; ok && i < text.size(); i += feed) ok = d.feed(text.substr(i, feed));
    return ok && d.finish();
  };
  std::string whole, single;
  bool a = decode(text.size() + 1, &whole);
  bool b = decode(1, &single);
  if (a != b || whole != single) finding("base64 decoding depends on how the text is fed");
  if (a) {
    std::size_t chars = 0, pad = 0;
    for (char c : text) {
      if (c == '=')
        ++pad;
      else if (c != '\n' && c != '\r' && c != ' ' && c != '\t')
        ++chars;
    }
    if ((chars + pad) % 4 != 0 || whole.size() != (chars + pad) / 4 * 3 - pad) {
      finding("accepted base64 of the wrong length");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {  // NOLINT
  auto text = loket::fuzz::as_text(data, size);
  auto [declared, rest] = loket::fuzz::first_line(text);
  auto [detected, name] = loket::fuzz::first_line(rest);
  check_types(declared, detected);
  check_name(name);
  check_name(text);
  check_base64(text);
  check_base64(name);
  return 0;
}
