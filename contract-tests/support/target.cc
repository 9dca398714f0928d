#include "support/target.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <optional>

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

Target (environment variable / target-file key, or flag; flags win, then the file, then the
environment; every flag takes --flag VALUE or --flag=VALUE):
  CONTRACT_BASE_URL          --base-url URL        a real server; none: start the local mock
  CONTRACT_TOKEN_HOST        --token-host T        a user who may broadcast and has no live stream:
                                                   the suite's streams are HOST's
  CONTRACT_TOKEN_GUEST       --token-guest T       another user, invited as a guest
  CONTRACT_TOKEN_AUDIENCE    --token-audience T    another user, a viewer
  CONTRACT_TOKEN_OTHER       --token-other T       another user, with no part in the streams
                             (the four users must differ; none but HOST needs to broadcast)
  CONTRACT_USER_ID_HOST ...  --user-id-host ID ... the user id of each role, for tokens that are
                                                   not JWTs whose `sub` is the user id
  CONTRACT_STATE_URL         --state-url URL       provider states: the suite POSTs
                                                   {"state","params","action":"setup"|"teardown"}
  CONTRACT_STATE_COMMAND     --state-command CMD   ... or runs CMD (sh -c) with that JSON on stdin
  CONTRACT_MAX_RPS           --max-rps N           at most N requests per second (default: no
                                                   limit; a 429 slows the suite down by itself)
  CONTRACT_MAX_RETRIES       --max-retries N       retries of a 429 / 503 (Retry-After), default 6
  CONTRACT_TIMEOUT_MS        --timeout-ms N        per request (default 10000)
  CONTRACT_LEDGER            --ledger FILE         what the run created, swept by the next run
                                                   (default .contract-ledger.json)
  CONTRACT_CONTROL_TOKEN     --control-token T     a mock started with --control-token T
  CONTRACT_PRODUCTION=1      --production          the target is production: nothing
                                                   mutating is sent unless allowed below
  CONTRACT_ALLOW_PRODUCTION_WRITES  --allow-production-writes TEXT
                             TEXT must be exactly: I understand this changes production data
  --target FILE              KEY=VALUE lines with the keys above (# comments)
Run:
  --strict                   differences from decided (x-inferred) facts fail too
  --require-coverage         every documented (operation, status) cell must be verified
  --junit FILE               JUnit XML report
  --report FILE              Markdown report (verdict, coverage, drift, not verified, cleanup)
  --mock-binary PATH         livestream-mock to start when there is no base URL
  --list-states              print the provider-state catalogue (JSON) and exit
  --gtest_*                  passed to GoogleTest (e.g. --gtest_filter=Chat*)
Exit codes: 0 the documented contract holds, 1 documented facts broken (or, with --strict,
decided ones), 2 configuration error or an unusable target, 130/143 interrupted (cleaned up).
)";
}

