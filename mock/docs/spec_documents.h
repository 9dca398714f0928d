#pragma once
// The OpenAPI document as the mock serves it: GET /openapi.json and /openapi.yaml with `servers`
// pointing at this mock, and GET /docs, an HTML reference of every operation generated from the
// document (documented and decided facts told apart by their x-inferred marks). Rendered once per
// public URL.

#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

namespace lsm {

struct RenderedSpec {
  std::string json;          // application/json: the product document
  std::string yaml;          // application/yaml: the product document
  std::string control_json;  // the control document (empty when there is none)
  std::string control_yaml;
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

// Renders the three documents for a public URL and hands out the same ones while the URL stays
// the same (the mock calls get() right after binding, once the port and so the URL are known; a
// request that came first, with the URL not yet set, does not fix the documents for good).
// Thread-safe; a document handed out stays valid while another URL is rendered.
class SpecDocuments {
 public:
  // `product` is served at /openapi.*, `control` (null: none) at /__mock/openapi.*, and
  // `reference` (both merged) is the HTML reference's. All three outlive this.
  SpecDocuments(const nlohmann::json& product, const nlohmann::json& control,
                const nlohmann::json& reference)
      : product_(product), control_(control), reference_(reference) {}
  explicit SpecDocuments(const nlohmann::json& product) : SpecDocuments(product, kNone, product) {}
  std::shared_ptr<const RenderedSpec> get(const std::string& public_url);

 private:
  static inline const nlohmann::json kNone = nullptr;
  const nlohmann::json& product_;
  const nlohmann::json& control_;
  const nlohmann::json& reference_;
  std::mutex mu_;
  std::string url_;                               // guarded by mu_
  std::shared_ptr<const RenderedSpec> rendered_;  // guarded by mu_; rendered for url_
};

}  // namespace lsm
