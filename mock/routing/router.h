#pragma once
// Matches a request's method and path against the spec's path templates. An unknown path is a 404;
// a known path with another method is a 405 that lists the allowed methods.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "spec/spec.h"

namespace lsm {

struct RouteMatch {
  enum class Kind { kFound, kNoPath, kNoMethod } kind = Kind::kNoPath;
  const Operation* operation = nullptr;
  std::map<std::string, std::string> path_params;  // raw segments, percent-decoded
  std::vector<std::string> allowed_methods;        // for kNoMethod (and kFound: all of the path's)
};

class Router {
 public:
  explicit Router(const std::vector<Operation>& operations);
  RouteMatch match(std::string_view method, std::string_view path) const;

 private:
  struct Route {
    std::vector<std::string> segments;  // "{name}" marks a parameter
    size_t literal_count = 0;
    const Operation* operation;
  };
  std::vector<Route> routes_;
};

// Splits "/a/b/" into {"a", "b"}; an empty path gives {}.
std::vector<std::string_view> splitPath(std::string_view path);

}  // namespace lsm
