// GET /openapi.json, /openapi.yaml and /docs: the spec as the mock serves it (servers = the mock's
// own address) and its HTML reference, generated from the document, with decided facts marked.
#include <functional>

#include "docs/spec_documents.h"
#include "spec/yaml_json.h"
#include "test_support.h"

namespace lsm_test {
namespace {

class Docs : public SharedMockTest {};

size_t count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size()))
    ++n;
  return n;
}

// Every x-inferred-note of the document, and how many nodes say x-inferred: true.
void collectInferred(const json& node, std::vector<std::string>* notes, size_t* marked) {
  if (node.is_object()) {
    if (node.value("x-inferred", false) == true) ++*marked;
    if (auto it = node.find("x-inferred-note"); it != node.end() && it->is_string()) {
      notes->push_back(it->get<std::string>());
    }
    for (const auto& [_, child] : node.items())
      collectInferred(child, notes, marked);
  } else if (node.is_array()) {
    for (const auto& child : node)
      collectInferred(child, notes, marked);
  }
}

TEST_F(Docs, OpenApiJsonServesMockAddressAsServer) {
  auto r = http().get("/openapi.json");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(r.header("Content-Type").value_or("").rfind("application/json", 0), 0u);
  ASSERT_TRUE(r.isJson()) << r.describe();
  ASSERT_EQ(r.body_json["servers"].size(), 1u);
  EXPECT_EQ(r.body_json["servers"][0]["url"], mock().baseUrl());
  // Everything else is the product document (schemas/openapi.yaml), none of the mock's routes.
  json served = r.body_json;
  json expected = spec().productDocument();
  served.erase("servers");
  expected.erase("servers");
  EXPECT_EQ(served, expected);
  // The document starts the way OpenAPI documents are written.
  EXPECT_EQ(r.body.find("\"openapi\""), r.body.find('"'));
}

TEST_F(Docs, ProductDocumentsCarryNoMockRoute) {
  // What a client generator (openapi-typescript, ...) reads: the /api/v1 operations only.
  for (const char* url : {"/openapi.json", "/openapi.yaml"}) {
    auto r = http().get(url);
    ASSERT_EQ(r.status, 200) << r.describe();
    auto doc = lsm::yamlToJson(r.body);
    ASSERT_TRUE(doc.ok()) << url;
    ASSERT_FALSE((*doc)["paths"].empty()) << url;
    for (const auto& [path, item] : (*doc)["paths"].items()) {
      EXPECT_EQ(path.rfind("/api/v1/", 0), 0u) << url << ": " << path;
    }
    EXPECT_EQ(r.body.find("__mock"), std::string::npos) << url;
    EXPECT_EQ(r.body.find("x-mock-control"), std::string::npos) << url;
  }
}

TEST_F(Docs, ControlDocumentUrlServesEveryMockRouteSelfContained) {
  for (const char* url : {"/__mock/openapi.json", "/__mock/openapi.yaml"}) {
    auto r = http().get(url);
    ASSERT_EQ(r.status, 200) << r.describe();
    auto doc = lsm::yamlToJson(r.body);
    ASSERT_TRUE(doc.ok()) << url;
    EXPECT_EQ((*doc)["servers"][0]["url"], mock().baseUrl()) << url;
    size_t control_ops = 0;
    for (const auto& op : spec().operations()) {
      if (!op.mock_control) continue;
      ++control_ops;
      EXPECT_TRUE((*doc)["paths"].contains(op.path)) << url << ": " << op.id;
    }
    EXPECT_GT(control_ops, 10u);
    EXPECT_FALSE((*doc)["paths"].contains("/api/v1/live-stream/create")) << url;
    auto standalone = lsm::Spec::fromJson(*doc);  // every $ref resolves inside it
    EXPECT_TRUE(standalone.ok()) << url << ": "
                                 << (standalone.ok() ? "" : standalone.error().details.at(0));
  }
}

