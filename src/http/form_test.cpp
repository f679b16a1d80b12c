#include "http/form.hpp"

#include <gtest/gtest.h>

#include "http/error.hpp"
#include "http/message.hpp"

namespace loket::http {
namespace {

TEST(Form, DecodesFields) {
  EXPECT_EQ(form_field("a=1&logout_token=x.y.z&c=a+b%21", "logout_token"), "x.y.z");
  EXPECT_EQ(form_field("a=1&c=a+b%21", "c"), "a b!");
  EXPECT_EQ(form_field("flag&a=1", "flag"), "");
  EXPECT_EQ(form_field("a=1", "b"), std::nullopt);
  EXPECT_EQ(form_field("a=%zz", "a"), std::nullopt);
  EXPECT_EQ(form_field("a=%4", "a"), std::nullopt);
  EXPECT_EQ(form_field("", "a"), std::nullopt);
}

// F7: a value that decodes to something other than clean text is malformed, not a value.
TEST(Form, ValuesThatAreNoCleanTextAreMalformed) {
  EXPECT_EQ(form_field("a=%C3%A9", "a"), "\xC3\xA9");  // é
  EXPECT_EQ(form_field("a=x%00y", "a"), std::nullopt);
  EXPECT_EQ(form_field("a=%FF", "a"), std::nullopt);
  EXPECT_EQ(form_field("a=%C0%AF", "a"), std::nullopt);  // overlong '/'
  EXPECT_EQ(form_field(std::string_view("a=\xFE", 3), "a"), std::nullopt);
  EXPECT_EQ(form_field(std::string_view("a=x\0y", 5), "a"), std::nullopt);
  EXPECT_EQ(find_form_field("a=%FF", "a").state, FormField::State::Malformed);
  EXPECT_EQ(find_form_field("a=%zz", "a").state, FormField::State::Malformed);
  EXPECT_EQ(find_form_field("b=1", "a").state, FormField::State::Absent);
  auto ok = find_form_field("b=%FF&a=1", "a");  // another field's bad value is not this one's
  EXPECT_EQ(ok.state, FormField::State::Present);
  EXPECT_EQ(ok.value, "1");
}

// A posted form's text: a browser's CRLF line ends count once; a malformed field is a 400 that
// names it; every value of a repeated field (checkboxes), the malformed ones left out.
TEST(Form, PostedTextAndRepeatedFields) {
  Request r;
  r.body = "note=a%0D%0Ab%0D%0A%0D%0Ac&bad=%FF&m=1&m=%FF&m=2";
  EXPECT_EQ(form_text(r, "note"), "a\nb\n\nc");
  EXPECT_EQ(form_text(r, "absent"), "");
  try {
    form_text(r, "bad");
    ADD_FAILURE() << "a malformed field must be refused";
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), 400);
    ASSERT_EQ(e.invalid_params().size(), 1u);
    EXPECT_EQ(e.invalid_params()[0].name, "bad");
  }
  EXPECT_EQ(form_texts(r, "m"), (std::vector<std::string>{"1", "2"}));
  EXPECT_TRUE(form_texts(r, "absent").empty());
}

}  // namespace
}  // namespace loket::http
