#include "validation/schema.h"

#include <cctype>
#include <cmath>
#include <sstream>

#include "core/json_fragment.h"
#include "core/json_parse.h"
#include "core/time.h"

namespace lsm {

using nlohmann::json;

enum TypeBit : unsigned {
  kNull = 1,
  kBoolean = 2,
  kInteger = 4,
  kNumber = 8,  // any number, integers included
  kString = 16,
  kArray = 32,
  kObject = 64,
};

// The formats the validator checks; kAnnotation: one it knows and accepts as documentation
// (float, double, binary, password). Any other format is a compile error.
enum class Format { kNone, kAnnotation, kDateTime, kDate, kEmail, kUri, kUuid, kInt32, kInt64 };

struct SchemaNode {
  const SchemaNode* ref = nullptr;  // 2020-12: $ref applies alongside its sibling keywords
  unsigned types = 0;               // 0: any type
  std::vector<std::pair<std::string, const SchemaNode*>> properties;
  std::vector<std::string> required;
  bool additional_allowed = true;
  const SchemaNode* additional = nullptr;
  const SchemaNode* items = nullptr;
  std::optional<double> minimum, maximum, exclusive_minimum, exclusive_maximum;
  std::optional<size_t> min_length, max_length, min_items, max_items, min_properties,
      max_properties;
  std::vector<std::pair<std::string, std::vector<std::string>>> dependent_required;
  std::optional<std::regex> pattern;
  std::string pattern_source;
  bool object_id_pattern = false;
  Format format = Format::kNone;
  std::vector<json> enum_values;
  std::optional<json> const_value;
  std::vector<const SchemaNode*> all_of, any_of, one_of;
  bool never = false;     // the schema `false`
  bool inferred = false;  // x-inferred: true
};

namespace {

// True when `n` itself checks something of a value: any keyword validateOwn reads but allOf,
// anyOf and oneOf. A node without (only $ref, compositions or annotations) passes what its $ref
// and compositions pass. Keep in step with SchemaNode and validateOwn.
bool constrainsValue(const SchemaNode* n) {
  return n->never || n->types != 0 || !n->properties.empty() || !n->required.empty() ||
         !n->additional_allowed || n->additional || n->items || n->minimum || n->maximum ||
         n->exclusive_minimum || n->exclusive_maximum || n->min_length || n->max_length ||
         n->min_items || n->max_items || n->min_properties || n->max_properties ||
         !n->dependent_required.empty() || n->pattern || n->object_id_pattern ||
         n->format != Format::kNone || !n->enum_values.empty() || n->const_value;
}

// A node that checks nothing at all: not a place a value's shape is decided.
bool isUnconstrained(const SchemaNode* n) {
  return !constrainsValue(n) && !n->ref && n->all_of.empty() && n->any_of.empty() &&
         n->one_of.empty();
}

// Whether a fragment checked against `checked` conforms to `n` without looking at it: `n` is
// that node, or leads to it through $refs and compositions that check nothing themselves. False
// means "not known", not "invalid".
bool acceptsFragment(const SchemaNode* n, const void* checked, size_t depth) {
  if (n == checked) return true;
  if (!checked || depth > kMaxWalkDepth || constrainsValue(n) || !n->one_of.empty()) return false;
  if (n->ref && !acceptsFragment(n->ref, checked, depth + 1)) return false;
  for (const SchemaNode* s : n->all_of) {
    if (!acceptsFragment(s, checked, depth + 1)) return false;
  }
  if (n->any_of.empty()) return true;
  for (const SchemaNode* s : n->any_of) {
    if (acceptsFragment(s, checked, depth + 1)) return true;
  }
  return false;
}

std::string joinPath(const std::string& base, const std::string& name) {
  return base.empty() ? name : base + "." + name;
}

// Paths only matter in violations; a pass that collects none (out == nullptr) skips building them.
std::string childPath(const std::vector<Violation>* out, const std::string& base,
                      const std::string& name) {
  return out ? joinPath(base, name) : std::string();
}
std::string itemPath(const std::vector<Violation>* out, const std::string& base, size_t index) {
  return out ? base + "[" + std::to_string(index) + "]" : std::string();
}

// '^[0-9a-fA-F]{24}$' (an ObjectId) is the pattern nearly every id carries; checked without
// std::regex, which costs a microsecond per match.
bool isObjectIdPattern(const std::string& source) {
  return source == "^[0-9a-fA-F]{24}$";
}
bool isObjectId(const std::string& s) {
  if (s.size() != 24) return false;
  for (char c : s) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string typeNames(unsigned types) {
  static const std::pair<unsigned, const char*> kNames[] = {
      {kString, "a string"},   {kInteger, "an integer"}, {kNumber, "a number"},
      {kBoolean, "a boolean"}, {kArray, "an array"},     {kObject, "an object"},
      {kNull, "null"}};
  std::string out;
  for (const auto& [bit, name] : kNames) {
    if (!(types & bit)) continue;
    if (bit == kInteger && (types & kNumber)) continue;
    if (!out.empty()) out += " or ";
    out += name;
  }
  return out;
}

std::string numberText(double v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

unsigned typeOf(const json& v) {
  switch (v.type()) {
    case json::value_t::null:
      return kNull;
    case json::value_t::boolean:
      return kBoolean;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return kInteger | kNumber;
    case json::value_t::number_float: {
      double d = v.get<double>();
      return std::isfinite(d) && std::floor(d) == d ? (kInteger | kNumber) : kNumber;
    }
    case json::value_t::string:
      return kString;
    case json::value_t::array:
      return kArray;
    case json::value_t::object:
      return kObject;
    default:
      return 0;
  }
}

bool validateNode(const SchemaNode* n, const json& v, const std::string& path,
                  std::vector<Violation>* out, bool inferred, size_t depth);

bool validateOwn(const SchemaNode* n, const json& v, unsigned t, const std::string& path,
                 std::vector<Violation>* out, bool inferred, size_t depth);

void add(std::vector<Violation>* out, const std::string& path, std::string message, bool inferred,
         bool extra_field = false) {
  if (out) out->push_back({path, std::move(message), inferred, extra_field});
}

// True when `n` or a schema its $ref chain leads to is marked x-inferred.
bool isInferred(const SchemaNode* n) {
  for (size_t hops = 0; n && hops <= kMaxWalkDepth; n = n->ref, ++hops) {
    if (n->inferred) return true;
  }
  return false;
}

// The types `s` admits, its own and its $ref chain's together (0: any).
unsigned declaredTypes(const SchemaNode* s) {
  unsigned types = 0;
  for (size_t hops = 0; s && hops <= kMaxWalkDepth; s = s->ref, ++hops) {
    if (s->types) types = types ? (types & s->types) : s->types;
  }
  return types;
}

// anyOf (exactly_one false) or oneOf (true) over `branches`.
bool validateBranches(const std::vector<const SchemaNode*>& branches, bool exactly_one,
                      const json& v, const std::string& path, std::vector<Violation>* out,
                      bool inferred, size_t depth) {
  int matched = 0;
  for (const SchemaNode* s : branches) {
    if (validateNode(s, v, path, nullptr, inferred, depth + 1)) ++matched;
  }
  if (exactly_one ? matched == 1 : matched >= 1) return true;
  if (!out) return false;
  if (matched > 1) {
    add(out, path, "matches more than one of the allowed shapes", inferred);
    return false;
  }
  // Explain with the first branch that accepts the value's type, if any.
  for (const SchemaNode* s : branches) {
    const unsigned types = declaredTypes(s);
    if (types == 0 || (types & typeOf(v))) {
      validateNode(s, v, path, out, inferred, depth + 1);
      return false;
    }
  }
  unsigned all = 0;
  for (const SchemaNode* s : branches)
    all |= declaredTypes(s);
  add(out, path, "must be " + typeNames(all), inferred);
  return false;
}

bool validateComposition(const SchemaNode* n, const json& v, const std::string& path,
                         std::vector<Violation>* out, bool inferred, size_t depth) {
  bool ok = true;
  for (const SchemaNode* s : n->all_of) {
    if (!validateNode(s, v, path, out, inferred, depth + 1)) {
      ok = false;
      if (!out) return false;
    }
  }
  // Both apply when a node has both.
  if (!n->any_of.empty() && !validateBranches(n->any_of, false, v, path, out, inferred, depth)) {
    ok = false;
    if (!out) return false;
  }
  if (!n->one_of.empty() && !validateBranches(n->one_of, true, v, path, out, inferred, depth)) {
    ok = false;
  }
  return ok;
}

// What a string of format `f` must be, when `s` is not; nullopt when it conforms.
std::optional<std::string> formatProblem(Format f, const std::string& s);
// The same for a number (int32, int64).
std::optional<std::string> formatProblem(Format f, const json& number);

bool validateNode(const SchemaNode* n, const json& v, const std::string& path,
                  std::vector<Violation>* out, bool inferred, size_t depth) {
  // x-inferred here, or beside the $ref that led here, marks everything under it as decided.
  inferred = inferred || n->inferred;
  // Recursive over the value and over allOf/anyOf/oneOf/$ref: bounded, so neither a deep value
  // nor a schema that refers to itself without descending can exhaust the stack.
  if (depth > kMaxWalkDepth) {
    add(out, path, depthMessage(kMaxWalkDepth), inferred);
    return false;
  }
  if (isJsonFragment(v)) {
    // Made and validated earlier (core/json_fragment.h). Where the node it was checked against
    // applies it conforms; anywhere else its text is validated here like any other value.
    if (acceptsFragment(n, fragmentCheckedAgainst(v), 0)) return true;
    auto parsed = parseJson(fragmentText(v));
    if (!parsed) {
      add(out, path, parsed.error().details.at(0), inferred);
      return false;
    }
    return validateNode(n, *parsed, path, out, inferred, depth);
  }
  const unsigned t = typeOf(v);
  // 2020-12: the $ref's target applies, and so do the keywords beside it (validateOwn).
  bool ok = true;
  if (n->ref && !validateNode(n->ref, v, path, out, inferred, depth + 1)) {
    if (!out) return false;
    ok = false;
    // A value of the wrong type for the target is explained once, by the target.
    const unsigned target = declaredTypes(n->ref);
    if (target && !(target & t)) return false;
  }
  const bool own = validateOwn(n, v, t, path, out, inferred, depth);
  return own && ok;
}

bool validateOwn(const SchemaNode* n, const json& v, unsigned t, const std::string& path,
                 std::vector<Violation>* out, bool inferred, size_t depth) {
  if (n->never) {
    add(out, path, "is not allowed", inferred);
    return false;
  }
  if (n->types && !(n->types & t)) {
    add(out, path, "must be " + typeNames(n->types), inferred);
    return false;
  }
  bool ok = true;
  auto fail = [&](std::string message) {
    ok = false;
    add(out, path, std::move(message), inferred);
  };

  if (!n->enum_values.empty()) {
    bool found = false;
    for (const json& e : n->enum_values) {
      if (e == v) {
        found = true;
        break;
      }
    }
    if (!found) {
      std::string list;
      for (const json& e : n->enum_values) {
        if (!list.empty()) list += ", ";
        list += e.is_string() ? e.get<std::string>() : e.dump();
      }
      fail("must be one of: " + list);
    }
  }
  if (n->const_value && *n->const_value != v) {
    fail("must be " + (n->const_value->is_string() ? n->const_value->get<std::string>()
                                                   : n->const_value->dump()));
  }

  if (t & kNumber) {
    double d = v.get<double>();
    if (n->minimum && d < *n->minimum) fail("must be at least " + numberText(*n->minimum));
    if (n->maximum && d > *n->maximum) fail("must be at most " + numberText(*n->maximum));
    if (n->exclusive_minimum && d <= *n->exclusive_minimum) {
      fail("must be greater than " + numberText(*n->exclusive_minimum));
    }
    if (n->exclusive_maximum && d >= *n->exclusive_maximum) {
      fail("must be less than " + numberText(*n->exclusive_maximum));
    }
    if (auto problem = formatProblem(n->format, v)) fail(*problem);
  } else if (t == kString) {
    const std::string& s = v.get_ref<const std::string&>();
    if (n->min_length || n->max_length) {
      auto len = utf8Length(s);
      if (!len) {
        fail("must be valid UTF-8");
      } else if (n->min_length && *len < *n->min_length) {
        fail(*n->min_length == 1
                 ? "must not be empty"
                 : "must be at least " + std::to_string(*n->min_length) + " characters long");
      } else if (n->max_length && *len > *n->max_length) {
        fail("must be at most " + std::to_string(*n->max_length) + " characters long");
      }
    }
    if (n->pattern && !(n->object_id_pattern ? isObjectId(s) : std::regex_search(s, *n->pattern))) {
      fail("must match the pattern " + n->pattern_source);
    }
    if (auto problem = formatProblem(n->format, s)) fail(*problem);
  } else if (t == kArray) {
    if (n->min_items && v.size() < *n->min_items) {
      fail("must have at least " + std::to_string(*n->min_items) + " items");
    }
    if (n->max_items && v.size() > *n->max_items) {
      fail("must have at most " + std::to_string(*n->max_items) + " items");
    }
    if (n->items) {
      for (size_t i = 0; i < v.size(); ++i) {
        if (!validateNode(n->items, v[i], itemPath(out, path, i), out, inferred, depth + 1)) {
          ok = false;
          if (!out) return false;
        }
      }
    }
  } else if (t == kObject) {
    if (n->min_properties && v.size() < *n->min_properties) {
      fail("must have at least " + std::to_string(*n->min_properties) +
           (*n->min_properties == 1 ? " field" : " fields"));
    }
    if (n->max_properties && v.size() > *n->max_properties) {
      fail("must have at most " + std::to_string(*n->max_properties) +
           (*n->max_properties == 1 ? " field" : " fields"));
    }
    for (const auto& [given, needed] : n->dependent_required) {
      if (!v.contains(given)) continue;
      for (const std::string& r : needed) {
        if (v.contains(r)) continue;
        ok = false;
        add(out, joinPath(path, r), "is required when " + given + " is given", inferred);
      }
    }
    for (const std::string& r : n->required) {
      if (!v.contains(r)) {
        ok = false;
        const SchemaNode* prop = nullptr;
        for (const auto& p : n->properties) {
          if (p.first == r) prop = p.second;
        }
        add(out, joinPath(path, r), "is required", inferred || isInferred(prop));
      }
    }
    for (const auto& [key, value] : v.items()) {
      const SchemaNode* prop = nullptr;
      for (const auto& p : n->properties) {
        if (p.first == key) {
          prop = p.second;
          break;
        }
      }
      if (prop) {
        if (!validateNode(prop, value, childPath(out, path, key), out, inferred, depth + 1)) {
          ok = false;
          if (!out) return false;
        }
      } else if (n->additional) {
        if (!validateNode(n->additional, value, childPath(out, path, key), out, inferred,
                          depth + 1)) {
          ok = false;
          if (!out) return false;
        }
      } else if (!n->additional_allowed) {
        ok = false;
        add(out, joinPath(path, key), "is not an allowed field", inferred, /*extra_field=*/true);
      }
    }
  }
  if (!ok && !out) return false;
  if (!validateComposition(n, v, path, out, inferred, depth)) ok = false;
  return ok;
}

// The keywords compileNode gives a meaning to.
bool isImplementedKeyword(const std::string& key) {
  static const char* const kImplemented[] = {"$ref",
                                             "type",
                                             "properties",
                                             "required",
                                             "additionalProperties",
                                             "items",
                                             "enum",
                                             "const",
                                             "minimum",
                                             "maximum",
                                             "exclusiveMinimum",
                                             "exclusiveMaximum",
                                             "minLength",
                                             "maxLength",
                                             "minItems",
                                             "maxItems",
                                             "minProperties",
                                             "maxProperties",
                                             "pattern",
                                             "format",
                                             "allOf",
                                             "anyOf",
                                             "oneOf",
                                             "dependentRequired",
                                             "x-inferred"};
  for (const char* k : kImplemented) {
    if (key == k) return true;
  }
  return false;
}

// Keywords that document and never constrain (JSON Schema's annotations and containers, OpenAPI's
// documentation fields, every extension x-*): accepted and ignored.
bool isAnnotation(const std::string& key) {
  static const char* const kAnnotations[] = {
      "title",         "description", "examples",    "example",          "default",
      "deprecated",    "readOnly",    "writeOnly",   "$comment",         "$schema",
      "$id",           "definitions", "$defs",       "contentMediaType", "contentEncoding",
      "discriminator", "xml",         "externalDocs"};
  if (key.rfind("x-", 0) == 0) return true;
  for (const char* k : kAnnotations) {
    if (key == k) return true;
  }
  return false;
}

std::optional<Format> formatNamed(const std::string& name) {
  static const std::pair<const char*, Format> kFormats[] = {
      {"date-time", Format::kDateTime}, {"date", Format::kDate},
      {"email", Format::kEmail},        {"uri", Format::kUri},
      {"uuid", Format::kUuid},          {"int32", Format::kInt32},
      {"int64", Format::kInt64},        {"float", Format::kAnnotation},
      {"double", Format::kAnnotation},  {"binary", Format::kAnnotation},
      {"password", Format::kAnnotation}};
  for (const auto& [text, format] : kFormats) {
    if (name == text) return format;
  }
  return std::nullopt;
}

bool isDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// RFC 3339 full-date: YYYY-MM-DD, a real day of the Gregorian calendar.
bool isFullDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  const std::string_view v(s);
  if (!isDigits(v.substr(0, 4)) || !isDigits(v.substr(5, 2)) || !isDigits(v.substr(8, 2))) {
    return false;
  }
  const int year = std::stoi(s.substr(0, 4)), month = std::stoi(s.substr(5, 2)),
            day = std::stoi(s.substr(8, 2));
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

// local@domain: no blanks or control characters, one @, a dotted domain without empty labels.
bool isEmail(const std::string& s) {
  const size_t at = s.find('@');
  if (at == std::string::npos || at == 0 || s.find('@', at + 1) != std::string::npos) return false;
  for (unsigned char c : s) {
    if (c <= 0x20 || c == 0x7f) return false;
  }
  const std::string domain = s.substr(at + 1);
  if (domain.find('.') == std::string::npos || domain.front() == '.' || domain.back() == '.' ||
      domain.find("..") != std::string::npos) {
    return false;
  }
  return true;
}

// RFC 3986 absolute URI: scheme ":" then no blanks or control characters.
bool isAbsoluteUri(const std::string& s) {
  const size_t colon = s.find(':');
  if (colon == std::string::npos || colon == 0 || !std::isalpha(static_cast<unsigned char>(s[0]))) {
    return false;
  }
  for (size_t i = 1; i < colon; ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (!std::isalnum(c) && c != '+' && c != '-' && c != '.') return false;
  }
  for (unsigned char c : s) {
    if (c <= 0x20 || c == 0x7f) return false;
  }
  return colon + 1 < s.size();
}

// 8-4-4-4-12 hex digits.
bool isUuid(const std::string& s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

std::optional<std::string> formatProblem(Format f, const std::string& s) {
  switch (f) {
    case Format::kDateTime:
      if (!isIsoDateTime(s))
        return "must be an ISO-8601 date-time such as 2026-01-15T10:30:00.000Z";
      break;
    case Format::kDate:
      if (!isFullDate(s)) return "must be a date such as 2026-01-15";
      break;
    case Format::kEmail:
      if (!isEmail(s)) return "must be an email address";
      break;
    case Format::kUri:
      if (!isAbsoluteUri(s)) return "must be an absolute URI";
      break;
    case Format::kUuid:
      if (!isUuid(s)) return "must be a UUID";
      break;
    default:
      break;
  }
  return std::nullopt;
}

std::optional<std::string> formatProblem(Format f, const json& number) {
  if (f != Format::kInt32 && f != Format::kInt64) return std::nullopt;
  const bool int32 = f == Format::kInt32;
  const std::string message = int32 ? "must fit in 32 bits (int32)" : "must fit in 64 bits (int64)";
  if (number.is_number_unsigned()) {
    const auto u = number.get<json::number_unsigned_t>();
    if (u > (int32 ? 2147483647ULL : 9223372036854775807ULL)) return message;
  } else if (number.is_number_integer()) {
    const auto i = number.get<json::number_integer_t>();
    if (int32 && (i < -2147483648LL || i > 2147483647LL)) return message;
  } else {
    const double d = number.get<double>();
    if (int32 ? (d < -2147483648.0 || d > 2147483647.0)
              : (d < -9223372036854775808.0 || d >= 9223372036854775808.0)) {
      return message;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string Violation::toString(const std::string& root_name) const {
  return (path.empty() ? root_name : path) + ": " + message;
}

namespace {

// The nodes that apply to the member `step` ("[]": the items) of a value `n` applies to.
void collectMember(const SchemaNode* n, const std::string& step,
                   std::vector<const SchemaNode*>* found, size_t depth) {
  if (depth > kMaxWalkDepth) return;
  if (step == "[]") {
    if (n->items) found->push_back(n->items);
  } else {
    for (const auto& [name, node] : n->properties) {
      if (name == step) found->push_back(node);
    }
  }
  if (n->ref) collectMember(n->ref, step, found, depth + 1);
  for (const SchemaNode* s : n->all_of)
    collectMember(s, step, found, depth + 1);
}

// The end of a chain of nodes that are only a $ref.
const SchemaNode* followRefs(const SchemaNode* n) {
  for (size_t hops = 0; hops <= kMaxWalkDepth && !constrainsValue(n) && n->ref &&
                        n->all_of.empty() && n->any_of.empty() && n->one_of.empty();
       ++hops) {
    n = n->ref;
  }
  return n;
}

}  // namespace

Schema Schema::at(const std::vector<std::string>& path) const {
  const SchemaNode* n = root_;
  for (const std::string& step : path) {
    if (!n) return Schema();
    std::vector<const SchemaNode*> found;
    collectMember(n, step, &found, 0);
    const SchemaNode* only = nullptr;
    for (const SchemaNode* candidate : found) {
      if (isUnconstrained(followRefs(candidate))) continue;
      if (only) return Schema();  // two shapes apply: no one node decides
      only = candidate;
    }
    n = only ? followRefs(only) : nullptr;
  }
  return Schema(n);
}

bool Schema::validate(const json& value, std::vector<Violation>* out) const {
  if (!root_) return true;
  // Most values conform: a first pass that records nothing is cheap; only a failure pays for a
  // second pass that explains.
  if (validateNode(root_, value, "", nullptr, false, 0)) return true;
  return out ? validateNode(root_, value, "", out, false, 0) : false;
}

std::optional<size_t> utf8Length(std::string_view s) {
  size_t count = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len;
    uint32_t cp;
    if (c < 0x80) {
      len = 1;
      cp = c;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return std::nullopt;
    }
    if (i + len > s.size()) return std::nullopt;
    for (size_t k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      return std::nullopt;
    }
    i += len;
    ++count;
  }
  return count;
}

std::string escapePointer(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

const json* resolvePointer(const json& document, const std::string& ref) {
  if (ref.empty() || ref[0] != '#') return nullptr;
  if (ref == "#") return &document;
  try {
    const json::json_pointer ptr(ref.substr(1));
    if (!document.contains(ptr)) return nullptr;
    return &document.at(ptr);
  } catch (const json::exception&) {
    return nullptr;
  }
}

SchemaCompiler::SchemaCompiler(const json& document) : document_(document) {}
SchemaCompiler::~SchemaCompiler() = default;

Result<Schema> SchemaCompiler::compile(const json& schema, const std::string& where) {
  auto node = compileNode(schema, where);
  if (!node) return node.error();
  return Schema(*node);
}

Result<const SchemaNode*> SchemaCompiler::resolveRef(const std::string& ref,
                                                     const std::string& where) {
  auto it = refs_.find(ref);
  if (it != refs_.end()) return it->second;
  const json* target = resolvePointer(document_, ref);
  if (!target) return Error::internal(where + ": $ref " + ref + " does not resolve");
  // Register a forwarding node first, so recursive schemas terminate.
  nodes_.push_back(std::make_unique<SchemaNode>());
  SchemaNode* forward = nodes_.back().get();
  refs_[ref] = forward;
  auto body = compileNode(*target, ref);
  if (!body) return body.error();
  forward->ref = *body;
  return static_cast<const SchemaNode*>(forward);
}

Result<const SchemaNode*> SchemaCompiler::compileNode(const json& schema,
                                                      const std::string& where) {
  if (schema.is_boolean()) {
    nodes_.push_back(std::make_unique<SchemaNode>());
    nodes_.back()->never = !schema.get<bool>();
    return static_cast<const SchemaNode*>(nodes_.back().get());
  }
  if (!schema.is_object()) return Error::internal(where + ": a schema must be an object");
  nodes_.push_back(std::make_unique<SchemaNode>());
  SchemaNode* n = nodes_.back().get();

  // An allow-list: a keyword this compiler neither implements nor knows as an annotation (a
  // misspelling, or one of JSON Schema's it does not implement) stops the start, so nothing in
  // the spec is silently unchecked.
  for (const auto& [key, _] : schema.items()) {
    if (!isImplementedKeyword(key) && !isAnnotation(key)) {
      return Error::internal(where + ": keyword '" + key + "' is not supported");
    }
  }
  if (auto r = schema.find("$ref"); r != schema.end()) {
    if (!r->is_string()) return Error::internal(where + ": $ref must be a string");
    auto target = resolveRef(r->get<std::string>(), where);
    if (!target) return target.error();
    n->ref = *target;  // its siblings apply as well (2020-12), compiled below
  }

  static const std::pair<const char*, unsigned> kTypes[] = {
      {"null", kNull},     {"boolean", kBoolean}, {"integer", kInteger}, {"number", kNumber},
      {"string", kString}, {"array", kArray},     {"object", kObject}};
  auto typeBit = [&](const json& name) -> unsigned {
    if (!name.is_string()) return 0;
    for (const auto& [text, bit] : kTypes) {
      if (name == text) return bit;
    }
    return 0;
  };
  if (auto t = schema.find("type"); t != schema.end()) {
    if (t->is_array()) {
      for (const json& name : *t) {
        unsigned bit = typeBit(name);
        if (!bit) return Error::internal(where + ": unknown type " + name.dump());
        n->types |= bit;
      }
    } else {
      n->types = typeBit(*t);
      if (!n->types) return Error::internal(where + ": unknown type " + t->dump());
    }
  }
  auto number = [&](const char* key, std::optional<double>* out) -> Status {
    if (auto it = schema.find(key); it != schema.end()) {
      if (!it->is_number()) return Error::internal(where + ": " + key + " must be a number");
      *out = it->get<double>();
    }
    return okStatus();
  };
  auto count = [&](const char* key, std::optional<size_t>* out) -> Status {
    if (auto it = schema.find(key); it != schema.end()) {
      if (!it->is_number_unsigned() && !(it->is_number_integer() && it->get<long long>() >= 0)) {
        return Error::internal(where + ": " + key + " must be a non-negative integer");
      }
      *out = it->get<size_t>();
    }
    return okStatus();
  };
  for (auto st :
       {number("minimum", &n->minimum), number("maximum", &n->maximum),
        number("exclusiveMinimum", &n->exclusive_minimum),
        number("exclusiveMaximum", &n->exclusive_maximum), count("minLength", &n->min_length),
        count("maxLength", &n->max_length), count("minItems", &n->min_items),
        count("maxItems", &n->max_items), count("minProperties", &n->min_properties),
        count("maxProperties", &n->max_properties)}) {
    if (!st) return st.error();
  }
  if (auto p = schema.find("pattern"); p != schema.end()) {
    if (!p->is_string()) return Error::internal(where + ": pattern must be a string");
    try {
      n->pattern.emplace(p->get<std::string>(), std::regex::ECMAScript | std::regex::optimize);
      n->pattern_source = p->get<std::string>();
      n->object_id_pattern = isObjectIdPattern(n->pattern_source);
    } catch (const std::regex_error& e) {
      return Error::internal(where + ": bad pattern: " + e.what());
    }
  }
  if (auto f = schema.find("format"); f != schema.end()) {
    if (!f->is_string()) return Error::internal(where + ": format must be a string");
    auto format = formatNamed(f->get<std::string>());
    if (!format) {
      return Error::internal(where + ": format '" + f->get<std::string>() + "' is not supported");
    }
    n->format = *format;
  }
  if (auto d = schema.find("dependentRequired"); d != schema.end()) {
    auto bad = Error::internal(where + ": dependentRequired must map names to arrays of names");
    if (!d->is_object()) return bad;
    for (const auto& [given, needed] : d->items()) {
      if (!needed.is_array()) return bad;
      std::vector<std::string> names;
      for (const json& name : needed) {
        if (!name.is_string()) return bad;
        names.push_back(name.get<std::string>());
      }
      n->dependent_required.emplace_back(given, std::move(names));
    }
  }
  if (auto x = schema.find("x-inferred"); x != schema.end() && *x == true) n->inferred = true;
  if (auto e = schema.find("enum"); e != schema.end()) {
    if (!e->is_array() || e->empty()) return Error::internal(where + ": enum must be an array");
    n->enum_values.assign(e->begin(), e->end());
  }
  if (auto c = schema.find("const"); c != schema.end()) n->const_value = *c;

  if (auto props = schema.find("properties"); props != schema.end()) {
    if (!props->is_object()) return Error::internal(where + ": properties must be an object");
    for (const auto& [name, sub] : props->items()) {
      auto child = compileNode(sub, where + "/properties/" + escapePointer(name));
      if (!child) return child.error();
      n->properties.emplace_back(name, *child);
    }
  }
  if (auto req = schema.find("required"); req != schema.end()) {
    if (!req->is_array()) return Error::internal(where + ": required must be an array");
    for (const json& r : *req)
      n->required.push_back(r.get<std::string>());
  }
  if (auto ap = schema.find("additionalProperties"); ap != schema.end()) {
    if (ap->is_boolean()) {
      n->additional_allowed = ap->get<bool>();
    } else {
      auto child = compileNode(*ap, where + "/additionalProperties");
      if (!child) return child.error();
      n->additional = *child;
    }
  }
  if (auto items = schema.find("items"); items != schema.end()) {
    auto child = compileNode(*items, where + "/items");
    if (!child) return child.error();
    n->items = *child;
  }
  for (auto [key, list] : {std::pair{"allOf", &n->all_of}, std::pair{"anyOf", &n->any_of},
                           std::pair{"oneOf", &n->one_of}}) {
    auto it = schema.find(key);
    if (it == schema.end()) continue;
    if (!it->is_array()) return Error::internal(where + ": " + key + " must be an array");
    for (size_t i = 0; i < it->size(); ++i) {
      auto child = compileNode((*it)[i], where + "/" + key + "/" + std::to_string(i));
      if (!child) return child.error();
      list->push_back(*child);
    }
  }
  return static_cast<const SchemaNode*>(n);
}

std::string factPath(const std::string& path) {
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    out += path[i];
    if (path[i] == '[') {
      size_t j = i + 1;
      while (j < path.size() && std::isdigit(static_cast<unsigned char>(path[j])))
        ++j;
      if (j > i + 1 && j < path.size() && path[j] == ']') i = j - 1;
    }
  }
  return out;
}

}  // namespace lsm