TEST_F(Docs, OpenApiYamlReadsBackAsTheJsonDocument) {
  auto yaml = http().get("/openapi.yaml");
  ASSERT_EQ(yaml.status, 200) << yaml.describe();
  EXPECT_EQ(yaml.header("Content-Type").value_or("").rfind("application/yaml", 0), 0u);
  EXPECT_EQ(yaml.body.rfind("openapi: ", 0), 0u) << yaml.body.substr(0, 200);
  auto parsed = lsm::yamlToJson(yaml.body);
  ASSERT_TRUE(parsed.ok()) << parsed.error().details.at(0);
  auto js = http().get("/openapi.json");
  ASSERT_EQ(js.status, 200) << js.describe();
  EXPECT_EQ(*parsed, js.body_json);
}

TEST_F(Docs, DocsShowsEveryOperationAndInferredMarks) {
  auto r = http().get("/docs/reference");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(r.header("Content-Type").value_or("").rfind("text/html", 0), 0u);
  const std::string& html = r.body;
  EXPECT_EQ(html.rfind("<!doctype html>", 0), 0u);
  for (const auto& op : spec().operations()) {
    const std::string section = "<section class=\"op\" id=\"op-" + op.id + "\">";
    const size_t at = html.find(section);
    ASSERT_NE(at, std::string::npos) << op.id;
    const std::string head = html.substr(at, 600);
    EXPECT_NE(head.find(">" + op.method + "</span>"), std::string::npos) << op.id << head;
    EXPECT_NE(head.find("<code>" + lsm::escapeHtml(op.path) + "</code>"), std::string::npos)
        << op.id << head;
    EXPECT_NE(head.find(lsm::escapeHtml(op.summary)), std::string::npos) << op.id << head;
    for (int status : op.statuses()) {
      EXPECT_NE(html.find("id=\"op-" + op.id + "-" + std::to_string(status) + "\""),
                std::string::npos)
          << op.id << " " << status;
    }
    for (const auto& p : op.parameters) {
      EXPECT_NE(html.find("<code>" + p.name + "</code>", at), std::string::npos)
          << op.id << " " << p.name;
    }
  }
  // Every decided fact is visible: a badge per mark, and every note's text.
  std::vector<std::string> notes;
  size_t marked = 0;
  collectInferred(spec().document(), &notes, &marked);
  ASSERT_GT(marked, 20u);
  EXPECT_GE(count(html, "class=\"badge inferred\""), marked);
  for (const auto& note : notes) {
    // Backquoted spans become <code>: look for the text up to the first one.
    const std::string plain = lsm::escapeHtml(note.substr(0, note.find('`')));
    EXPECT_NE(html.find(plain), std::string::npos) << note;
  }
  // Examples are shown: the documented 409 message and an example's name.
  EXPECT_NE(html.find("Resource already exists or cannot be changed in its current state"),
            std::string::npos);
  EXPECT_NE(html.find("example <code>"), std::string::npos);
}

TEST_F(Docs, DocsAndSpecNeedNoTokenAndCarryCors) {
  for (const char* path : {"/docs", "/docs/reference", "/openapi.json", "/openapi.yaml"}) {
    auto r = http().get(path, {{"Origin", "http://localhost:5173"}});
    EXPECT_EQ(r.status, 200) << path << " " << r.describe();
    EXPECT_EQ(r.header("Access-Control-Allow-Origin").value_or(""), "http://localhost:5173")
        << path;
    auto pre = http().request(
        "OPTIONS", path,
        {{"Origin", "http://localhost:5173"}, {"Access-Control-Request-Method", "GET"}});
    EXPECT_EQ(pre.status / 100, 2) << path << " " << pre.describe();
    EXPECT_NE(pre.header("Access-Control-Allow-Methods").value_or("").find("GET"),
              std::string::npos)
        << path;
  }
}

