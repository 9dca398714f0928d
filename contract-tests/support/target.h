#pragma once
// The server the contract suite talks to: the local mock (no base URL) or a real deployment.
// Configured by environment variables, a target file with the same keys, and flags, in that
// order of precedence (flags win). Every setting has one key; every flag takes `--flag VALUE`
// and `--flag=VALUE`; an unknown or malformed one is a configuration error (exit 2).

#include <map>
#include <string>
#include <vector>

#include "core/result.h"

namespace contract {

enum class Role { kHost, kGuest, kAudience, kOther };
const char* roleName(Role r);  // "HOST", ...
inline const std::vector<Role>& allRoles() {
  static const std::vector<Role> kRoles = {Role::kHost, Role::kGuest, Role::kAudience,
                                           Role::kOther};
  return kRoles;
}

// The exact words that allow writes to a production target.
inline constexpr const char* kProductionWritesConsent = "I understand this changes production data";

struct Target {
  std::string base_url;  // empty: start the local mock
  std::map<Role, std::string> tokens;
  std::map<Role, std::string> user_ids;  // given for opaque tokens; else each JWT's `sub`
  std::string control_token;  // sent as X-Mock-Control-Token on /__mock/ (mock --control-token)
  std::string state_url;      // provider states: POST {state, params, action} here
  std::string state_command;  // ... or this program, the same JSON on its standard input
  std::string ledger_path;    // what the run created; empty: the default file
  bool production = false;
  bool allow_production_writes = false;
  bool is_mock = false;           // /__mock/ answers: the local mock or a livestream-mock somewhere
  bool strict = false;            // drift from decided (x-inferred) facts fails too
  bool require_coverage = false;  // every documented (operation, status) cell must be produced
  bool list_states = false;       // print the provider-state catalogue and exit
  double max_rps = 0;             // pace requests to at most this many per second (0: no pacing)
  int max_retries = 6;            // per request, on 429 / 503 with Retry-After
  long timeout_ms = 10000;
  std::string junit_path, report_path;
  std::string mock_binary;              // for the local mock
  std::vector<std::string> gtest_args;  // passed through (--gtest_filter=...)

  bool writesAllowed() const { return !production || allow_production_writes; }
};

// Reads CONTRACT_* variables, then --target FILE (KEY=VALUE lines, # comments), then flags.
// kInvalidArgument with a one-line reason for a configuration error; "help" for --help.
lsm::Result<Target> loadTarget(int argc, char** argv);
std::string usage();

}  // namespace contract
