#include "validation/request_validator.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <optional>
#include <set>

#include "core/json_parse.h"

namespace lsm {

using nlohmann::json;

namespace {

using Messages = std::vector<std::string>;

// The types a schema accepts, following $ref and looking into oneOf/anyOf branches.
void collectTypes(const json& schema, const json& document, std::vector<std::string>* out,
                  int depth = 0) {
  if (depth > 8 || !schema.is_object()) return;
  const json& s = followRefs(document, schema);
  if (auto t = s.find("type"); t != s.end()) {
    if (t->is_string()) out->push_back(t->get<std::string>());
    if (t->is_array()) {
      for (const auto& x : *t) {
        if (x.is_string()) out->push_back(x.get<std::string>());
      }
    }
  }
  for (const char* key : {"oneOf", "anyOf", "allOf"}) {
    if (auto it = s.find(key); it != s.end() && it->is_array()) {
      for (const auto& branch : *it)
        collectTypes(branch, document, out, depth + 1);
    }
  }
}

bool has(const std::vector<std::string>& v, const char* x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::optional<json> parseInteger(const std::string& text) {
  if (text.empty() || text.size() > 20) return std::nullopt;
  size_t i = text[0] == '-' ? 1 : 0;
  if (i == text.size()) return std::nullopt;
  for (size_t k = i; k < text.size(); ++k) {
    if (text[k] < '0' || text[k] > '9') return std::nullopt;
  }
  errno = 0;
  long long v = std::strtoll(text.c_str(), nullptr, 10);
  if (errno == ERANGE) return std::nullopt;
  return json(v);
}

std::optional<json> parseNumber(const std::string& text) {
  if (auto i = parseInteger(text)) return i;
  auto v = parseJson(text);
  if (v && v->is_number()) return std::move(v).value();
  return std::nullopt;
}

const json& propertySchema(const json& object_schema, const std::string& name,
                           const json& document) {
  static const json kEmpty = json::object();
  const json& s = followRefs(document, object_schema);
  if (auto props = s.find("properties"); props != s.end() && props->contains(name)) {
    return (*props)[name];
  }
  return kEmpty;
}

bool isBinaryString(const json& schema, const json& document) {
  const json& s = followRefs(document, schema);
  return s.contains("contentMediaType") || s.value("format", "") == "binary";
}

// C0 control characters other than tab, line feed and carriage return, and DEL: never text a
// person typed, and trouble for every log and UI they reach.
bool hasControlCharacter(const std::string& text) {
  for (unsigned char c : text) {
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return true;
  }
  return false;
}

// What is wrong with a query value or form field as text, if anything.
std::optional<std::string> textProblem(const std::string& text) {
  if (!utf8Length(text)) return "must be valid UTF-8";
  if (hasControlCharacter(text)) return "must not contain control characters";
  return std::nullopt;
}

void checkControlCharacters(const json& value, const std::string& path, Messages* out) {
  if (value.is_string()) {
    if (hasControlCharacter(value.get_ref<const std::string&>())) {
      out->push_back((path.empty() ? "body" : path) + ": must not contain control characters");
    }
  } else if (value.is_object()) {
    for (const auto& [key, item] : value.items())
      checkControlCharacters(item, path.empty() ? key : path + "." + key, out);
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i)
      checkControlCharacters(value[i], path + "[" + std::to_string(i) + "]", out);
  }
}

// A body where the operation documents none: nothing, or an empty JSON object (what many HTTP
// clients send for a POST without data), is accepted; anything else is a mistake worth naming.
bool isEmptyBody(const std::string& body) {
  std::string compact;
  for (char c : body) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') compact += c;
  }
  return compact.empty() || compact == "{}";
}

// coerceText, refusing a JSON value nested deeper than kMaxJsonDepth (plain text otherwise).
Result<json> coerceTextChecked(const std::string& text, const json& schema, const json& document) {
  std::vector<std::string> types;
  collectTypes(schema, document, &types);
  if (has(types, "string") || types.empty()) return json(text);
  if (has(types, "integer")) {
    if (auto v = parseInteger(text)) return *v;
  }
  if (has(types, "number")) {
    if (auto v = parseNumber(text)) return *v;
  }
  if (has(types, "boolean") && (text == "true" || text == "false")) return json(text == "true");
  if (has(types, "null") && text == "null") return json(nullptr);
  if (has(types, "array") || has(types, "object")) {
    if (jsonNestingDepth(text) > kMaxJsonDepth) return Error::invalid(depthMessage());
    auto v = parseJson(text);
    if (v) return std::move(v).value();
  }
  return json(text);
}

}  // namespace

json coerceText(const std::string& text, const json& schema, const json& document) {
  auto v = coerceTextChecked(text, schema, document);
  return v ? std::move(v).value() : json(text);
}