TEST_F(Docs, ConsoleIsServedByTheMockItselfOrThePlainReferenceSaysHowToGetIt) {
  auto r = http().get("/docs");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(r.header("Content-Type").value_or("").rfind("text/html", 0), 0u);
#if LSM_CONSOLE_BUILT
  // Swagger UI from the mock itself: every script and stylesheet the page names is one of its
  // own files, and the page may load nothing from anywhere else.
  const std::string policy = r.header("Content-Security-Policy").value_or("");
  EXPECT_NE(policy.find("default-src 'self'"), std::string::npos) << policy;
  EXPECT_NE(policy.find("script-src 'self'"), std::string::npos) << policy;
  EXPECT_EQ(r.body.find("http"), std::string::npos) << "an absolute URL in the page";
  size_t assets = 0;
  for (size_t at = r.body.find("/docs/assets/"); at != std::string::npos;
       at = r.body.find("/docs/assets/", at + 1)) {
    const std::string url = r.body.substr(at, r.body.find('"', at) - at);
    auto asset = http().get(url);
    EXPECT_EQ(asset.status, 200) << url;
    const std::string type = asset.header("Content-Type").value_or("");
    EXPECT_TRUE(type.rfind("text/javascript", 0) == 0 || type.rfind("text/css", 0) == 0)
        << url << " " << type;
    EXPECT_GT(asset.body.size(), 100u) << url;
    ++assets;
  }
  EXPECT_EQ(assets, 4u) << "swagger-ui.css, console.css, swagger-ui-bundle.js, console.js";
  EXPECT_NE(http().get("/docs/assets/swagger-ui-bundle.js").body.find("SwaggerUIBundle"),
            std::string::npos);
  // Its script reads the ready tokens from the mock's users and the product document.
  const std::string script = http().get("/docs/assets/console.js").body;
  EXPECT_NE(script.find("/__mock/users"), std::string::npos);
  EXPECT_NE(r.body.find("/openapi.json"), std::string::npos);
  EXPECT_NE(script.find("preauthorizeApiKey(\"bearerAuth\""), std::string::npos);
#else
  // Built without Swagger UI (no npm): the plain reference, with the way to the console.
  EXPECT_NE(r.body.find("tools/install-docs-kit"), std::string::npos);
  EXPECT_NE(r.body.find("<section class=\"op\""), std::string::npos);
#endif
  auto missing = http().get("/docs/assets/not-there.js");
  EXPECT_EQ(missing.status, 404) << missing.describe();
  EXPECT_TRUE(isErrorEnvelope(missing.body_json)) << missing.describe();
}

TEST_F(Docs, NeighbouringUnknownPathsStay404Envelopes) {
  for (const char* path : {"/docs/x", "/openapi.yml", "/doc", "/docs/assets/../openapi.json"}) {
    auto r = http().get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_TRUE(isErrorEnvelope(r.body_json)) << path << " " << r.describe();
  }
  auto r = http().request("POST", "/docs");
  EXPECT_EQ(r.status, 405) << r.describe();
}

class DocsOfAnotherSpec : public FreshMockTest {
 protected:
  // The real document with markup in a summary, a description and a note, served with --spec.
  std::vector<std::string> mockArgs() const override {
    json doc = spec().productDocument();
    json& op = doc["paths"]["/api/v1/live-stream/create"]["post"];
    op["summary"] = "Create <script>alert(1)</script> & \"go\"";
    op["x-inferred"] = true;
    op["x-inferred-note"] = "<b>decided</b> on 'purpose'";
    writeFile(dir_.path() + "/spec.json", doc.dump());
    return {"--spec", dir_.path() + "/spec.json"};
  }
  TempDir dir_;
};

TEST_F(DocsOfAnotherSpec, DocsEscapeHtmlOfTheDocumentServed) {
  auto r = http().get("/docs/reference");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(r.body.find("<script>"), std::string::npos);
  EXPECT_EQ(r.body.find("<b>decided"), std::string::npos);
  EXPECT_NE(r.body.find("Create &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;go&quot;"),
            std::string::npos);
  EXPECT_NE(r.body.find("&lt;b&gt;decided&lt;/b&gt; on &#39;purpose&#39;"), std::string::npos);
  EXPECT_NE(r.body.find("<code>" + mock().baseUrl() + "</code>"), std::string::npos);
  auto js = http().get("/openapi.json");
  ASSERT_EQ(js.status, 200) << js.describe();
  EXPECT_EQ(js.body_json["paths"]["/api/v1/live-stream/create"]["post"]["summary"],
            "Create <script>alert(1)</script> & \"go\"");
}

}  // namespace
}  // namespace lsm_test
