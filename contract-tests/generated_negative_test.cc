// Negative cases generated from the spec: for every query parameter and body field of every
// product operation, values that break its schema (wrong type, out of range, too long, missing
// when required, bad ObjectId, not in the enum, unknown field) must get a 400 envelope naming
// the field. Nothing here names a field of the API: it is all read from schemas/openapi.yaml.
#include <iostream>

#include "support/suite.h"

namespace contract {
namespace {

using nlohmann::json;

struct NegativeCase {
  std::string operation;
  std::string in;     // "query" or "body"
  std::string field;  // parameter or body field name
  std::string what;   // "above maximum", ...
  json value;         // the bad value; a discarded json means "leave the field out"
  bool remove = false;

  std::string name() const {
    std::string n = operation + "_" + in + "_" + field + "_" + what;
    for (auto& c : n) {
      if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    }
    return n;
  }
};

// GoogleTest prints a failing case's parameter with this.
void PrintTo(const NegativeCase& c, std::ostream* os) {
  *os << c.name() << " = " << c.value.dump();
}

const json& resolve(const json& doc, const json& schema) {
  return lsm::followRefs(doc, schema);
}

std::vector<std::string> typesOf(const json& doc, const json& schema) {
  const json& s = resolve(doc, schema);
  std::vector<std::string> out;
  if (s.contains("type")) {
    if (s["type"].is_string()) out.push_back(s["type"]);
    if (s["type"].is_array()) {
      for (const auto& t : s["type"])
        out.push_back(t);
    }
  }
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// Values that break `schema`, each with what it breaks.
std::vector<std::pair<std::string, json>> badValues(const json& doc, const json& schema,
                                                    bool text_only) {
  const json& s = resolve(doc, schema);
  std::vector<std::pair<std::string, json>> out;
  const auto types = typesOf(doc, schema);
  if (has(types, "integer") || has(types, "number")) {
    out.emplace_back("not a number", "abc");
    if (has(types, "integer"))
      out.emplace_back("not an integer", text_only ? json("1.5") : json(1.5));
    if (s.contains("minimum")) {
      double v = s["minimum"].get<double>() - 1;
      out.emplace_back("below minimum",
                       text_only ? json(std::to_string(static_cast<long long>(v))) : json(v));
    }
    if (s.contains("maximum")) {
      double v = s["maximum"].get<double>() + 1;
      out.emplace_back("above maximum",
                       text_only ? json(std::to_string(static_cast<long long>(v))) : json(v));
    }
  }
  if (has(types, "string")) {
    if (!text_only) out.emplace_back("not a string", 12345);
    if (s.contains("maxLength")) {
      out.emplace_back("too long", std::string(s["maxLength"].get<size_t>() + 1, 'x'));
    }
    if (s.value("minLength", 0) >= 1) out.emplace_back("empty", "");
    if (s.contains("enum")) out.emplace_back("not in the enum", "not-a-valid-value");
    if (s.contains("pattern")) out.emplace_back("not matching the pattern", "not an id!");
    if (s.value("format", "") == "date-time") out.emplace_back("not a date-time", "yesterday");
  }
  if (has(types, "boolean") && !text_only) out.emplace_back("not a boolean", "yes");
  if (has(types, "array")) {
    out.emplace_back("not an array", text_only ? json("not-json") : json("not-an-array"));
    if (s.contains("items")) {
      for (auto& [what, bad] : badValues(doc, s["items"], false)) {
        json arr = json::array({bad});
        out.emplace_back("item " + what, text_only ? json(arr.dump()) : arr);
        break;  // one bad item is enough
      }
    }
  }
  return out;
}

std::vector<NegativeCase> generateCases() {
  std::vector<NegativeCase> cases;
  auto spec = lsm::Spec::embedded();
  if (!spec) return cases;
  const json& doc = (*spec)->document();
  for (const auto& op : (*spec)->operations()) {
    if (op.mock_control) continue;
    for (const auto& p : op.parameters) {
      if (p.in != "query") continue;
      for (auto& [what, bad] : badValues(doc, *p.schema_json, true)) {
        cases.push_back({op.id, "query", p.name, what, bad});
      }
    }
    if (!op.body) continue;
    for (const auto& [media, spec_media] : op.body->content) {
      const bool form = media == "multipart/form-data";
      const json& schema = resolve(doc, *spec_media.schema_json);
      const json properties = schema.value("properties", json::object());
      const json required = schema.value("required", json::array());
      for (const auto& [name, prop] : properties.items()) {
        const json& p = resolve(doc, prop);
        if (p.contains("contentMediaType")) continue;  // files are checked by their bytes
        for (auto& [what, bad] : badValues(doc, prop, form)) {
          cases.push_back({op.id, "body", name, what, bad});
        }
      }
      for (const auto& r : required) {
        cases.push_back({op.id, "body", r.get<std::string>(), "missing", nullptr, true});
      }
      if (schema.value("additionalProperties", true) == false) {
        cases.push_back(
            {op.id, "body", "unexpectedField", "unknown field", form ? json("x") : json(1)});
      }
    }
  }
  return cases;
}

const std::vector<NegativeCase>& allCases() {
  static const std::vector<NegativeCase> kCases = [] {
    auto cases = generateCases();
    Report::get().setGeneratedNegativeCases(cases.size());
    std::cout << "generated negative cases: " << cases.size() << "\n";
    return cases;
  }();
  return kCases;
}

class GeneratedNegative : public ContractTest,
                          public ::testing::WithParamInterface<NegativeCase> {};

// The required body fields with a valid value, from the operation's documented request example.
json baselineBody(const lsm::Operation& op, const std::string& media) {
  const auto& m = op.body->content.at(media);
  const json& doc = Suite::get().spec->document();
  const json& schema = resolve(doc, *m.schema_json);
  json body = json::object();
  const json example = m.examples.empty() ? json::object() : m.examples.begin().value();
  const json required = schema.value("required", json::array());
  for (const auto& r : required) {
    if (example.contains(r)) body[r.get<std::string>()] = example[r.get<std::string>()];
  }
  return body;
}

TEST_P(GeneratedNegative, IsRejectedWith400NamingTheField) {
  const NegativeCase& c = GetParam();
  const lsm::Operation& op = suite().op(c.operation);
  if (op.mutating) REQUIRE_WRITES();
  Req req(c.operation);
  req.as(Role::kHost);
  for (const auto& p : op.parameters) {
    if (p.in == "path") req.path(p.name, "");
  }
  // A stream of HOST's own, so an id is never the reason for the answer.
  bool needs_stream = false;
  for (const auto& p : op.parameters)
    needs_stream = needs_stream || p.in == "path";
  if (needs_stream) {
    if (!suite().target.writesAllowed()) {
      GTEST_SKIP() << "needs a stream of HOST's to send to: creating one changes data";
    }
    std::string id = createScheduledStream(Role::kHost);
    ASSERT_FALSE(id.empty());
    for (const auto& p : op.parameters) {
      if (p.in == "path") req.path(p.name, id);
    }
  }
  if (c.in == "query")
    req.query(c.field, c.value.is_string() ? c.value.get<std::string>() : c.value.dump());
  if (op.body) {
    const std::string media = op.body->content.begin()->first;
    json body = baselineBody(op, media);
    if (c.in == "body") {
      if (c.remove) {
        body.erase(c.field);
        // Keep the body non-empty (an optional field from the example), so what is missing is
        // the field and not the whole body.
        const auto& m = op.body->content.at(media);
        if (body.empty() && !m.examples.empty()) {
          for (const auto& [k, v] : m.examples.begin().value().items()) {
            if (k != c.field && v.is_string()) {
              body[k] = v;
              break;
            }
          }
        }
      } else {
        body[c.field] = c.value;
      }
    }
    if (media == "multipart/form-data") {
      for (const auto& [k, v] : body.items())
        req.field(k, v.is_string() ? v.get<std::string>() : v.dump());
    } else {
      req.json(body);
    }
  }
  HttpResult r = expectCall(req, 400);
  expectErrorMentions(req, r, c.field);
}

INSTANTIATE_TEST_SUITE_P(Spec, GeneratedNegative, ::testing::ValuesIn(allCases()),
                         [](const auto& info) { return info.param.name(); });

}  // namespace
}  // namespace contract
