#pragma once
// The API console at /docs (Swagger UI with the mock's own page and script, mock/docs/console/),
// compiled into the binary by cmake/embed_console.cmake when tools/install-docs-kit installed
// Swagger UI. Empty when it did not: /docs then serves the plain HTML reference.

#include <string_view>
#include <vector>

namespace lsm {

struct ConsoleAsset {
  std::string_view name;          // "swagger-ui-bundle.js", served at /docs/assets/NAME
  std::string_view content_type;  // "text/javascript; charset=utf-8"
  std::string_view bytes;
};

const std::vector<ConsoleAsset>& consoleAssets();

// The asset called `name`, or nullptr.
inline const ConsoleAsset* consoleAsset(std::string_view name) {
  for (const auto& a : consoleAssets()) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

// The page, its script and Swagger UI are all there.
inline bool consoleInstalled() {
  return consoleAsset("swagger-ui-bundle.js") != nullptr;
}

}  // namespace lsm
