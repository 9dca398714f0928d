#pragma once
// The OpenAPI document, loaded once: every operation with its parameters, request body and
// documented responses, each schema compiled. Routing, request and response validation, the
// contract suite and the forced responses all read the API from here and nowhere else.

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "validation/schema.h"

namespace lsm {

struct ParameterSpec {
  std::string name;
  std::string in;  // "path" or "query" (headers are not validated by the spec)
  bool required = false;
  bool inferred = false;
  const nlohmann::json* schema_json = nullptr;  // resolved, $refs at the top followed
  Schema schema;
};

struct MediaSpec {
  const nlohmann::json* schema_json = nullptr;  // the schema as written (may be a $ref)
  Schema schema;
  nlohmann::json examples = nlohmann::json::object();  // name -> value
};

struct ResponseSpec {
  int status = 0;
  bool inferred = false;
  std::string description;
  std::map<std::string, MediaSpec> content;  // media type -> schema
};

struct RequestBodySpec {
  bool required = false;
  std::map<std::string, MediaSpec> content;  // "application/json", "multipart/form-data"
};

struct Operation {
  std::string id;
  std::string method;  // upper case
  std::string path;    // template, "/api/v1/live-stream/{id}/cancel"
  std::string summary;
  std::vector<std::string> tags;
  std::vector<ParameterSpec> parameters;
  std::optional<RequestBodySpec> body;
  std::map<int, ResponseSpec> responses;
  bool requires_auth = true;
  bool inferred = false;
  bool mock_control = false;
  bool mutating = false;  // POST, PUT, PATCH, DELETE

  const ResponseSpec* response(int status) const;
  std::vector<int> statuses() const;
};

class Spec {
 public:
  // Loads and compiles a document given as YAML (or JSON, which is YAML). Errors name the place.
  static Result<std::shared_ptr<const Spec>> fromYaml(std::string_view text);
  static Result<std::shared_ptr<const Spec>> fromJson(nlohmann::json document);
  // A product document (YAML or JSON) with the mock's control document compiled into the binary
  // (schemas/mock-control.yaml) merged in (spec/documents.h): what --spec loads.
  static Result<std::shared_ptr<const Spec>> withControl(std::string_view product_yaml);
  // The documents compiled into the binary (schemas/openapi.yaml and mock-control.yaml), merged.
  static Result<std::shared_ptr<const Spec>> embedded();

  const std::vector<Operation>& operations() const { return operations_; }
  const Operation* find(std::string_view operation_id) const;
  // What the mock routes and validates with: the product document and, where it was merged in,
  // the control document.
  const nlohmann::json& document() const { return document_; }
  // The product API alone (the document as given, before any merge): /openapi.json.
  const nlohmann::json& productDocument() const {
    return product_document_.is_null() ? document_ : product_document_;
  }
  // The control document, self-contained (its components copied in): /__mock/openapi.json.
  // null when no control document was merged in.
  const nlohmann::json& controlDocument() const { return control_document_; }
  // components/responses/ServerError: the body of the server's own answers (405, 413, 415, 500,
  // 501, ...; a 404 for no route, a bad Prefer 400); nullptr when the document has none.
  const ResponseSpec* serverResponse() const {
    return server_response_ ? &*server_response_ : nullptr;
  }
  // A status the server may answer on any operation (the component's x-server-statuses).
  bool isServerStatus(int status) const;
  // Compiles another schema against this document (for the fixture schema, tests).
  Result<Schema> compile(const nlohmann::json& schema, const std::string& where) const;

  Spec(const Spec&) = delete;
  Spec& operator=(const Spec&) = delete;
  ~Spec();

 private:
  Spec() = default;
  Status build();
  template <typename CompileMedia>
  Status buildServerResponse(const CompileMedia& compileMedia);

  nlohmann::json document_;
  nlohmann::json product_document_;  // null: document_ is the product document
  nlohmann::json control_document_;
  std::unique_ptr<SchemaCompiler> compiler_;
  std::vector<Operation> operations_;
  std::optional<ResponseSpec> server_response_;
  std::vector<int> server_statuses_;
};

// Follows $ref at the top of an object (parameters, responses, examples) to its target.
const nlohmann::json& followRefs(const nlohmann::json& document, const nlohmann::json& node);

std::string_view embeddedSpecYaml();
std::string_view embeddedControlSpecYaml();
std::string_view embeddedFixtureSchemaJson();
// schemas/provider-states.json: the contract suite's provider-state catalogue
// (spec/provider_states.h).
std::string_view embeddedProviderStatesJson();

}  // namespace lsm
