// Products (what one can apply for) as the catalogue files describe them: the ZGW zaaktype they
// are published as, Loket's own fields (fee, who decides, form) and the form's rules: a
// versioned JSON Schema (draft 7, checked with valijson) plus its presentation in steps. Pure:
// no I/O; product_store keeps them, the doors render them.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loket::catalog {

// A text in Dutch and English.
struct LocalText {
  std::string nl, en;
  const std::string& in(std::string_view lang) const { return lang == "en" ? en : nl; }
};

struct ProductStatus {
  LocalText name, text;  // statustype omschrijving, statustekst (what the resident is told)
  bool notify = false;   // informeren
};
struct ProductResult {
  LocalText name;
  std::string generic;  // resultaattypeomschrijving: toegekend, geweigerd, ingetrokken, afgehandeld
};
struct ProductDocument {
  LocalText name, hint;
  bool required = false;
};
struct Fee {
  std::string amount;  // "78.50"
  std::string currency;
  LocalText text;
};

// A question is asked only when an earlier answer equals a value (JSON Schema if/then).
struct ShowIf {
  std::string field, equals;
};
struct FormOption {
  std::string value;
  LocalText label;
};
struct FormField {
  std::string name;    // the property of the schema
  std::string widget;  // text, textarea, number, date, email, tel, radio, checkboxes
  LocalText label, hint, error;
  std::vector<FormOption> options;
  std::optional<ShowIf> show_if;
  std::string prefill;       // "email", "phone": taken from what the person gave before
  std::string autocomplete;  // the HTML autocomplete token
};
struct FormStep {
  std::string id;
  LocalText title;
  std::optional<ShowIf> show_if;
  std::vector<FormField> fields;
};
struct Form {
  int version = 1;
  boost::json::object schema;  // JSON Schema draft 7
  std::vector<FormStep> steps;
};

struct Product {
  std::string id;               // slug, also the address: /producten/{id}
  std::string organisation_id;  // uuid
  std::string zaaktype_uuid, zaaktype_identificatie;
  LocalText name, summary;
  std::vector<std::string> keywords;
  std::string audience;                  // resident or business
  std::string confidentiality;           // ZGW vertrouwelijkheidaanduiding
  std::string term;                      // doorlooptijd (ISO 8601 duration)
  std::optional<std::string> extension;  // verlengingstermijn when an extension is allowed
  std::string decided_by;                // automatic, one, two (four eyes)
  std::optional<Fee> fee;
  std::vector<ProductStatus> statuses;  // in order; the last ends the case
  std::vector<ProductResult> results;
  std::vector<ProductDocument> documents;
  std::string acting_for;  // "child": applied for by a parent acting for the child
  Form form;
  boost::json::object source;  // the file as read

  const FormStep* step(std::string_view id) const;
  const FormField* field(std::string_view name) const;
};

// Reads a product file; throws std::runtime_error naming the product and the field.
Product parse_product(std::string_view json_text);

// What is missing or inconsistent in a product (empty: complete): every text in both
// languages, a valid term, statuses, a schema that valijson accepts whose properties match the
// form's fields one to one, a length limit on every text, showIf naming an earlier field.
std::vector<std::string> check_product(const Product& p);

// Whether a step or question applies given the answers so far (its showIf holds).
bool applies(const std::optional<ShowIf>& show_if, const boost::json::object& answers);
// The steps that apply, in order.
std::vector<const FormStep*> applying_steps(const Product& p, const boost::json::object& answers);

// One refused answer: the field and why (required, invalid, too-long).
struct AnswerError {
  std::string field, code;
  bool operator==(const AnswerError&) const = default;
};

// The longest text answer accepted whatever the schema says: the schema's patterns run on
// std::regex, which recurses per character.
inline constexpr std::size_t kMaxAnswerText = 8000;

// Checks the answers of one step against the schema (valijson): each applying question that is
// required must be there, each given answer must satisfy its property.
std::vector<AnswerError> validate_step(const Product& p, const FormStep& step,
                                       const boost::json::object& answers);
// Every applying step, then the whole schema.
std::vector<AnswerError> validate_answers(const Product& p, const boost::json::object& answers);
// The answers to questions that apply (others dropped: an answer to a question the person no
// longer sees is not sent).
boost::json::object applying_answers(const Product& p, const boost::json::object& answers);

// A form post's text values for one field turned into the schema's type: integers stay text
// when they are no number (so the schema refuses them), "" is no answer (nullopt).
std::optional<boost::json::value> coerce_answer(const Product& p, const FormField& field,
                                                const std::vector<std::string>& raw);

}  // namespace loket::catalog
