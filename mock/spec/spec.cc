#include "spec/spec.h"

#include <algorithm>
#include <mutex>

#include "spec/documents.h"
#include "spec/yaml_json.h"

namespace lsm {

using nlohmann::json;

const ResponseSpec* Operation::response(int status) const {
  auto it = responses.find(status);
  return it == responses.end() ? nullptr : &it->second;
}

std::vector<int> Operation::statuses() const {
  std::vector<int> out;
  for (const auto& [status, _] : responses)
    out.push_back(status);
  return out;
}

const json& followRefs(const json& document, const json& node) {
  const json* cur = &node;
  for (int depth = 0; depth < 16 && cur->is_object(); ++depth) {
    auto it = cur->find("$ref");
    if (it == cur->end() || !it->is_string()) break;
    const json* target = resolvePointer(document, it->get<std::string>());
    if (!target) break;
    cur = target;
  }
  return *cur;
}

Spec::~Spec() = default;

Result<std::shared_ptr<const Spec>> Spec::fromYaml(std::string_view text) {
  auto doc = yamlToJson(text);
  if (!doc) return doc.error();
  return fromJson(std::move(doc).value());
}

Result<std::shared_ptr<const Spec>> Spec::fromJson(json document) {
  std::shared_ptr<Spec> spec(new Spec());
  spec->document_ = std::move(document);
  spec->compiler_ = std::make_unique<SchemaCompiler>(spec->document_);
  auto st = spec->build();
  if (!st) return st.error();
  return std::shared_ptr<const Spec>(std::move(spec));
}

Result<std::shared_ptr<const Spec>> Spec::withControl(std::string_view product_yaml) {
  auto product = yamlToJson(product_yaml);
  if (!product) return product.error();
  auto control = yamlToJson(embeddedControlSpecYaml());
  if (!control) return Error::internal("mock-control.yaml: " + control.error().details.at(0));
  auto merged = mergeControlDocument(*product, *control);
  if (!merged) return merged.error();
  std::shared_ptr<Spec> spec(new Spec());
  spec->control_document_ = standaloneControlDocument(*merged, *control);
  spec->product_document_ = std::move(product).value();
  spec->document_ = std::move(merged).value();
  spec->compiler_ = std::make_unique<SchemaCompiler>(spec->document_);
  auto st = spec->build();
  if (!st) return st.error();
  return std::shared_ptr<const Spec>(std::move(spec));
}

Result<std::shared_ptr<const Spec>> Spec::embedded() {
  return withControl(embeddedSpecYaml());
}

const Operation* Spec::find(std::string_view operation_id) const {
  for (const auto& op : operations_) {
    if (op.id == operation_id) return &op;
  }
  return nullptr;
}

Result<Schema> Spec::compile(const json& schema, const std::string& where) const {
  return compiler_->compile(schema, where);
}

namespace {

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

bool flag(const json& node, const char* key) {
  auto it = node.find(key);
  return it != node.end() && it->is_boolean() && it->get<bool>();
}

}  // namespace

Status Spec::build() {
  const json& doc = document_;
  if (!doc.is_object() || !doc.contains("paths") || !doc["paths"].is_object()) {
    return Error::internal("spec: no paths");
  }
  const bool global_auth =
      doc.contains("security") && doc["security"].is_array() && !doc["security"].empty();
  auto compileMedia = [&](const json& content, const std::string& where,
                          std::map<std::string, MediaSpec>* out) -> Status {
    for (const auto& [media_type, media] : content.items()) {
      MediaSpec m;
      std::string at = where + "/content/" + escapePointer(media_type);
      if (media.contains("schema")) {
        m.schema_json = &media["schema"];
        auto schema = compiler_->compile(media["schema"], at + "/schema");
        if (!schema) return schema.error();
        m.schema = *schema;
      }
      if (media.contains("examples") && media["examples"].is_object()) {
        for (const auto& [name, ex] : media["examples"].items()) {
          const json& resolved = followRefs(doc, ex);
          if (resolved.contains("value")) m.examples[name] = resolved["value"];
        }
      } else if (media.contains("example")) {
        m.examples["default"] = media["example"];
      }
      (*out)[media_type] = std::move(m);
    }
    return okStatus();
  };

  static const char* kMethods[] = {"get", "put", "post", "delete", "patch", "options", "head"};
  for (const auto& [path, item] : doc["paths"].items()) {
    const std::string path_where = "#/paths/" + escapePointer(path);
    for (const char* method : kMethods) {
      if (!item.contains(method)) continue;
      const json& node = item[method];
      const std::string where = path_where + "/" + method;
      Operation op;
      op.method = upper(method);
      op.path = path;
      op.id = node.value("operationId", "");
      if (op.id.empty()) return Error::internal(where + ": operationId missing");
      op.summary = node.value("summary", "");
      if (node.contains("tags")) op.tags = node["tags"].get<std::vector<std::string>>();
      op.inferred = flag(node, "x-inferred");
      op.mock_control = flag(node, "x-mock-control");
      op.mutating = op.method != "GET" && op.method != "HEAD" && op.method != "OPTIONS";
      op.requires_auth = node.contains("security") ? !node["security"].empty() : global_auth;

      // Pointers into document_, which outlives the operations (schema_json points into it).
      std::vector<const json*> params;
      for (const json* owner : {&item, &node}) {
        if (!owner->contains("parameters")) continue;
        for (const auto& p : (*owner)["parameters"])
          params.push_back(&followRefs(doc, p));
      }
      for (const json* param : params) {
        const json& p = *param;
        ParameterSpec ps;
        ps.name = p.value("name", "");
        ps.in = p.value("in", "");
        ps.required = p.value("required", false) || ps.in == "path";
        ps.inferred = flag(p, "x-inferred");
        if (!p.contains("schema")) return Error::internal(where + ": parameter has no schema");
        ps.schema_json = &followRefs(doc, p["schema"]);
        auto schema = compiler_->compile(p["schema"], where + "/parameters/" + ps.name);
        if (!schema) return schema.error();
        ps.schema = *schema;
        // A parameter declared again on the operation replaces the path-level one.
        auto same = std::find_if(op.parameters.begin(), op.parameters.end(),
                                 [&](const auto& q) { return q.name == ps.name && q.in == ps.in; });
        if (same != op.parameters.end()) {
          *same = std::move(ps);
        } else {
          op.parameters.push_back(std::move(ps));
        }
      }
      if (node.contains("requestBody")) {
        const json& rb = followRefs(doc, node["requestBody"]);
        RequestBodySpec body;
        body.required = rb.value("required", false);
        if (rb.contains("content")) {
          auto st = compileMedia(rb["content"], where + "/requestBody", &body.content);
          if (!st) return st;
        }
        op.body = std::move(body);
      }
      if (!node.contains("responses")) return Error::internal(where + ": no responses");
      for (const auto& [code, raw] : node["responses"].items()) {
        ResponseSpec rs;
        try {
          rs.status = std::stoi(code);
        } catch (const std::exception&) {
          return Error::internal(where + ": response code '" + code + "' is not a number");
        }
        const json& r = followRefs(doc, raw);
        rs.inferred = flag(r, "x-inferred") || flag(raw, "x-inferred");
        rs.description = r.value("description", "");
        if (r.contains("content")) {
          auto st = compileMedia(r["content"], where + "/responses/" + code, &rs.content);
          if (!st) return st;
        }
        op.responses[rs.status] = std::move(rs);
      }
      operations_.push_back(std::move(op));
    }
  }
  return buildServerResponse(compileMedia);
}

template <typename CompileMedia>
Status Spec::buildServerResponse(const CompileMedia& compileMedia) {
  static const char kWhere[] = "#/components/responses/ServerError";
  const json* own = resolvePointer(document_, kWhere);
  if (!own) {
    // A document of one's own without the component: the server's answers go unchecked, as the
    // statuses the mock itself answers on any operation.
    server_statuses_ = {405, 408, 413, 415, 431, 500, 501, 503};
    return okStatus();
  }
  ResponseSpec rs;
  rs.inferred = flag(*own, "x-inferred");
  rs.description = own->value("description", "");
  if (own->contains("content")) {
    auto st = compileMedia((*own)["content"], kWhere, &rs.content);
    if (!st) return st;
  }
  auto statuses = own->find("x-server-statuses");
  if (statuses == own->end() || !statuses->is_array()) {
    return Error::internal(std::string(kWhere) + ": x-server-statuses must list the statuses");
  }
  for (const json& s : *statuses) {
    if (!s.is_number_integer() || s.get<int>() < 400 || s.get<int>() > 599) {
      return Error::internal(std::string(kWhere) + ": x-server-statuses holds " + s.dump());
    }
    server_statuses_.push_back(s.get<int>());
  }
  server_response_ = std::move(rs);
  return okStatus();
}

bool Spec::isServerStatus(int status) const {
  return std::find(server_statuses_.begin(), server_statuses_.end(), status) !=
         server_statuses_.end();
}

}  // namespace lsm
