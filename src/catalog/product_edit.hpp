// An administrator's change to a product (issue 13, "Manage a product"): the fields an
// organisation may set (texts, term, extension, who decides, fee, the form and the decision
// rules) applied to the published product, checked by the same rules as a catalogue file
// (check_product, check_rule_set) before it may become a new version. Pure: no I/O; the
// administrator's door collects the edit, zgw/catalogue publishes the version.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/product.hpp"

namespace loket::catalog {

// What the product page's form holds; JSON texts as typed.
struct ProductEdit {
  LocalText name, summary;
  std::string term;        // ISO 8601 duration, e.g. P8W
  std::string extension;   // "" when no extension is allowed
  std::string decided_by;  // automatic, one, two (four eyes)
  std::string fee_amount;  // "" for no fee, else "78.50"
  LocalText fee_text;
  std::string form;                        // the form object {"schema", "steps"} as JSON text
  std::string automation;                  // the decision rules as JSON text; "" for none
  std::vector<ProductStatus> statuses;     // in order; the last ends the case
  std::vector<ProductDocument> documents;  // what the resident uploads with the application
};

// The current product as an edit (what the form shows before a change).
ProductEdit edit_of(const Product& p);

// A refused field: `field` is the edit's (name, summary, term, extension, decidedBy, fee,
// statuses, documents, form, automation), `message` says what is wrong.
struct EditProblem {
  std::string field, message;
};

struct EditOutcome {
  std::optional<Product> product;     // the next version, when nothing is refused
  std::vector<EditProblem> problems;  // empty when `product` is set
  bool changed = false;               // the next version differs from the current one
};

// The current product with the edit applied. The form's version goes up when the form changed,
// the rule set's version when the rules changed (its `since` becomes `today`, YYYY-MM-DD): a
// case records the form and rules it was decided on; a changed list of documents counts as a
// changed form (an application's uploads name their document by its place in the list). The
// statuses become the new zaaktype version's status types; results stay as they are.
EditOutcome apply_edit(const Product& current, const ProductEdit& edit, const std::string& today);

}  // namespace loket::catalog
