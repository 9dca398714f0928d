// Negative cases generated from the spec: for every query parameter and body field of every
// product operation, values that break its schema (wrong type, out of range, too long, missing
// when required, bad ObjectId, not in the enum, unknown field) must get a 400 envelope naming
// the field. Nothing here names a field of the API: it is all read from schemas/openapi.yaml.
#include <iostream>

#include "support/cleanup.h"
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
  bool decided = false;  // the rule broken is x-inferred (decided), not documented

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

// x-inferred on the schema or anywhere on its way through $refs.
bool isDecided(const json& doc, const json& schema) {
  const json* s = &schema;
  for (int hops = 0; s->is_object() && hops < 16; ++hops) {
    if (s->value("x-inferred", false)) return true;
    auto ref = s->find("$ref");
    if (ref == s->end() || !ref->is_string()) break;
    const json* next = lsm::resolvePointer(doc, ref->get<std::string>());
    if (!next) break;
    s = next;
  }
  return false;
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
      const bool decided = op.inferred || p.inferred || isDecided(doc, *p.schema_json);
      for (auto& [what, bad] : badValues(doc, *p.schema_json, true)) {
        cases.push_back({op.id, "query", p.name, what, bad, false, decided});
      }
    }
    if (!op.body) continue;
    for (const auto& [media, spec_media] : op.body->content) {
      const bool form = media == "multipart/form-data";
      const json& schema = resolve(doc, *spec_media.schema_json);
      const json properties = schema.value("properties", json::object());
      const json required = schema.value("required", json::array());
      const bool body_decided = op.inferred || isDecided(doc, *spec_media.schema_json);
      for (const auto& [name, prop] : properties.items()) {
        const json& p = resolve(doc, prop);
        if (p.contains("contentMediaType")) continue;  // files are checked by their bytes
        const bool decided = body_decided || isDecided(doc, prop);
        for (auto& [what, bad] : badValues(doc, prop, form)) {
          cases.push_back({op.id, "body", name, what, bad, false, decided});
        }
      }
      for (const auto& r : required) {
        const bool decided = body_decided || isDecided(doc, properties.value(r, json::object()));
        cases.push_back({op.id, "body", r.get<std::string>(), "missing", nullptr, true, decided});
      }
      if (schema.value("additionalProperties", true) == false) {
        // Unknown fields are refused by our decision (the pages list the fields, nothing more).
        cases.push_back({op.id, "body", "unexpectedField", "unknown field",
                         form ? json("x") : json(1), false, true});
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

// A request that the server would accept, before one thing is broken in it: the stream in the
// status and the caller in the part the operation's rules need. One stream of HOST's serves every
// case that needs that status (HOST may hold one at a time); it is replaced when a case needs
// another, and removed at the end.
struct ValidContext {
  std::string status;  // "" (no stream), "active", "scheduled"
  Role caller = Role::kHost;
};

ValidContext validContextFor(const lsm::Operation& op) {
  bool has_path = false;
  for (const auto& p : op.parameters)
    has_path = has_path || p.in == "path";
  if (!has_path) return {"", Role::kHost};
  // A reminder is for a scheduled stream; a superlike is another user's; the rest of the stream
  // operations accept the creator on an active stream.
  if (op.id == "setLiveStreamReminder") return {"scheduled", Role::kAudience};
  if (op.id == "sendSuperlike" || op.id == "createReplayRental") return {"active", Role::kAudience};
  return {"active", Role::kHost};
}

class GeneratedNegative : public ContractTest, public ::testing::WithParamInterface<NegativeCase> {
 protected:
  static void TearDownTestSuite() { releaseShared(); }
  // HOST's stream in `status` for this case ("" when none may exist).
  std::string sharedStream(const std::string& status) {
    if (shared_status_ != status) releaseShared();
    if (status.empty() || !shared_id_.empty()) return shared_id_;
    shared_id_ =
        status == "scheduled" ? createScheduledStream(Role::kHost) : createStream(Role::kHost);
    shared_status_ = shared_id_.empty() ? "" : status;
    if (!shared_id_.empty()) suite().ledger->relabel(shared_id_, kSharedLabel);
    return shared_id_;
  }
  static void releaseShared() {
    if (!shared_id_.empty()) sweepTest(kSharedLabel);
    shared_id_.clear();
    shared_status_.clear();
  }
  static constexpr const char* kSharedLabel = "GeneratedNegative (shared stream)";
  static inline std::string shared_id_, shared_status_;
};

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
  const ValidContext context = validContextFor(op);
  Req req(c.operation);
  req.as(context.caller);
  if (!context.status.empty()) {
    if (!suite().target.writesAllowed()) {
      GTEST_SKIP() << "needs a stream of HOST's to send to: creating one changes data";
    }
    const std::string id = sharedStream(context.status);
    REQUIRE_SETUP(!id.empty());
    for (const auto& p : op.parameters) {
      if (p.in == "path") req.path(p.name, id);
    }
  } else {
    sharedStream("");  // a create needs HOST without a stream
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
  HttpResult r = expectCall(req, 400, c.decided ? Basis::kDecided : Basis::kDocumented);
  expectErrorMentions(req, r, c.field);
}

INSTANTIATE_TEST_SUITE_P(Spec, GeneratedNegative, ::testing::ValuesIn(allCases()),
                         [](const auto& info) { return info.param.name(); });

}  // namespace
}  // namespace contract
