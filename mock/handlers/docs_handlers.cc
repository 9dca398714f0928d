// GET /openapi.json and /openapi.yaml (the product API), /__mock/openapi.json and .yaml (the
// mock's own routes) and /docs (tag mock-control): the documents as this mock serves them, with
// `servers` pointing here, and the HTML reference of both. Rendered once per public URL
// (docs/spec_documents.h).
#include "docs/console_assets.h"
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

// Everything the console loads comes from the mock itself; Swagger UI sets style attributes.
constexpr char kConsolePolicy[] =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self' data:; object-src 'none'; "
    "frame-ancestors 'self'; base-uri 'none'";

Result<Reply> consoleFile(const ConsoleAsset& asset) {
  Reply reply{200, nullptr, Upload{std::string(asset.content_type), std::string(asset.bytes)},
              "no-cache"};
  reply.content_security_policy = kConsolePolicy;
  return reply;
}

Result<Reply> mockGetDocs(Call& c) {
  if (const ConsoleAsset* page = consoleAsset("index.html")) return consoleFile(*page);
  // Built without Swagger UI: the plain reference, saying how to get the console.
  auto reference = document(c, "text/html; charset=utf-8", &RenderedSpec::html);
  if (reference && reference->file) {
    std::string& html = reference->file->bytes;
    const size_t body = html.find("<body>");
    if (body != std::string::npos) {
      html.insert(body + 6,
                  "<p class=\"note\">This mock was built without its API console; run "
                  "<code>tools/install-docs-kit</code> (npm) and rebuild for the interactive "
                  "console with ready tokens. The plain reference follows.</p>");
    }
  }
  return reference;
}

Result<Reply> mockGetDrift(Call& c) {
  if (!c.services.drift) return Error::internal("the drift log is not set up");
  nlohmann::json drift = c.services.drift->toJson();
  drift["proxy"] = c.services.upstream ? nlohmann::json(c.services.upstream->options().base_url)
                                       : nlohmann::json(nullptr);
  return Reply{200, std::move(drift), std::nullopt};
}

Result<Reply> mockGetDocsReference(Call& c) {
  return document(c, "text/html; charset=utf-8", &RenderedSpec::html);
}

Result<Reply> mockGetDocsAsset(Call& c) {
  const std::string& name = c.in.path.at("file");
  const ConsoleAsset* asset = name == "index.html" ? nullptr : consoleAsset(name);
  if (!asset) return Error::notFound("file " + name + " is not part of the API console");
  return consoleFile(*asset);
}

}  // namespace lsm
