// JSON documents: reading, MySQL's printed form and key order, comparison, paths and the
// changes made through them.
#include "types/json.h"

#include <gtest/gtest.h>

#include "types/json_path.h"

namespace porpoise::types {
namespace {

JsonValue Json(std::string_view text) {
  JsonValue value;
  JsonParseError error;
  EXPECT_TRUE(ParseJson(text, &value, &error)) << text << ": " << error.message;
  return value;
}

std::string Normal(std::string_view text) { return PrintJson(Json(text)); }

JsonPath Path(std::string_view text) {
  Result<JsonPath> path = JsonPath::Parse(text);
  EXPECT_TRUE(path.ok()) << text;
  return path.ok() ? *path : JsonPath();
}

TEST(JsonTest, PrintsInMysqlsFormWithKeysByLengthThenBytes) {
  EXPECT_EQ(Normal(R"({"bb":1,"a":2,"c":[1,2.5,"x"],"aa":{}})"),
            R"({"a": 2, "c": [1, 2.5, "x"], "aa": {}, "bb": 1})");
  EXPECT_EQ(Normal("[]"), "[]");
  EXPECT_EQ(Normal(" true "), "true");
  EXPECT_EQ(Normal("1e2"), "100.0");
  EXPECT_EQ(Normal("1.0"), "1.0");
  EXPECT_EQ(Normal("-0.5"), "-0.5");
  EXPECT_EQ(Normal("18446744073709551615"), "18446744073709551615");
  EXPECT_EQ(Normal(R"("a\"b\\c\n\u0001/é")"), "\"a\\\"b\\\\c\\n\\u0001/é\"");
}

TEST(JsonTest, PrintedTextKeepsDecimalScale) {
  JsonValue value;
  JsonParseError error;
  ASSERT_TRUE(ParseJson("[1.50, 1.5, 2, 100.0, 1e100, -7]", &value, &error, nullptr,
                        JsonNumbers::kPrinted));
  EXPECT_EQ(PrintJson(value), "[1.50, 1.5, 2, 100.0, 1e100, -7]");
  EXPECT_EQ(value.elements()[0].kind(), JsonKind::kDecimal);
  EXPECT_EQ(value.elements()[1].kind(), JsonKind::kDouble);
  EXPECT_EQ(value.elements()[2].kind(), JsonKind::kInteger);
  ASSERT_TRUE(ParseJson("[1.50]", &value, &error));
  EXPECT_EQ(PrintJson(value), "[1.5]");
  // Digits past BIGINT's range with no point are a DECIMAL's (a DOUBLE prints an exponent).
  ASSERT_TRUE(ParseJson("[-9223372036854775809, 18446744073709551616]", &value, &error, nullptr,
                        JsonNumbers::kPrinted));
  EXPECT_EQ(PrintJson(value), "[-9223372036854775809, 18446744073709551616]");
  EXPECT_EQ(value.elements()[0].kind(), JsonKind::kDecimal);
  ASSERT_TRUE(ParseJson("[18446744073709551616]", &value, &error));
  EXPECT_EQ(PrintJson(value), "[1.8446744073709552e19]");
}

TEST(JsonTest, LaterDuplicateKeysWin) {
  EXPECT_EQ(Normal(R"({"a":1,"b":2,"a":3})"), R"({"a": 3, "b": 2})");
}

TEST(JsonTest, ErrorsAreRapidJsonsWithOffsets) {
  JsonValue value;
  JsonParseError error;
  EXPECT_FALSE(ParseJson("", &value, &error));
  EXPECT_EQ(error.message, "The document is empty.");
  EXPECT_FALSE(ParseJson("{\"a\" 1}", &value, &error));
  EXPECT_EQ(error.message, "Missing a colon after a name of object member.");
  EXPECT_EQ(error.offset, 5u);
  EXPECT_FALSE(ParseJson(std::string_view("[1]\0 2", 6), &value, &error));
  EXPECT_EQ(error.offset, 3u);
  EXPECT_FALSE(ParseJson(std::string_view("\"a\0b\"", 5), &value, &error));
  EXPECT_FALSE(ParseJson("[1] x", &value, &error));
  EXPECT_EQ(error.message, "The document root must not be followed by other values.");
  EXPECT_EQ(error.offset, 4u);
  bool too_deep = false;
  EXPECT_FALSE(ParseJson(std::string(101, '[') + std::string(101, ']'), &value, &error, &too_deep));
  EXPECT_TRUE(too_deep);
  EXPECT_TRUE(ParseJson(std::string(100, '[') + std::string(100, ']'), &value, &error));
}

TEST(JsonTest, PrettyLayout) {
  EXPECT_EQ(PrintJson(Json(R"({"a":[1,{"b":null}],"c":{}})"), true),
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": {}\n}");
}

TEST(JsonTest, ComparisonFollowsKindPrecedence) {
  EXPECT_LT(CompareJson(Json("null"), Json("1")), 0);
  EXPECT_LT(CompareJson(Json("99"), Json("\"a\"")), 0);
  EXPECT_LT(CompareJson(Json("\"z\""), Json("{}")), 0);
  EXPECT_LT(CompareJson(Json("{}"), Json("[]")), 0);
  EXPECT_LT(CompareJson(Json("[]"), Json("false")), 0);
  EXPECT_EQ(CompareJson(Json("1"), Json("1.0")), 0);
  EXPECT_LT(CompareJson(Json("-1"), Json("18446744073709551615")), 0);
  EXPECT_LT(CompareJson(Json("[\"ab\", \"cd\", \"ef\"]"), Json("[\"ab\", \"ef\"]")), 0);
  EXPECT_EQ(CompareJson(Json(R"({"a":1,"b":2})"), Json(R"({"b":2,"a":1})")), 0);
  EXPECT_LT(CompareJson(Json("\"A\""), Json("\"a\"")), 0);
}

TEST(JsonPathTest, ParsesAndPrints) {
  EXPECT_EQ(Path("$").ToString(), "$");
  EXPECT_EQ(Path("$.a[1].\"b c\"").ToString(), "$.a[1].\"b c\"");
  EXPECT_EQ(Path(" $ . a [ last - 1 ] ").ToString(), "$.a[last-1]");
  EXPECT_EQ(Path("$[1 to 3]").ToString(), "$[1 to 3]");
  EXPECT_TRUE(Path("$**.b").HasWildcard());
  EXPECT_FALSE(Path("$.a[0]").HasWildcard());
  for (std::string_view bad : {"", "a", "$.", "$[", "$[a]", "$**", "$.a.", "$[3 to 1]", "$.1a"}) {
    Result<JsonPath> path = JsonPath::Parse(bad);
    ASSERT_FALSE(path.ok()) << bad;
    EXPECT_EQ(path.status().code(), ER_INVALID_JSON_PATH);
  }
}

std::string Found(std::string_view doc, std::string_view path) {
  JsonValue value = Json(doc);
  JsonValue array = JsonValue::Array();
  for (const JsonValue* found : FindJson(value, Path(path))) array.Append(*found);
  return PrintJson(array);
}

TEST(JsonPathTest, FindsValues) {
  std::string_view doc = R"({"a": [1, 2, {"b": 3}], "b": {"b": 4}, "c d": 5})";
  EXPECT_EQ(Found(doc, "$.a[2].b"), "[3]");
  EXPECT_EQ(Found(doc, "$.a[last]"), R"([{"b": 3}])");
  EXPECT_EQ(Found(doc, "$.a[0 to 1]"), "[1, 2]");
  EXPECT_EQ(Found(doc, "$.\"c d\""), "[5]");
  EXPECT_EQ(Found(doc, "$**.b"), R"([{"b": 4}, 3, 4])");
  EXPECT_EQ(Found(doc, "$.*"), R"([[1, 2, {"b": 3}], {"b": 4}, 5])");
  EXPECT_EQ(Found(doc, "$.b[0].b"), "[4]");  // a non-array is its own element 0
  EXPECT_EQ(Found(doc, "$.b[1]"), "[]");
  EXPECT_EQ(Found(doc, "$.x"), "[]");
}

std::string Changed(std::string_view doc, std::string_view path, std::string_view value,
                    JsonSetMode mode) {
  JsonValue json = Json(doc);
  SetJson(&json, Path(path), Json(value), mode);
  return PrintJson(json);
}

TEST(JsonPathTest, SetInsertReplace) {
  std::string_view doc = R"({"a": 1, "b": [2, 3]})";
  EXPECT_EQ(Changed(doc, "$.a", "10", JsonSetMode::kSet), R"({"a": 10, "b": [2, 3]})");
  EXPECT_EQ(Changed(doc, "$.c", "10", JsonSetMode::kSet), R"({"a": 1, "b": [2, 3], "c": 10})");
  EXPECT_EQ(Changed(doc, "$.a", "10", JsonSetMode::kInsert), doc);
  EXPECT_EQ(Changed(doc, "$.c", "10", JsonSetMode::kReplace), doc);
  EXPECT_EQ(Changed(doc, "$.b[5]", "4", JsonSetMode::kSet), R"({"a": 1, "b": [2, 3, 4]})");
  EXPECT_EQ(Changed(doc, "$.a[1]", "4", JsonSetMode::kSet), R"({"a": [1, 4], "b": [2, 3]})");
  EXPECT_EQ(Changed(doc, "$.a[0]", "4", JsonSetMode::kReplace), R"({"a": 4, "b": [2, 3]})");
  EXPECT_EQ(Changed(doc, "$.x.y", "4", JsonSetMode::kSet), doc);
}

TEST(JsonPathTest, RemoveAppendInsertMerge) {
  JsonValue doc = Json(R"({"a": [1, 2, 3], "b": 1})");
  RemoveJson(&doc, Path("$.a[1]"));
  RemoveJson(&doc, Path("$.b"));
  EXPECT_EQ(PrintJson(doc), R"({"a": [1, 3]})");
  ArrayAppendJson(&doc, Path("$.a"), Json("4"));
  ArrayInsertJson(&doc, Path("$.a[0]"), Json("0"));
  ArrayInsertJson(&doc, Path("$.a[100]"), Json("9"));
  EXPECT_EQ(PrintJson(doc), R"({"a": [0, 1, 3, 4, 9]})");
  EXPECT_EQ(PrintJson(MergePreserve(Json(R"({"a": 1})"), Json(R"({"a": 2, "b": 3})"))),
            R"({"a": [1, 2], "b": 3})");
  EXPECT_EQ(PrintJson(MergePreserve(Json("[1]"), Json("true"))), "[1, true]");
  EXPECT_EQ(PrintJson(MergePatch(Json(R"({"a": 1, "b": 2})"), Json(R"({"a": null, "c": 3})"))),
            R"({"b": 2, "c": 3})");
}

TEST(JsonPathTest, ContainsAndOverlaps) {
  EXPECT_TRUE(JsonContains(Json(R"({"a": 1, "b": [2, 3]})"), Json(R"({"b": [3]})")));
  EXPECT_FALSE(JsonContains(Json(R"({"a": 1})"), Json("1")));
  EXPECT_TRUE(JsonContains(Json("[1, [2, 3]]"), Json("[[2]]")));
  EXPECT_TRUE(JsonContains(Json("[1, 2]"), Json("2")));
  EXPECT_TRUE(JsonOverlaps(Json("[1, 3, 5]"), Json("[2, 5]")));
  EXPECT_FALSE(JsonOverlaps(Json(R"({"a": 1})"), Json(R"({"a": 2})")));
  EXPECT_TRUE(JsonOverlaps(Json("[1, 2]"), Json("2")));
}

}  // namespace
}  // namespace porpoise::types