namespace {

using Setter = std::function<lsm::Status(const std::string&)>;

struct Setting {
  std::string key;   // CONTRACT_...; empty: a flag only
  std::string flag;  // --...
  bool is_switch;    // a flag without a value (--strict); its key takes 1/0/true/false
  Setter set;
};

lsm::Status parseBool(const std::string& name, const std::string& v, bool* out) {
  if (v == "1" || v == "true") {
    *out = true;
  } else if (v == "0" || v == "false") {
    *out = false;
  } else {
    return lsm::Error::invalid(name + " must be 1 or 0, not '" + v + "'");
  }
  return lsm::okStatus();
}

lsm::Status parseNumber(const std::string& name, const std::string& v, double min, double max,
                        double* out) {
  char* end = nullptr;
  const double d = std::strtod(v.c_str(), &end);
  if (v.empty() || !end || *end || !std::isfinite(d) || d < min || d > max) {
    return lsm::Error::invalid(name + " must be a number from " + std::to_string(min).substr(0, 6) +
                               " to " + std::to_string(max).substr(0, 9) + ", not '" + v + "'");
  }
  *out = d;
  return lsm::okStatus();
}

bool isObjectId(const std::string& s) {
  if (s.size() != 24) return false;
  for (char c : s) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::vector<Setting> settings(Target* t) {
  auto text = [](std::string* field) {
    return [field](const std::string& v) {
      *field = v;
      return lsm::okStatus();
    };
  };
  std::vector<Setting> out = {
      {"CONTRACT_BASE_URL", "--base-url", false,
       [t](const std::string& v) -> lsm::Status {
         t->base_url = v;
         while (!t->base_url.empty() && t->base_url.back() == '/')
           t->base_url.pop_back();
         if (t->base_url.rfind("http://", 0) != 0 && t->base_url.rfind("https://", 0) != 0) {
           return lsm::Error::invalid(
               "CONTRACT_BASE_URL must start with http:// or https://, not '" + v + "'");
         }
         return lsm::okStatus();
       }},
      {"CONTRACT_CONTROL_TOKEN", "--control-token", false, text(&t->control_token)},
      {"CONTRACT_STATE_URL", "--state-url", false,
       [t](const std::string& v) -> lsm::Status {
         if (v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0) {
           return lsm::Error::invalid("CONTRACT_STATE_URL must start with http:// or https://");
         }
         t->state_url = v;
         return lsm::okStatus();
       }},
      {"CONTRACT_STATE_COMMAND", "--state-command", false, text(&t->state_command)},
      {"CONTRACT_LEDGER", "--ledger", false, text(&t->ledger_path)},
      {"CONTRACT_PRODUCTION", "--production", true,
       [t](const std::string& v) { return parseBool("CONTRACT_PRODUCTION", v, &t->production); }},
      {"CONTRACT_ALLOW_PRODUCTION_WRITES", "--allow-production-writes", false,
       [t](const std::string& v) -> lsm::Status {
         if (v != kProductionWritesConsent) {
           return lsm::Error::invalid(
               std::string("CONTRACT_ALLOW_PRODUCTION_WRITES must be exactly \"") +
               kProductionWritesConsent + "\"");
         }
         t->allow_production_writes = true;
         return lsm::okStatus();
       }},
      {"CONTRACT_MAX_RPS", "--max-rps", false,
       [t](const std::string& v) { return parseNumber("--max-rps", v, 0, 100000, &t->max_rps); }},
      {"CONTRACT_MAX_RETRIES", "--max-retries", false,
       [t](const std::string& v) -> lsm::Status {
         double d = 0;
         if (auto st = parseNumber("--max-retries", v, 0, 20, &d); !st) return st;
         if (std::floor(d) != d) return lsm::Error::invalid("--max-retries must be a whole number");
         t->max_retries = static_cast<int>(d);
         return lsm::okStatus();
       }},
      {"CONTRACT_TIMEOUT_MS", "--timeout-ms", false,
       [t](const std::string& v) -> lsm::Status {
         double d = 0;
         if (auto st = parseNumber("--timeout-ms", v, 100, 600000, &d); !st) return st;
         t->timeout_ms = static_cast<long>(d);
         return lsm::okStatus();
       }},
      {"CONTRACT_STRICT", "--strict", true,
       [t](const std::string& v) { return parseBool("--strict", v, &t->strict); }},
      {"CONTRACT_REQUIRE_COVERAGE", "--require-coverage", true,
       [t](const std::string& v) {
         return parseBool("--require-coverage", v, &t->require_coverage);
       }},
      {"CONTRACT_JUNIT", "--junit", false, text(&t->junit_path)},
      {"CONTRACT_REPORT", "--report", false, text(&t->report_path)},
      {"CONTRACT_MOCK_BINARY", "--mock-binary", false, text(&t->mock_binary)},
      {"", "--list-states", true,
       [t](const std::string& v) { return parseBool("--list-states", v, &t->list_states); }},
  };
  for (Role r : allRoles()) {
    std::string name = roleName(r);
    std::string lower;
    for (char c : name)
      lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.push_back({"CONTRACT_TOKEN_" + name, "--token-" + lower, false,
                   [t, r](const std::string& v) -> lsm::Status {
                     t->tokens[r] = v;
                     return lsm::okStatus();
                   }});
    out.push_back({"CONTRACT_USER_ID_" + name, "--user-id-" + lower, false,
                   [t, r, name](const std::string& v) -> lsm::Status {
                     if (!isObjectId(v)) {
                       return lsm::Error::invalid("CONTRACT_USER_ID_" + name +
                                                  " must be a 24-hex user id, not '" + v + "'");
                     }
                     t->user_ids[r] = v;
                     return lsm::okStatus();
                   }});
  }
  return out;
}

lsm::Status readTargetFile(const std::string& path, const std::vector<Setting>& all) {
  std::ifstream in(path);
  if (!in) return lsm::Error::invalid("--target " + path + ": cannot be read");
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.pop_back();
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    if (line.compare(start, 7, "export ") == 0) start = line.find_first_not_of(" \t", start + 7);
    size_t eq = line.find('=', start);
    if (eq == std::string::npos) {
      return lsm::Error::invalid(path + ":" + std::to_string(n) + ": expected KEY=VALUE");
    }
    std::string key = line.substr(start, eq - start);
    while (!key.empty() && (key.back() == ' ' || key.back() == '\t'))
      key.pop_back();
    std::string value = line.substr(eq + 1);
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    const Setting* s = nullptr;
    for (const auto& candidate : all) {
      if (!candidate.key.empty() && candidate.key == key) s = &candidate;
    }
    if (!s) return lsm::Error::invalid(path + ":" + std::to_string(n) + ": unknown key " + key);
    if (auto st = s->set(value); !st) {
      return lsm::Error::invalid(path + ":" + std::to_string(n) + ": " + st.error().details.at(0));
    }
  }
  return lsm::okStatus();
}

// One flag from argv at `*i` (advancing past its value): its name, and its value when it has one.
struct Flag {
  std::string name;
  std::optional<std::string> value;
};

}  // namespace

