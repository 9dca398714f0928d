// GET /openapi.json and /openapi.yaml (the product API), /__mock/openapi.json and .yaml (the
// mock's own routes) and /docs (tag mock-control): the documents as this mock serves them, with
// `servers` pointing here, and the HTML reference of both. Rendered once per public URL
// (docs/spec_documents.h).
#include "handlers/handler.h"

namespace lsm {

namespace {

Result<Reply> document(Call& c, const char* content_type, const std::string RenderedSpec::*which) {
  if (!c.services.spec_documents) return Error::internal("the spec documents are not set up");
  const auto rendered = c.services.spec_documents->get(c.services.public_url.get());
  // no-cache: a restart with another --spec or --public-url must show at once.
  return Reply{200, nullptr, Upload{content_type, (*rendered).*which}, "no-cache"};
}

}  // namespace

Result<Reply> mockGetOpenApiJson(Call& c) {
  return document(c, "application/json; charset=utf-8", &RenderedSpec::json);
}

Result<Reply> mockGetOpenApiYaml(Call& c) {
  return document(c, "application/yaml; charset=utf-8", &RenderedSpec::yaml);
}

Result<Reply> mockGetControlOpenApiJson(Call& c) {
  return document(c, "application/json; charset=utf-8", &RenderedSpec::control_json);
}

Result<Reply> mockGetControlOpenApiYaml(Call& c) {
  return document(c, "application/yaml; charset=utf-8", &RenderedSpec::control_yaml);
}

Result<Reply> mockGetDocs(Call& c) {
  return document(c, "text/html; charset=utf-8", &RenderedSpec::html);
}

}  // namespace lsm
