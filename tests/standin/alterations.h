#pragma once
// What the stand-in changes in the traffic it forwards, as an independent backend of the same API
// would differ from the mock: Mongo-style extra fields, decided (x-inferred) facts answered
// otherwise, and documented fields dropped on purpose.

#include <optional>
#include <string>
#include <vector>

#include "http_wire.h"

namespace standin {

// --drop-field [METHOD ]PATH_PART:FIELD: on requests whose path contains PATH_PART (and whose
// method is METHOD, when given), FIELD (a dotted path, "creator.username") is removed from every
// item of data.list, or of data when it is a list, or from data itself.
struct DropField {
  std::string method;
  std::string path_part;
  std::string field;
};
std::optional<DropField> parseDropField(const std::string& spec);

struct Alterations {
  bool extra_fields = false;         // __v: 0 and deletedAt: null on every record in data
  bool decided_differences = false;  // cancel 200, bare "Validation failed", contacts limit 10
  std::vector<DropField> drops;
};

// The target the upstream is asked for (a backend with another default page size).
std::string upstreamTarget(const Alterations& a, const Request& req);
// The answer the client gets instead of the upstream's. Only JSON bodies are touched.
void alterResponse(const Alterations& a, const Request& req, Response& res);

}  // namespace standin
