#pragma once
// A JSON Schema validator compiled once from the OpenAPI document, for the subset of JSON Schema
// 2020-12 the spec uses or plausibly could (type with null, properties, required,
// additionalProperties, items, enum, const, numeric, length, item and property-count bounds,
// pattern, dependentRequired, formats date-time, date, email, uri, uuid, int32, int64 (float,
// double, binary, password as annotations), allOf/anyOf/oneOf, $ref to the same document with its
// siblings applying too). The compiler is an allow-list: any other keyword, a misspelling, or an
// unknown format is a compile error naming the keyword and the schema's place.
// Why not valijson: its messages do not say what was expected ("Value type not permitted"), and its
// date-time check compiles a std::regex per value. Here every violation names the field and the
// rule, and validation allocates only when it fails.

#include <deque>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.h"

namespace lsm {

struct Violation {
  std::string path;     // "title", "guests[0]", "data.creator._id"; empty for the value itself
  std::string message;  // "must not be empty"
  // The rule broken sits under a schema marked x-inferred (a decided fact, not a documented one).
  bool inferred = false;
  // A field the schema does not name where `additionalProperties: false` allows none. The pages
  // never say "no other fields", so a reader of a real server treats this as a decided fact.
  bool extra_field = false;
  std::string toString(const std::string& root_name) const;
};

// "data.list[3].__v" -> "data.list[].__v": one fact, whichever item shows it (the contract
// suite's findings and --proxy's drift log group by it).
std::string factPath(const std::string& path);

struct SchemaNode;

// A compiled schema. Cheap to copy; the nodes live in the SchemaCompiler that made it, which must
// outlive it.
class Schema {
 public:
  Schema() = default;
  explicit Schema(const SchemaNode* root) : root_(root) {}
  bool valid() const { return root_ != nullptr; }
  // True when `value` conforms. Violations are appended to `out` when it is not null.
  bool validate(const nlohmann::json& value, std::vector<Violation>* out) const;
  const SchemaNode* node() const { return root_; }
  // The schema a value at `path` inside this one must satisfy (steps: property names, "[]" for
  // an array's items), followed through $ref and allOf: `{"data","list","[]"}` of a history
  // page's envelope is the chat message's schema. Invalid unless exactly one node there checks
  // something (SuccessEnvelope's bare `data` beside an operation's own does not count).
  Schema at(const std::vector<std::string>& path) const;

 private:
  const SchemaNode* root_ = nullptr;
};

class SchemaCompiler {
 public:
  // `document` holds everything a "#/..." reference may point at; it must outlive compile() calls.
  explicit SchemaCompiler(const nlohmann::json& document);
  ~SchemaCompiler();
  SchemaCompiler(const SchemaCompiler&) = delete;
  SchemaCompiler& operator=(const SchemaCompiler&) = delete;

  // Compiles `schema` (a part of the document, or any schema whose refs point into it). Errors
  // name the JSON pointer of the unsupported or broken construct.
  Result<Schema> compile(const nlohmann::json& schema, const std::string& where);

 private:
  Result<const SchemaNode*> compileNode(const nlohmann::json& schema, const std::string& where);
  Result<const SchemaNode*> resolveRef(const std::string& ref, const std::string& where);

  const nlohmann::json& document_;
  std::deque<std::unique_ptr<SchemaNode>> nodes_;
  std::unordered_map<std::string, const SchemaNode*> refs_;
};

// Resolves a local JSON pointer ("#/components/schemas/X"); nullptr when it does not exist.
const nlohmann::json* resolvePointer(const nlohmann::json& document, const std::string& ref);
// One JSON-pointer token: '~' -> "~0", '/' -> "~1" (a path template as a key of `paths`).
std::string escapePointer(const std::string& s);

// Counts UTF-8 code points; nullopt when `s` is not valid UTF-8.
std::optional<size_t> utf8Length(std::string_view s);

}  // namespace lsm
