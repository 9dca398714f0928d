#include "routing/router.h"

#include <algorithm>

#include "core/http.h"

namespace lsm {

std::vector<std::string_view> splitPath(std::string_view path) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < path.size()) {
    if (path[pos] == '/') {
      ++pos;
      continue;
    }
    size_t next = path.find('/', pos);
    if (next == std::string_view::npos) next = path.size();
    out.push_back(path.substr(pos, next - pos));
    pos = next;
  }
  return out;
}

static bool isParam(const std::string& s) {
  return s.size() > 2 && s.front() == '{' && s.back() == '}';
}

Router::Router(const std::vector<Operation>& operations) {
  for (const Operation& op : operations) {
    Route r;
    for (auto seg : splitPath(op.path)) {
      r.segments.emplace_back(seg);
      if (!isParam(r.segments.back())) ++r.literal_count;
    }
    r.operation = &op;
    routes_.push_back(std::move(r));
  }
  // More literal segments first: "/live-stream/create" wins over "/live-stream/{id}".
  std::stable_sort(routes_.begin(), routes_.end(), [](const Route& a, const Route& b) {
    return a.literal_count > b.literal_count;
  });
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
  RouteMatch result;
  const auto segments = splitPath(path);
  // Routes are sorted by literal segments, most first: once a route matches the path, routes
  // with fewer literals (more templated) do not, whatever their method (OpenAPI: a concrete path
  // is matched before a templated one).
  size_t matched_literals = 0;
  bool path_matched = false;
  for (const Route& r : routes_) {
    if (r.segments.size() != segments.size()) continue;
    if (path_matched && r.literal_count < matched_literals) break;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (size_t i = 0; i < segments.size() && ok; ++i) {
      if (isParam(r.segments[i])) {
        auto decoded = percentDecode(segments[i], false);
        params[r.segments[i].substr(1, r.segments[i].size() - 2)] =
            decoded ? *decoded : std::string(segments[i]);
      } else {
        ok = r.segments[i] == segments[i];
      }
    }
    if (!ok) continue;
    path_matched = true;
    matched_literals = r.literal_count;
    const std::string& m = r.operation->method;
    if (std::find(result.allowed_methods.begin(), result.allowed_methods.end(), m) ==
        result.allowed_methods.end()) {
      result.allowed_methods.push_back(m);
    }
    if (result.kind != RouteMatch::Kind::kFound && m == method) {
      result.kind = RouteMatch::Kind::kFound;
      result.operation = r.operation;
      result.path_params = std::move(params);
    } else if (result.kind == RouteMatch::Kind::kNoPath) {
      result.kind = RouteMatch::Kind::kNoMethod;
    }
  }
  std::sort(result.allowed_methods.begin(), result.allowed_methods.end());
  return result;
}

}  // namespace lsm
