#include "support/target.h"

#include <cstdlib>
#include <fstream>
#include <functional>

namespace contract {

const char* roleName(Role r) {
  switch (r) {
    case Role::kHost:
      return "HOST";
    case Role::kGuest:
      return "GUEST";
    case Role::kAudience:
      return "AUDIENCE";
    case Role::kOther:
      return "OTHER";
  }
  return "?";
}

std::string usage() {
  return R"(contract-tests: the API contract suite, against the local mock or a real server.

Target (environment variable / target-file key, or flag):
  CONTRACT_BASE_URL                --base-url URL        real server; none: start the local mock
  CONTRACT_TOKEN_HOST              --token-host T        a user who may broadcast
  CONTRACT_TOKEN_GUEST             --token-guest T       another user (invited as guest)
  CONTRACT_TOKEN_AUDIENCE          --token-audience T    another user (a viewer)
  CONTRACT_TOKEN_OTHER             --token-other T       a user with no part in the test streams
  CONTRACT_CONTROL_TOKEN           --control-token T     a mock started with --control-token T
  CONTRACT_PRODUCTION=1            --production          the target is production: nothing
                                                         mutating is sent unless allowed below
  CONTRACT_ALLOW_PRODUCTION_WRITES --allow-production-writes TEXT
                                   TEXT must be exactly: I understand this changes production data
  --target FILE      KEY=VALUE lines with the keys above
Run:
  --strict           differences from decided (x-inferred) facts fail too (default: reported)
  --require-coverage every documented (operation, status) cell must be produced and match
  --junit FILE       JUnit XML report
  --report FILE      Markdown report (coverage, drift, cleanup)
  --timeout-ms N     per request (default 10000)
  --mock-binary P    livestream-mock to start when there is no base URL
  --gtest_*          passed to GoogleTest (e.g. --gtest_filter=Chat*)
Exit codes: 0 all good, 1 contract failures, 2 configuration or connection error.
)";
}

namespace {

using Setter = std::function<lsm::Status(const std::string&)>;

std::map<std::string, Setter> setters(Target* t) {
  auto token = [t](Role r) {
    return [t, r](const std::string& v) {
      t->tokens[r] = v;
      return lsm::okStatus();
    };
  };
  return {
      {"CONTRACT_BASE_URL",
       [t](const std::string& v) {
         t->base_url = v;
         while (!t->base_url.empty() && t->base_url.back() == '/')
           t->base_url.pop_back();
         return lsm::okStatus();
       }},
      {"CONTRACT_CONTROL_TOKEN",
       [t](const std::string& v) {
         t->control_token = v;
         return lsm::okStatus();
       }},
      {"CONTRACT_TOKEN_HOST", token(Role::kHost)},
      {"CONTRACT_TOKEN_GUEST", token(Role::kGuest)},
      {"CONTRACT_TOKEN_AUDIENCE", token(Role::kAudience)},
      {"CONTRACT_TOKEN_OTHER", token(Role::kOther)},
      {"CONTRACT_PRODUCTION",
       [t](const std::string& v) -> lsm::Status {
         if (v != "0" && v != "1" && v != "true" && v != "false") {
           return lsm::Error::invalid("CONTRACT_PRODUCTION must be 1 or 0");
         }
         t->production = v == "1" || v == "true";
         return lsm::okStatus();
       }},
      {"CONTRACT_ALLOW_PRODUCTION_WRITES",
       [t](const std::string& v) -> lsm::Status {
         if (v != kProductionWritesConsent) {
           return lsm::Error::invalid(
               std::string("CONTRACT_ALLOW_PRODUCTION_WRITES must be exactly \"") +
               kProductionWritesConsent + "\"");
         }
         t->allow_production_writes = true;
         return lsm::okStatus();
       }},
  };
}

lsm::Status readTargetFile(const std::string& path, const std::map<std::string, Setter>& set) {
  std::ifstream in(path);
  if (!in) return lsm::Error::invalid("--target " + path + ": cannot be read");
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
      line.pop_back();
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    size_t eq = line.find('=');
    if (eq == std::string::npos) {
      return lsm::Error::invalid(path + ":" + std::to_string(n) + ": expected KEY=VALUE");
    }
    std::string key = line.substr(start, eq - start);
    while (!key.empty() && key.back() == ' ')
      key.pop_back();
    std::string value = line.substr(eq + 1);
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    auto it = set.find(key);
    if (it == set.end())
      return lsm::Error::invalid(path + ":" + std::to_string(n) + ": unknown key " + key);
    if (auto st = it->second(value); !st) return st;
  }
  return lsm::okStatus();
}

}  // namespace

