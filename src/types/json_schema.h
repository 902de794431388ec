// JSON Schema validation as MySQL's JSON_SCHEMA_VALID and JSON_SCHEMA_VALIDATION_REPORT do it:
// RapidJSON's validator of JSON Schema draft 4, over the schema's and the document's text.
// (types/)
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace porpoise::types {

// The outcome of one validation. When the document fails, where and why, as RapidJSON
// reports its first failure: JSON pointers in URI fragment form ("#/properties/a", "#/a").
struct JsonSchemaReport {
  bool valid = true;
  std::string schema_location;
  std::string document_location;
  std::string failed_keyword;  // "type", "required", "pattern", ...

  // MySQL's sentence: "The JSON document location '#/a' failed requirement 'type' at JSON
  // Schema location '#/properties/a'".
  std::string Reason() const;
};

// Whether `schema` can be a schema: JSON text (3141 naming argument 1 of `function`, 3157
// past the depth limit) of an object (3853).
Status CheckJsonSchema(std::string_view schema, std::string_view function);

// Validates the JSON text `document` against the JSON text `schema`. Errors: those of
// CheckJsonSchema; 3141 naming argument 2 or 3157 for the document; 1235 for a schema that
// refers to another document ("$ref" to a URI); 3699 / 3698 when a "pattern" ran past ICU's
// time or stack limit (MySQL's defaults of regexp_time_limit and regexp_stack_limit).
// A "pattern" is an ICU regular expression (MySQL's is C++'s std::regex, ECMAScript):
// both read the usual \d, \w, [...], (...), |, quantifiers and anchors alike.
Result<JsonSchemaReport> ValidateJsonSchema(std::string_view schema, std::string_view document,
                                            std::string_view function);

}  // namespace porpoise::types
