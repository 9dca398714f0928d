#include "docs/spec_documents.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <vector>

#include "core/text.h"
#include "spec/spec.h"

namespace lsm {

using nlohmann::json;

json withServer(const json& document, const std::string& public_url) {
  json doc = document;
  doc["servers"] = json::array(
      {{{"url", public_url}, {"description", "this livestream-mock (the address it serves on)"}}});
  return doc;
}

// ---- YAML ---------------------------------------------------------------------------------------

namespace {

// Plain (unquoted) only when no YAML resolver could read the text as anything but this string.
bool plainSafe(const std::string& s) {
  if (s.empty() || s.size() > 200) return false;
  const unsigned char first = static_cast<unsigned char>(s[0]);
  if (!std::isalpha(first) && first != '/' && first != '_') return false;
  for (char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (!std::isalnum(u) && !std::strchr(" _./-()+", c)) return false;
  }
  if (s.back() == ' ') return false;
  const std::string lower = asciiLower(s);
  for (const char* word : {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}) {
    if (lower == word) return false;
  }
  return true;
}

// A literal block keeps multi-line descriptions readable; only for text it reproduces exactly.
bool literalSafe(const std::string& s) {
  if (s.find('\n') == std::string::npos || s[0] == ' ' || s[0] == '\n' || s[0] == '\t') {
    return false;
  }
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char u = static_cast<unsigned char>(s[i]);
    if (u < 0x20 && s[i] != '\n') return false;
    if (s[i] == '\n' && i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t')) return false;
  }
  return s.back() != ' ' && s.back() != '\t';
}

std::string quoted(const std::string& s) {
  return json(s).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string scalar(const json& v, int indent) {
  if (!v.is_string()) return v.dump();
  const auto& s = v.get_ref<const std::string&>();
  if (plainSafe(s)) return s;
  if (!literalSafe(s)) return quoted(s);
  size_t body_end = s.size();
  while (body_end > 0 && s[body_end - 1] == '\n')
    --body_end;
  const size_t trailing = s.size() - body_end;
  std::string out = trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+";
  const std::string pad(static_cast<size_t>(indent), ' ');
  size_t start = 0;
  while (start <= body_end) {
    size_t nl = s.find('\n', start);
    if (nl == std::string::npos || nl > body_end) nl = body_end;
    const std::string line = s.substr(start, nl - start);
    out += "\n";
    if (!line.empty()) out += pad + line;
    start = nl + 1;
  }
  for (size_t i = 1; i < trailing; ++i)
    out += "\n";
  return out;
}

std::string key(const std::string& k) {
  return plainSafe(k) ? k : quoted(k);
}

void emitValue(const json& v, int indent, std::string& out);

void emitMapping(const json& obj, int indent, std::string& out) {
  const std::string pad(static_cast<size_t>(indent), ' ');
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    out += pad + key(it.key()) + ":";
    emitValue(*it, indent, out);
  }
}

void emitSequence(const json& arr, int indent, std::string& out) {
  const std::string pad(static_cast<size_t>(indent), ' ');
  for (const auto& item : arr) {
    if ((item.is_object() || item.is_array()) && !item.empty()) {
      // The item's block at indent + 2, its first line's indentation turned into "- ".
      std::string block;
      if (item.is_object()) {
        emitMapping(item, indent + 2, block);
      } else {
        emitSequence(item, indent + 2, block);
      }
      out += pad + "- " + block.substr(static_cast<size_t>(indent) + 2);
    } else {
      out += pad + "-";
      emitValue(item, indent, out);
    }
  }
}

// After "key:" or "-": the rest of the line and any nested block.
void emitValue(const json& v, int indent, std::string& out) {
  if (v.is_object() && !v.empty()) {
    out += "\n";
    emitMapping(v, indent + 2, out);
  } else if (v.is_array() && !v.empty()) {
    out += "\n";
    emitSequence(v, indent + 2, out);
  } else if (v.is_object()) {
    out += " {}\n";
  } else if (v.is_array()) {
    out += " []\n";
  } else {
    out += " " + scalar(v, indent + 2) + "\n";
  }
}

}  // namespace

std::string toYaml(const json& value) {
  std::string out;
  if (value.is_object() && !value.empty()) {
    emitMapping(value, 0, out);
  } else if (value.is_array() && !value.empty()) {
    emitSequence(value, 0, out);
  } else {
    out = value.is_object() ? "{}\n" : value.is_array() ? "[]\n" : scalar(value, 0) + "\n";
  }
  return out;
}

// ---- HTML ---------------------------------------------------------------------------------------

std::string escapeHtml(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

constexpr const char* kMethods[] = {"get", "put", "post", "delete", "patch", "options", "head"};

constexpr const char* kStyle = R"css(
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d232b;background:#fafbfc}
header,main{max-width:1100px;margin:0 auto;padding:0 20px}
h1{margin:24px 0 4px}h2{margin-top:40px;border-bottom:2px solid #d8dee4}
code,pre{font:13px/1.4 ui-monospace,monospace}
pre{background:#f1f3f5;padding:8px 10px;border-radius:6px;overflow:auto;max-height:420px}
.text{white-space:pre-wrap}
.op{background:#fff;border:1px solid #d8dee4;border-radius:8px;padding:4px 16px 12px;margin:16px 0}
.method{display:inline-block;min-width:58px;text-align:center;color:#fff;border-radius:4px;
  padding:1px 6px;font:bold 13px ui-monospace,monospace}
.GET{background:#1a7f37}.POST{background:#0969da}.PUT{background:#9a6700}
.DELETE{background:#cf222e}.PATCH{background:#8250df}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;margin-left:6px}
.inferred{background:#fff1c2;color:#7a4d00;border:1px solid #e3b341}
.note{color:#7a4d00;font-size:13px;margin-left:6px}
table{border-collapse:collapse;width:100%;margin:6px 0}
th,td{border:1px solid #d8dee4;padding:4px 8px;text-align:left;vertical-align:top;font-size:14px}
th{background:#f1f3f5}
.status{font-weight:bold}.muted{color:#57606a;font-size:13px}
nav ul{columns:2;padding-left:18px}
)css";

std::string text(const json& node, const char* field) {
  if (!node.is_object()) return "";
  auto it = node.find(field);
  return it != node.end() && it->is_string() ? it->get<std::string>() : "";
}

bool inferred(const json& node) {
  if (!node.is_object()) return false;
  auto it = node.find("x-inferred");
  return it != node.end() && it->is_boolean() && it->get<bool>();
}

// Markdown-ish prose: escaped, `code` spans kept as <code>, line breaks kept by CSS.
std::string prose(const std::string& s) {
  const std::string escaped = escapeHtml(s);
  std::string out;
  bool in_code = false;
  for (char c : escaped) {
    if (c == '`') {
      out += in_code ? "</code>" : "<code>";
      in_code = !in_code;
    } else {
      out += c;
    }
  }
  if (in_code) out += "</code>";
  return out;
}

// The visible mark of a decided fact: the badge and the x-inferred-note (of `node`, or of
// `also`: the schema of a parameter, the $ref of a response).
std::string inferredMark(const json& node, const json& also = json()) {
  if (!inferred(node) && !inferred(also)) return "";
  std::string out =
      "<span class=\"badge inferred\" title=\"x-inferred: true\">decided, not documented</span>";
  const std::string first = text(node, "x-inferred-note");
  const std::string second = text(also, "x-inferred-note");
  for (const std::string& note : {first, second == first ? std::string() : second}) {
    if (!note.empty()) out += "<span class=\"note\">" + prose(note) + "</span>";
  }
  return out;
}

std::string refName(const std::string& ref) {
  const size_t slash = ref.rfind('/');
  return slash == std::string::npos ? ref : ref.substr(slash + 1);
}

// One line saying what a schema accepts: a link for a $ref, the type and its constraints.
std::string schemaSummary(const json& s) {
  if (!s.is_object()) return "any";
  if (auto ref = text(s, "$ref"); !ref.empty()) {
    const std::string name = escapeHtml(refName(ref));
    return "<a href=\"#schema-" + name + "\">" + name + "</a>";
  }
  for (const char* combinator : {"allOf", "oneOf", "anyOf"}) {
    auto it = s.find(combinator);
    if (it != s.end() && it->is_array()) {
      std::string out;
      for (const auto& part : *it)
        out += (out.empty() ? "" : std::string(" ") + combinator + " ") + schemaSummary(part);
      return out;
    }
  }
  std::string type;
  if (auto t = s.find("type"); t != s.end()) {
    if (t->is_array()) {
      for (const auto& one : *t)
        type += (type.empty() ? "" : " | ") + one.get<std::string>();
    } else if (t->is_string()) {
      type = t->get<std::string>();
    }
  }
  if (type.empty()) type = "any";
  std::string out = escapeHtml(type);
  if (type.rfind("array", 0) == 0 && s.contains("items")) {
    out += " of " + schemaSummary(s["items"]);
  }
  std::vector<std::string> rules;
  if (auto f = text(s, "format"); !f.empty()) rules.push_back("format " + escapeHtml(f));
  if (auto e = s.find("enum"); e != s.end()) rules.push_back("one of " + escapeHtml(e->dump()));
  for (const char* k : {"minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"}) {
    if (auto v = s.find(k); v != s.end()) rules.push_back(std::string(k) + " " + v->dump());
  }
  if (auto p = text(s, "pattern"); !p.empty()) {
    rules.push_back("pattern <code>" + escapeHtml(p) + "</code>");
  }
  if (auto d = s.find("default"); d != s.end()) {
    rules.push_back("default " + escapeHtml(d->dump()));
  }
  for (size_t i = 0; i < rules.size(); ++i)
    out += (i == 0 ? " (" : ", ") + rules[i];
  if (!rules.empty()) out += ")";
  return out;
}

std::string examplesHtml(const json& document, const json& media) {
  std::string out;
  if (auto e = media.find("examples"); e != media.end() && e->is_object()) {
    for (auto it = e->begin(); it != e->end(); ++it) {
      const json& ex = followRefs(document, *it);
      std::string label = "example <code>" + escapeHtml(it.key()) + "</code>";
      if (auto s = text(ex, "summary"); !s.empty()) label += ": " + escapeHtml(s);
      label += inferredMark(ex);
      out += "<details><summary>" + label + "</summary><pre>" +
             escapeHtml(
                 ex.value("value", json()).dump(2, ' ', false, json::error_handler_t::replace)) +
             "</pre></details>";
    }
  } else if (auto one = media.find("example"); one != media.end()) {
    out += "<details><summary>example</summary><pre>" +
           escapeHtml(one->dump(2, ' ', false, json::error_handler_t::replace)) +
           "</pre></details>";
  }
  return out;
}

std::string mediaHtml(const json& document, const json& content) {
  std::string out;
  if (!content.is_object()) return out;
  for (auto it = content.begin(); it != content.end(); ++it) {
    out += "<p><code>" + escapeHtml(it.key()) + "</code> " +
           schemaSummary(it->value("schema", json::object())) + "</p>";
    out += examplesHtml(document, *it);
  }
  return out;
}

std::string parametersHtml(const json& document, const json& path_item, const json& op) {
  std::vector<const json*> params;
  for (const json* holder : {&path_item, &op}) {
    if (auto p = holder->find("parameters"); p != holder->end() && p->is_array()) {
      for (const auto& raw : *p)
        params.push_back(&followRefs(document, raw));
    }
  }
  if (params.empty()) return "";
  std::string out =
      "<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>required</th><th>schema</th>"
      "<th>description</th></tr>";
  for (const json* p : params) {
    out += "<tr><td><code>" + escapeHtml(text(*p, "name")) + "</code></td><td>" +
           escapeHtml(text(*p, "in")) + "</td><td>" + (p->value("required", false) ? "yes" : "no") +
           "</td><td>" + schemaSummary(p->value("schema", json::object())) +
           "</td><td class=\"text\">" + prose(text(*p, "description")) +
           inferredMark(*p, p->value("schema", json::object())) + "</td></tr>";
  }
  return out + "</table>";
}

std::string operationHtml(const json& document, const std::string& path, const json& path_item,
                          const std::string& method, const json& op) {
  const std::string upper = [&] {
    std::string m;
    for (char c : method)
      m += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return m;
  }();
  const std::string id = text(op, "operationId");
  const bool no_auth =
      op.contains("security") && op["security"].is_array() && op["security"].empty();
  std::string out = "<section class=\"op\" id=\"op-" + escapeHtml(id) +
                    "\"><h3><span class=\"method " + upper + "\">" + upper + "</span> <code>" +
                    escapeHtml(path) + "</code> " + escapeHtml(text(op, "summary")) +
                    inferredMark(op) + "</h3>";
  out += "<p class=\"muted\">operationId <code>" + escapeHtml(id) + "</code> &middot; " +
         (no_auth ? "no authentication" : "<code>Authorization: Bearer &lt;JWT&gt;</code>") +
         "</p>";
  if (auto d = text(op, "description"); !d.empty()) {
    out += "<div class=\"text\">" + prose(d) + "</div>";
  }
  out += parametersHtml(document, path_item, op);
  if (auto b = op.find("requestBody"); b != op.end()) {
    const json& body = followRefs(document, *b);
    out += "<h4>Request body" + std::string(body.value("required", false) ? " (required)" : "") +
           inferredMark(body) + "</h4>";
    if (auto d = text(body, "description"); !d.empty()) {
      out += "<div class=\"text\">" + prose(d) + "</div>";
    }
    out += mediaHtml(document, body.value("content", json::object()));
  }
  out += "<h4>Responses</h4>";
  if (auto r = op.find("responses"); r != op.end() && r->is_object()) {
    for (auto it = r->begin(); it != r->end(); ++it) {
      const json& response = followRefs(document, *it);
      out += "<div class=\"response\" id=\"op-" + escapeHtml(id) + "-" + escapeHtml(it.key()) +
             "\"><p><span class=\"status\">" + escapeHtml(it.key()) + "</span> " +
             prose(text(response, "description")) + inferredMark(response, *it) + "</p>";
      out += mediaHtml(document, response.value("content", json::object()));
      out += "</div>";
    }
  }
  return out + "</section>";
}

std::string schemasHtml(const json& document) {
  const json& schemas =
      document.value("components", json::object()).value("schemas", json::object());
  if (!schemas.is_object() || schemas.empty()) return "";
  std::string out = "<h2 id=\"schemas\">Schemas</h2>";
  for (auto it = schemas.begin(); it != schemas.end(); ++it) {
    const json& s = *it;
    out += "<section class=\"op\" id=\"schema-" + escapeHtml(it.key()) + "\"><h3>" +
           escapeHtml(it.key()) + inferredMark(s) + "</h3><p>" + schemaSummary(s) + "</p>";
    if (auto d = text(s, "description"); !d.empty()) {
      out += "<div class=\"text\">" + prose(d) + "</div>";
    }
    auto props = s.find("properties");
    if (props != s.end() && props->is_object() && !props->empty()) {
      std::vector<std::string> required;
      if (auto r = s.find("required"); r != s.end() && r->is_array()) {
        for (const auto& name : *r)
          required.push_back(name.get<std::string>());
      }
      out +=
          "<table><tr><th>property</th><th>schema</th><th>required</th><th>description</th>"
          "</tr>";
      for (auto p = props->begin(); p != props->end(); ++p) {
        const bool req = std::find(required.begin(), required.end(), p.key()) != required.end();
        out += "<tr><td><code>" + escapeHtml(p.key()) + "</code></td><td>" + schemaSummary(*p) +
               "</td><td>" + (req ? "yes" : "no") + "</td><td class=\"text\">" +
               prose(text(*p, "description")) + inferredMark(*p) + "</td></tr>";
      }
      out += "</table>";
    }
    out += "</section>";
  }
  return out;
}

}  // namespace

std::string docsHtml(const json& document, const std::string& public_url) {
  const json& info = document.value("info", json::object());
  const std::string title = text(info, "title") + " " + text(info, "version");

  // Operations grouped by their first tag, in the order the document lists its tags.
  std::vector<std::pair<std::string, std::string>> groups;  // tag, description
  if (auto t = document.find("tags"); t != document.end() && t->is_array()) {
    for (const auto& tag : *t)
      groups.emplace_back(text(tag, "name"), text(tag, "description"));
  }
  groups.emplace_back("", "");  // operations without a known tag
  std::vector<std::string> sections(groups.size());
  std::string nav;
  int operations = 0;
  const json& paths = document.value("paths", json::object());
  for (size_t g = 0; g < groups.size(); ++g) {
    std::string items;
    for (auto p = paths.begin(); p != paths.end(); ++p) {
      for (const char* method : kMethods) {
        auto o = p->find(method);
        if (o == p->end() || !o->is_object()) continue;
        std::string first_tag;
        if (auto tags = o->find("tags"); tags != o->end() && tags->is_array() && !tags->empty()) {
          first_tag = (*tags)[0].get<std::string>();
        }
        bool known = false;
        for (size_t k = 0; k + 1 < groups.size(); ++k)
          known = known || groups[k].first == first_tag;
        const bool here = known ? first_tag == groups[g].first : g + 1 == groups.size();
        if (!here) continue;
        ++operations;
        sections[g] += operationHtml(document, p.key(), *p, method, *o);
        std::string upper = method;
        for (auto& c : upper)
          c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        items += "<li><a href=\"#op-" + escapeHtml(text(*o, "operationId")) + "\"><code>" + upper +
                 " " + escapeHtml(p.key()) + "</code></a> " + escapeHtml(text(*o, "summary")) +
                 (inferred(*o) ? " *" : "") + "</li>";
      }
    }
    if (items.empty()) continue;
    const std::string name = groups[g].first.empty() ? "other" : groups[g].first;
    nav += "<h3>" + escapeHtml(name) + "</h3><ul>" + items + "</ul>";
    sections[g] =
        "<h2 id=\"tag-" + escapeHtml(name) + "\">" + escapeHtml(name) + "</h2>" +
        (groups[g].second.empty() ? ""
                                  : "<div class=\"text\">" + prose(groups[g].second) + "</div>") +
        sections[g];
  }

  std::string out =
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>" +
      escapeHtml(title) + " - livestream-mock</title><style>" + kStyle +
      "</style></head><body><header><h1>" + escapeHtml(title) + "</h1>";
  out += "<p>Served by livestream-mock at <code>" + escapeHtml(public_url) +
         "</code>. The document: <a href=\"openapi.yaml\">openapi.yaml</a> &middot; <a "
         "href=\"openapi.json\">openapi.json</a> &middot; " +
         std::to_string(operations) + " operations.</p>";
  out +=
      "<p><span class=\"badge inferred\">decided, not documented</span> marks a fact the "
      "API's own pages do not state (<code>x-inferred: true</code>); its note says what was "
      "decided. Everything else is documented. <code>*</code> in the index: the operation "
      "itself was decided.</p>";
  if (auto d = text(info, "description"); !d.empty()) {
    out += "<details><summary>About this API</summary><div class=\"text\">" + prose(d) +
           "</div></details>";
  }
  out += "<nav>" + nav + "<p><a href=\"#schemas\">Schemas</a></p></nav></header><main>";
  for (const auto& s : sections)
    out += s;
  out += schemasHtml(document);
  out += "</main></body></html>\n";
  return out;
}

namespace {

// `doc` as JSON and YAML, its top-level keys in the order OpenAPI documents are written
// (nlohmann::json sorts them).
void renderDocument(const json& doc, std::string* json_text, std::string* yaml_text) {
  std::vector<std::string> order = {"openapi", "info",  "servers",   "security",
                                    "tags",    "paths", "components"};
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    if (std::find(order.begin(), order.end(), it.key()) == order.end()) order.push_back(it.key());
  }
  nlohmann::ordered_json ordered = nlohmann::ordered_json::object();
  for (const auto& k : order) {
    if (!doc.contains(k)) continue;
    ordered[k] = nlohmann::ordered_json::parse(doc[k].dump());
    *yaml_text += toYaml(json{{k, doc[k]}});
  }
  *json_text = ordered.dump(2, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::shared_ptr<const RenderedSpec> SpecDocuments::get(const std::string& public_url) {
  std::lock_guard lock(mu_);
  if (rendered_ && url_ == public_url) return rendered_;
  auto rendered = std::make_shared<RenderedSpec>();
  renderDocument(withServer(product_, public_url), &rendered->json, &rendered->yaml);
  if (!control_.is_null()) {
    renderDocument(withServer(control_, public_url), &rendered->control_json,
                   &rendered->control_yaml);
  }
  rendered->html = docsHtml(withServer(reference_, public_url), public_url);
  url_ = public_url;
  rendered_ = std::move(rendered);
  return rendered_;
}

}  // namespace lsm