lsm::Result<Target> loadTarget(int argc, char** argv) {
  Target t;
  const auto all = settings(&t);
  // 1. The environment.
  for (const auto& s : all) {
    if (s.key.empty()) continue;
    if (const char* v = std::getenv(s.key.c_str()); v && *v) {
      if (auto st = s.set(v); !st) return st.error();
    }
  }
  // 2. Split argv into flags (each in either form) before applying any, so a target file named
  // anywhere on the line is read before the flags that override it.
  std::vector<Flag> flags;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--gtest_", 0) == 0) {
      t.gtest_args.push_back(a);
      continue;
    }
    if (a == "--help" || a == "-h") return lsm::Error::invalid("help");
    if (a.rfind("--", 0) != 0 || a.size() == 2) {
      return lsm::Error::invalid("unexpected argument '" + a + "' (see --help)");
    }
    Flag f;
    const size_t eq = a.find('=');
    f.name = a.substr(0, eq);
    if (eq != std::string::npos) f.value = a.substr(eq + 1);
    bool is_switch = false, known = f.name == "--target";
    for (const auto& s : all) {
      if (s.flag == f.name) {
        known = true;
        is_switch = s.is_switch;
      }
    }
    if (!known) return lsm::Error::invalid("unknown flag " + f.name + " (see --help)");
    if (!is_switch && !f.value) {
      if (i + 1 >= argc) return lsm::Error::invalid(f.name + " needs a value");
      f.value = argv[++i];
    }
    if (!is_switch && f.value->empty()) return lsm::Error::invalid(f.name + " needs a value");
    flags.push_back(std::move(f));
  }
  for (const auto& f : flags) {
    if (f.name == "--target") {
      if (auto st = readTargetFile(*f.value, all); !st) return st.error();
    }
  }
  // 3. The other flags.
  for (const auto& f : flags) {
    if (f.name == "--target") continue;
    for (const auto& s : all) {
      if (s.flag != f.name) continue;
      if (auto st = s.set(f.value.value_or("1")); !st) return st.error();
    }
  }
  if (t.base_url.empty() && t.production) {
    return lsm::Error::invalid("CONTRACT_PRODUCTION is set but there is no CONTRACT_BASE_URL");
  }
  if (!t.state_url.empty() && !t.state_command.empty()) {
    return lsm::Error::invalid("give CONTRACT_STATE_URL or CONTRACT_STATE_COMMAND, not both");
  }
  return t;
}

}  // namespace contract
