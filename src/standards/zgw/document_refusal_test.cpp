// The refusals of the documents domain become problems naming the field, with the status the
// refusal itself states.
#include "standards/zgw/document_refusal.hpp"

#include <gtest/gtest.h>

namespace loket::zgw {
namespace {

using documents::Refusal;
using documents::refuse;

TEST(DocumentRefusal, BecomesAProblemNamingTheField) {
  for (auto kind : {Refusal::Kind::TooLarge, Refusal::Kind::CaseLimit, Refusal::Kind::BadEncoding,
                    Refusal::Kind::TypeMismatch, Refusal::Kind::TypeNotAllowed,
                    Refusal::Kind::Infected, Refusal::Kind::NotScanned, Refusal::Kind::NotFound}) {
    auto refusal = refuse(kind, "inhoud", "Uitleg.");
    auto error = document_refusal_error(refusal);
    EXPECT_EQ(error.status(), refusal.status());
    EXPECT_EQ(error.detail(), "Uitleg.");
    if (refusal.status() == 400 || refusal.status() == 413) {
      ASSERT_EQ(error.invalid_params().size(), 1u);
      EXPECT_EQ(error.invalid_params()[0].name, "inhoud");
    }
  }
  EXPECT_EQ(document_refusal_error(refuse(Refusal::Kind::TypeMismatch, "formaat", "x"))
                .invalid_params()[0]
                .code,
            "media-type-mismatch");
}

}  // namespace
}  // namespace loket::zgw