namespace {

void check(const Schema& schema, const json& value, const std::string& name, Messages* out) {
  std::vector<Violation> violations;
  if (schema.validate(value, &violations)) return;
  for (const auto& v : violations) {
    std::string field = v.path.empty()   ? name
                        : name == "body" ? v.path
                                         : name + (v.path[0] == '[' ? "" : ".") + v.path;
    out->push_back(field + ": " + v.message);
  }
}

void validateParameters(const json& doc, const Operation& op, const HttpRequest& request,
                        const std::map<std::string, std::string>& path_params,
                        ValidatedRequest* out, Messages* messages) {
  for (const ParameterSpec& p : op.parameters) {
    if (p.in == "path") {
      auto it = path_params.find(p.name);
      std::string raw = it == path_params.end() ? "" : it->second;
      json value = coerceText(raw, *p.schema_json, doc);
      check(p.schema, value, p.name, messages);
      out->path[p.name] = raw;
      continue;
    }
    if (p.in != "query") continue;
    std::vector<const std::string*> values;
    for (const auto& [k, v] : request.query) {
      if (k == p.name) values.push_back(&v);
    }
    if (values.empty()) {
      if (p.schema_json->contains("default")) {
        out->query[p.name] = (*p.schema_json)["default"];
      } else if (p.required) {
        messages->push_back(p.name + ": is required");
      }
      continue;
    }
    if (values.size() > 1) {
      messages->push_back(p.name + ": must be given once");
      continue;
    }
    if (std::find(request.malformed_query.begin(), request.malformed_query.end(), p.name) !=
        request.malformed_query.end()) {
      messages->push_back(p.name + ": has a malformed percent-escape");
      continue;
    }
    if (auto problem = textProblem(*values[0])) {
      messages->push_back(p.name + ": " + *problem);
      continue;
    }
    auto value = coerceTextChecked(*values[0], *p.schema_json, doc);
    if (!value) {
      messages->push_back(p.name + ": " + value.error().details.at(0));
      continue;
    }
    check(p.schema, *value, p.name, messages);
    out->query[p.name] = std::move(value).value();
  }
}

// Builds the JSON object a multipart form stands for: fields typed by the form schema, file parts
// kept aside (their JSON value is the file name, so `required` and unknown-field checks apply).
Status formToJson(const json& doc, const json& form_schema, std::vector<MultipartPart> parts,
                  ValidatedRequest* out, Messages* messages) {
  out->body = json::object();
  for (auto& part : parts) {
    if (out->body.contains(part.name)) {
      messages->push_back(part.name + ": must be given once");
      continue;
    }
    const json& prop = propertySchema(form_schema, part.name, doc);
    if (part.filename && isBinaryString(prop, doc)) {
      out->body[part.name] = *part.filename;
      out->files[part.name] = std::move(part);
      continue;
    }
    if (isBinaryString(prop, doc)) {
      messages->push_back(part.name + ": must be a file upload");
      continue;
    }
    if (auto problem = textProblem(part.data)) {
      messages->push_back(part.name + ": " + *problem);
      continue;
    }
    auto value = coerceTextChecked(part.data, prop, doc);
    if (!value) {
      messages->push_back(part.name + ": " + value.error().details.at(0));
      continue;
    }
    out->body[part.name] = std::move(value).value();
  }
  return okStatus();
}

}  // namespace

Result<ValidatedRequest> validateRequest(const json& doc, const Operation& op,
                                         const HttpRequest& request,
                                         const std::map<std::string, std::string>& path_params,
                                         const MultipartLimits& limits) {
  ValidatedRequest out;
  Messages messages;
  validateParameters(doc, op, request, path_params, &out, &messages);

  if (op.body) {
    const auto content_type = request.header("Content-Type");
    if (request.body.empty() && !content_type) {
      if (op.body->required) messages.push_back("body: is required");
    } else {
      const std::string media = mediaTypeOf(content_type.value_or(""));
      auto spec = op.body->content.find(media);
      if (spec == op.body->content.end()) {
        std::string expected;
        for (const auto& [mt, _] : op.body->content) {
          expected += (expected.empty() ? "" : " or ") + mt;
        }
        return Error::unsupportedMedia("Content-Type: expected " + expected);
      }
      if (media == "multipart/form-data") {
        auto parts = parseMultipart(*content_type, request.body, limits);
        if (!parts) return parts.error();
        static const json kNoSchema = json::object();
        const json& form = spec->second.schema_json ? *spec->second.schema_json : kNoSchema;
        auto st = formToJson(doc, form, std::move(parts).value(), &out, &messages);
        if (!st) return st.error();
        check(spec->second.schema, out.body, "body", &messages);
      } else if (request.body.empty() && !op.body->required) {
        out.body = nullptr;
      } else {
        // nlohmann keeps the last of two equal keys silently; the client meant one of them.
        std::vector<std::set<std::string>> keys;
        std::set<std::string> duplicates;
        json::parser_callback_t note_duplicates = [&](int, json::parse_event_t event,
                                                      json& parsed) {
          if (event == json::parse_event_t::object_start) keys.emplace_back();
          if (event == json::parse_event_t::object_end && !keys.empty()) keys.pop_back();
          if (event == json::parse_event_t::key && !keys.empty() &&
              !keys.back().insert(parsed.get<std::string>()).second) {
            duplicates.insert(parsed.get<std::string>());
          }
          return true;
        };
        // Nested deeper than kMaxJsonDepth, invalid, or a number no double holds (1e400, was a
        // 500 before): refused before anything walks it.
        auto parsed = parseJson(request.body, note_duplicates);
        if (!parsed) {
          messages.push_back("body: " + parsed.error().details.at(0));
        } else {
          out.body = std::move(parsed).value();
          for (const auto& key : duplicates)
            messages.push_back(key + ": must be given once");
          checkControlCharacters(out.body, "", &messages);
          check(spec->second.schema, out.body, "body", &messages);
        }
      }
    }
  } else if (op.response(400) && !isEmptyBody(request.body)) {
    messages.push_back("body: " + op.id + " takes no request body");
  }
  if (!messages.empty()) return Error::invalid(std::move(messages));
  return out;
}

}  // namespace lsm
