// JSON Schema validation: the verdict, the failure report and the errors of
// JSON_SCHEMA_VALID / JSON_SCHEMA_VALIDATION_REPORT.
#include "types/json_schema.h"

#include <gtest/gtest.h>

#include <string>

namespace porpoise::types {
namespace {

JsonSchemaReport Validate(std::string_view schema, std::string_view document) {
  Result<JsonSchemaReport> report = ValidateJsonSchema(schema, document, "json_schema_valid");
  EXPECT_TRUE(report.ok()) << schema << " / " << document << ": " << report.status().message();
  return report.ok() ? *report : JsonSchemaReport();
}

uint16_t ErrorOf(std::string_view schema, std::string_view document) {
  return ValidateJsonSchema(schema, document, "json_schema_valid").status().code();
}

TEST(JsonSchemaTest, AcceptsAndRejectsByType) {
  EXPECT_TRUE(Validate(R"({"type": "string"})", R"("text")").valid);
  EXPECT_FALSE(Validate(R"({"type": "string"})", "1").valid);
  EXPECT_TRUE(Validate("{}", R"({"anything": [1, 2]})").valid);
  EXPECT_TRUE(Validate(R"({"type": ["integer", "null"]})", "null").valid);
}

TEST(JsonSchemaTest, ReportsWhereTheFirstFailureIs) {
  JsonSchemaReport report = Validate(
      R"({"type": "object", "properties": {"age": {"type": "integer", "minimum": 18}}})",
      R"({"age": 12})");
  ASSERT_FALSE(report.valid);
  EXPECT_EQ(report.schema_location, "#/properties/age");
  EXPECT_EQ(report.document_location, "#/age");
  EXPECT_EQ(report.failed_keyword, "minimum");
  EXPECT_EQ(report.Reason(),
            "The JSON document location '#/age' failed requirement 'minimum' at JSON Schema "
            "location '#/properties/age'");
}

TEST(JsonSchemaTest, RequiredPropertiesFailAtTheObject) {
  JsonSchemaReport report =
      Validate(R"({"required": ["a", "b"], "properties": {"a": {}}})", R"({"a": 1})");
  ASSERT_FALSE(report.valid);
  EXPECT_EQ(report.failed_keyword, "required");
  EXPECT_EQ(report.document_location, "#");
  EXPECT_EQ(report.schema_location, "#");
}

TEST(JsonSchemaTest, ArraysEnumsAndCombinators) {
  EXPECT_FALSE(Validate(R"({"items": {"type": "number"}})", R"([1, "x"])").valid);
  EXPECT_EQ(Validate(R"({"items": {"type": "number"}})", R"([1, "x"])").document_location, "#/1");
  EXPECT_TRUE(Validate(R"({"enum": [1, "a", null]})", R"("a")").valid);
  EXPECT_FALSE(Validate(R"({"enum": [1, "a", null]})", R"("b")").valid);
  EXPECT_TRUE(Validate(R"({"anyOf": [{"type": "string"}, {"minimum": 5}]})", "7").valid);
  EXPECT_FALSE(Validate(R"({"not": {"type": "null"}})", "null").valid);
  EXPECT_TRUE(Validate(R"({"maxItems": 2, "uniqueItems": true})", "[1, 2]").valid);
  EXPECT_FALSE(Validate(R"({"uniqueItems": true})", "[1, 1]").valid);
}

TEST(JsonSchemaTest, LocalReferencesResolve) {
  const char* schema =
      R"({"definitions": {"pos": {"type": "integer", "minimum": 1}}, "properties": {"n": {"$ref": "#/definitions/pos"}}})";
  EXPECT_TRUE(Validate(schema, R"({"n": 3})").valid);
  EXPECT_FALSE(Validate(schema, R"({"n": 0})").valid);
}

TEST(JsonSchemaTest, ASchemaMayReferToItself) {
  // A reference that only leads back to references is refused, where RapidJSON 1.1.0 would
  // follow it forever.
  EXPECT_EQ(ErrorOf(R"({"$ref": "#"})", "1"), ER_NOT_SUPPORTED_YET);
  EXPECT_EQ(ErrorOf(R"({"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}})", "1"),
            ER_NOT_SUPPORTED_YET);
  const char* tree = R"({"type": "object", "properties": {"child": {"$ref": "#"}}})";
  EXPECT_TRUE(Validate(tree, R"({"child": {"child": {}}})").valid);
  EXPECT_EQ(Validate(tree, R"({"child": {"child": 1}})").document_location, "#/child/child");
}

TEST(JsonSchemaTest, PatternsAreRegularExpressionsSearchedAnywhere) {
  EXPECT_TRUE(Validate(R"({"pattern": "\\d{3}"})", R"("ab123")").valid);
  EXPECT_FALSE(Validate(R"({"pattern": "^\\d{3}$"})", R"("ab123")").valid);
  EXPECT_EQ(Validate(R"({"pattern": "^a"})", R"("b")").failed_keyword, "pattern");
  EXPECT_FALSE(
      Validate(R"({"patternProperties": {"^x_": {"type": "string"}}})", R"({"x_a": 1})").valid);
  // A pattern ICU cannot read constrains nothing, as one std::regex refuses does in MySQL.
  EXPECT_TRUE(Validate(R"({"pattern": "("})", R"("b")").valid);
}

TEST(JsonSchemaTest, ErrorsNameTheArgument) {
  EXPECT_EQ(ErrorOf("{", "1"), ER_INVALID_JSON_TEXT_IN_PARAM);
  EXPECT_EQ(ErrorOf("[1]", "1"), ER_INVALID_JSON_TYPE);
  EXPECT_EQ(ErrorOf(R"("x")", "1"), ER_INVALID_JSON_TYPE);
  EXPECT_EQ(ErrorOf("{}", "[1,"), ER_INVALID_JSON_TEXT_IN_PARAM);
  Status status = ValidateJsonSchema("{}", "[1,", "json_schema_valid").status();
  EXPECT_NE(status.message().find("argument 2 to function json_schema_valid"), std::string::npos)
      << status.message();
  EXPECT_EQ(ErrorOf(R"({"$ref": "http://example.com/s.json"})", "1"), ER_NOT_SUPPORTED_YET);
  EXPECT_EQ(ErrorOf("{}", std::string(150, '[') + std::string(150, ']')), ER_JSON_DOCUMENT_TOO_DEEP);
}

TEST(JsonSchemaTest, CheckAcceptsObjectsOnly) {
  EXPECT_TRUE(CheckJsonSchema(" {\"type\": \"string\"}", "f").ok());
  EXPECT_EQ(CheckJsonSchema("1", "f").code(), ER_INVALID_JSON_TYPE);
  EXPECT_EQ(CheckJsonSchema("1", "f").message(),
            "Invalid JSON type in argument 1 to function f; an object is required.");
}

}  // namespace
}  // namespace porpoise::types