lsm::Result<Target> loadTarget(int argc, char** argv) {
  Target t;
  auto set = setters(&t);
  for (const auto& [key, fn] : set) {
    if (const char* v = std::getenv(key.c_str()); v && *v) {
      if (auto st = fn(v); !st) return st.error();
    }
  }
  // Flags name the same settings; --target is read first so that other flags win over it.
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--target") {
      if (auto st = readTargetFile(argv[i + 1], set); !st) return st.error();
    }
  }
  static const std::map<std::string, std::string> kFlagKeys = {
      {"--base-url", "CONTRACT_BASE_URL"},
      {"--control-token", "CONTRACT_CONTROL_TOKEN"},
      {"--token-host", "CONTRACT_TOKEN_HOST"},
      {"--token-guest", "CONTRACT_TOKEN_GUEST"},
      {"--token-audience", "CONTRACT_TOKEN_AUDIENCE"},
      {"--token-other", "CONTRACT_TOKEN_OTHER"},
      {"--allow-production-writes", "CONTRACT_ALLOW_PRODUCTION_WRITES"}};
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    std::string value;
    size_t eq = a.find('=');
    if (a.rfind("--gtest_", 0) == 0) {
      t.gtest_args.push_back(a);
      continue;
    }
    if (eq != std::string::npos) {
      value = a.substr(eq + 1);
      a = a.substr(0, eq);
    }
    auto needValue = [&](std::string* out) -> lsm::Status {
      if (eq != std::string::npos) {
        *out = value;
        return lsm::okStatus();
      }
      if (i + 1 >= argc) return lsm::Error::invalid(a + " needs a value");
      *out = argv[++i];
      return lsm::okStatus();
    };
    if (auto key = kFlagKeys.find(a); key != kFlagKeys.end()) {
      std::string v;
      if (auto st = needValue(&v); !st) return st.error();
      if (auto st = set.at(key->second)(v); !st) return st.error();
    } else if (a == "--production") {
      t.production = true;
    } else if (a == "--strict") {
      t.strict = true;
    } else if (a == "--require-coverage") {
      t.require_coverage = true;
    } else if (a == "--target") {
      std::string ignored;
      if (auto st = needValue(&ignored); !st) return st.error();
    } else if (a == "--junit") {
      if (auto st = needValue(&t.junit_path); !st) return st.error();
    } else if (a == "--report") {
      if (auto st = needValue(&t.report_path); !st) return st.error();
    } else if (a == "--mock-binary") {
      if (auto st = needValue(&t.mock_binary); !st) return st.error();
    } else if (a == "--timeout-ms") {
      std::string v;
      if (auto st = needValue(&v); !st) return st.error();
      char* end = nullptr;
      t.timeout_ms = std::strtol(v.c_str(), &end, 10);
      if (!end || *end || t.timeout_ms < 100)
        return lsm::Error::invalid("--timeout-ms must be >= 100");
    } else if (a == "--help" || a == "-h") {
      return lsm::Error::invalid("help");
    } else {
      return lsm::Error::invalid("unknown argument " + a + " (see --help)");
    }
  }
  if (!t.base_url.empty()) {
    if (t.base_url.rfind("http://", 0) != 0 && t.base_url.rfind("https://", 0) != 0) {
      return lsm::Error::invalid("CONTRACT_BASE_URL must start with http:// or https://");
    }
  } else if (t.production) {
    return lsm::Error::invalid("CONTRACT_PRODUCTION is set but there is no CONTRACT_BASE_URL");
  }
  return t;
}

}  // namespace contract
