#include "spec/yaml_json.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstdlib>
#include <regex>

#include "core/json_parse.h"

namespace lsm {
namespace {

// YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1023-core-schema).
nlohmann::json resolvePlainScalar(const std::string& s) {
  static const std::regex kNull("^(~|null|Null|NULL|)$");
  static const std::regex kBool("^(true|True|TRUE|false|False|FALSE)$");
  static const std::regex kInt("^[-+]?[0-9]+$");
  static const std::regex kHex("^0x[0-9a-fA-F]+$");
  static const std::regex kOctal("^0o[0-7]+$");
  static const std::regex kFloat(R"(^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$)");
  if (std::regex_match(s, kNull)) return nullptr;
  if (std::regex_match(s, kBool)) return s[0] == 't' || s[0] == 'T';
  if (std::regex_match(s, kInt)) {
    errno = 0;
    long long v = std::strtoll(s.c_str(), nullptr, 10);
    if (errno == 0) return v;
  }
  if (std::regex_match(s, kHex)) return std::strtoll(s.c_str(), nullptr, 16);
  if (std::regex_match(s, kOctal)) return std::strtoll(s.c_str() + 2, nullptr, 8);
  if (std::regex_match(s, kFloat)) return std::strtod(s.c_str(), nullptr);
  return s;
}

std::string lineOf(const YAML::Node& node) {
  return "yaml: line " + std::to_string(node.Mark().line + 1);
}

// Recursive over the document, so bounded like every JSON the mock reads.
Result<nlohmann::json> convert(const YAML::Node& node, size_t depth) {
  if ((node.IsSequence() || node.IsMap()) && depth >= kMaxJsonDepth) {
    return Error::invalid(lineOf(node) + ": " + depthMessage());
  }
  switch (node.Type()) {
    case YAML::NodeType::Null:
      return nlohmann::json(nullptr);
    case YAML::NodeType::Scalar:
      if (node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str") {
        return nlohmann::json(node.Scalar());
      }
      return resolvePlainScalar(node.Scalar());
    case YAML::NodeType::Sequence: {
      nlohmann::json arr = nlohmann::json::array();
      for (const auto& item : node) {
        auto v = convert(item, depth + 1);
        if (!v) return v;
        arr.push_back(std::move(v).value());
      }
      return arr;
    }
    case YAML::NodeType::Map: {
      nlohmann::json obj = nlohmann::json::object();
      for (const auto& kv : node) {
        if (!kv.first.IsScalar()) {
          return Error::invalid("yaml: line " + std::to_string(kv.first.Mark().line + 1) +
                                ": mapping keys must be scalars");
        }
        const std::string& key = kv.first.Scalar();
        if (key == "<<") {
          return Error::invalid("yaml: line " + std::to_string(kv.first.Mark().line + 1) +
                                ": merge keys (<<) are not supported");
        }
        auto v = convert(kv.second, depth + 1);
        if (!v) return v;
        obj[key] = std::move(v).value();
      }
      return obj;
    }
    case YAML::NodeType::Undefined:
      break;
  }
  return nlohmann::json(nullptr);
}

}  // namespace

Result<nlohmann::json> yamlToJson(std::string_view yaml_text) {
  try {
    YAML::Node root = YAML::Load(std::string(yaml_text));
    return convert(root, 0);
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own guard (2,000 levels), met before the conversion's.
    return Error::invalid("yaml: line " + std::to_string(e.mark.line + 1) + ": " + depthMessage());
  } catch (const YAML::Exception& e) {
    return Error::invalid("yaml: line " + std::to_string(e.mark.line + 1) + ", column " +
                          std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
}

}  // namespace lsm
