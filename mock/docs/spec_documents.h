#pragma once
// The OpenAPI document as the mock serves it: GET /openapi.json and /openapi.yaml with `servers`
// pointing at this mock, and GET /docs, an HTML reference of every operation generated from the
// document (documented and decided facts told apart by their x-inferred marks). Rendered once.

#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

namespace lsm {

struct RenderedSpec {
  std::string json;  // application/json
  std::string yaml;  // application/yaml
  std::string html;  // text/html
};

// `document` with servers = [{url: public_url}].
nlohmann::json withServer(const nlohmann::json& document, const std::string& public_url);
// A YAML rendering of a JSON value that reads back as the same value (strings that would resolve
// to another type are quoted; multi-line strings become literal blocks).
std::string toYaml(const nlohmann::json& value);
// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string escapeHtml(const std::string& text);
// The HTML reference of `document`.
std::string docsHtml(const nlohmann::json& document, const std::string& public_url);

// Renders the three documents on the first get() (the mock calls it right after binding, so the
// public URL is known) and hands out the same ones afterwards. Thread-safe.
class SpecDocuments {
 public:
  explicit SpecDocuments(const nlohmann::json& document) : document_(document) {}
  const RenderedSpec& get(const std::string& public_url);

 private:
  const nlohmann::json& document_;
  std::once_flag once_;
  RenderedSpec rendered_;
};

}  // namespace lsm
