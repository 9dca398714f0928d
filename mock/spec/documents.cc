#include "spec/documents.h"

#include <set>
#include <vector>

namespace lsm {

using nlohmann::json;

namespace {

constexpr std::string_view kProductPrefix = "openapi.yaml#";

// Calls `visit` with every "$ref" string under `node` (the json holding it, mutable when `node`
// is). Iterative: a document is not client input, but nothing here needs to trust its depth.
template <typename Json, typename Visit>
void forEachRef(Json& node, Visit&& visit) {
  std::vector<Json*> todo{&node};
  while (!todo.empty()) {
    Json* n = todo.back();
    todo.pop_back();
    if (n->is_object()) {
      for (auto it = n->begin(); it != n->end(); ++it) {
        if (it.key() == "$ref" && it->is_string()) {
          visit(*it);
        } else {
          todo.push_back(&*it);
        }
      }
    } else if (n->is_array()) {
      for (auto& item : *n)
        todo.push_back(&item);
    }
  }
}

// Every "$ref" under `node` that names the product document becomes a local reference.
void localiseRefs(json& node) {
  forEachRef(node, [](json& ref) {
    const std::string& text = ref.get_ref<const std::string&>();
    if (text.rfind(kProductPrefix, 0) == 0) ref = text.substr(kProductPrefix.size() - 1);
  });
}

// The local references under `node` ("#/components/schemas/X").
void collectRefs(const json& node, std::vector<std::string>* out) {
  forEachRef(node, [out](const json& ref) {
    const std::string& text = ref.get_ref<const std::string&>();
    if (text.rfind("#/", 0) == 0) out->push_back(text);
  });
}

// `paths` with the components of `merged` they reach, directly or through other components.
json withReachedComponents(const json& merged, json doc) {
  std::vector<std::string> refs;
  collectRefs(doc["paths"], &refs);
  std::set<std::string> seen;
  json components = json::object();
  while (!refs.empty()) {
    const std::string ref = refs.back();
    refs.pop_back();
    if (!seen.insert(ref).second) continue;
    const json::json_pointer pointer(ref.substr(1));
    if (pointer.parent_pointer().parent_pointer() != json::json_pointer("/components")) continue;
    if (!merged.contains(pointer)) continue;
    const json& target = merged.at(pointer);
    components[pointer.parent_pointer().back()][pointer.back()] = target;
    collectRefs(target, &refs);
  }
  // The security schemes the document's operations name are components too.
  if (merged.contains("components") && merged["components"].contains("securitySchemes")) {
    components["securitySchemes"] = merged["components"]["securitySchemes"];
  }
  doc["components"] = std::move(components);
  return doc;
}

// Every $ref of the control document resolves where it points: `openapi.yaml#...` into the
// product document, `#...` into the control document itself (a reference to the wrong document
// would resolve in the merge and nowhere else).
Status checkRefs(const json& control, const json& product) {
  std::string unresolved;
  forEachRef(control, [&](const json& ref) {
    if (!unresolved.empty()) return;
    const std::string& text = ref.get_ref<const std::string&>();
    const bool to_product = text.rfind(kProductPrefix, 0) == 0;
    const std::string pointer = to_product ? text.substr(kProductPrefix.size()) : text.substr(1);
    const json& target = to_product ? product : control;
    bool found = false;
    if ((to_product || text.rfind("#", 0) == 0) && (pointer.empty() || pointer[0] == '/')) {
      try {
        found = target.contains(json::json_pointer(pointer));
      } catch (const json::exception&) {
        found = false;
      }
    }
    if (!found)
      unresolved = text + (to_product ? " does not resolve in openapi.yaml" : " does not resolve");
  });
  if (!unresolved.empty()) return Error::internal("mock-control.yaml: $ref " + unresolved);
  return Unit{};
}

Status mergeSection(json& into, const json& from, const std::string& where) {
  if (!from.is_object()) return Unit{};
  for (auto it = from.begin(); it != from.end(); ++it) {
    if (into.contains(it.key())) {
      return Error::internal("mock-control.yaml: " + where + " " + it.key() +
                             " is defined by openapi.yaml too");
    }
    into[it.key()] = it.value();
  }
  return Unit{};
}

}  // namespace

Result<json> mergeControlDocument(json product, const json& control) {
  if (auto st = checkRefs(control, product); !st) return st.error();
  json local = control;
  localiseRefs(local);
  if (!product["paths"].is_object()) product["paths"] = json::object();
  if (auto st = mergeSection(product["paths"], local.value("paths", json::object()), "path"); !st) {
    return st.error();
  }
  if (local.contains("components")) {
    for (auto it = local["components"].begin(); it != local["components"].end(); ++it) {
      json& section = product["components"][it.key()];
      if (section.is_null()) section = json::object();
      if (auto st = mergeSection(section, it.value(), "components/" + it.key()); !st) {
        return st.error();
      }
    }
  }
  if (local.contains("tags")) {
    if (!product["tags"].is_array()) product["tags"] = json::array();
    std::set<std::string> names;
    for (const auto& t : product["tags"])
      names.insert(t.value("name", ""));
    for (const auto& t : local["tags"]) {
      if (names.count(t.value("name", ""))) {
        return Error::internal("mock-control.yaml: tag " + t.value("name", "") +
                               " is defined by openapi.yaml too");
      }
      product["tags"].push_back(t);
    }
  }
  return product;
}

json standaloneControlDocument(const json& merged, const json& control) {
  json doc = control;
  localiseRefs(doc);
  doc.erase("components");
  return withReachedComponents(merged, std::move(doc));
}

}  // namespace lsm
