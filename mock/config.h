#pragma once
// Everything the command line can set, with the defaults a frontend developer wants.

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"
#include "cors/cors.h"

namespace lsm {

struct Config {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  std::string fixtures_dir = "fixtures";
  std::string spec_path;  // empty: the document compiled into the binary
  std::string jwt_secret = "livestream-mock-dev-secret";
  int64_t token_ttl_seconds = 30 * 24 * 3600;  // tokens printed at start and minted by default
  std::string public_url;                      // empty: http://HOST:PORT as bound
  CorsConfig cors;
  bool validate_responses = true;
  bool audit_writes = false;  // --audit-writes (domain/store.h)
  size_t response_cache_entries =
      256;  // --response-cache N; 0 turns it off (cache/response_cache.h)
  size_t max_body_bytes = 8 * 1024 * 1024;
  size_t max_upload_bytes = 5 * 1024 * 1024;
  size_t max_header_bytes = 16 * 1024;  // request line + headers; 431 envelope beyond
  int request_timeout_seconds = 30;     // slow clients: 408 envelope and close
  bool control_api = true;              // --no-control-api: /__mock/ answers 404
  std::string control_token;            // --control-token: /__mock/ needs X-Mock-Control-Token
  int threads = 2;
  bool print_tokens = true;
  bool access_log = true;
  std::string agora_app_id, agora_app_certificate;
  int latency_min_ms = 0, latency_max_ms = 0;  // --latency 50-200
  std::string state_file;                      // --state-file: load at start, save on change
  int state_save_interval_seconds = 5;
  std::set<std::string> contract_breaks;  // --break-contract (faults/contract_breaks.h)
  std::string mint_token_for;             // --mint-token USER: print a token and exit
  bool watch = false;                     // --watch: reload the fixtures when their files change
  bool watch_keep_state = false;          // --watch-keep-state: merge instead of replace
  std::string color = "auto";             // --color auto|always|never (access log)
  // --proxy URL: forward product requests to a real server (proxy/upstream.h)
  std::string proxy_url;
  int proxy_timeout_seconds = 30, proxy_connect_timeout_seconds = 5;
  bool proxy_insecure = false;
  std::set<std::string> mock_ops;  // --mock-ops: operationIds the mock answers itself
  std::string record_dir;          // --record DIR: the real server's answers as fixtures
};

// Parses argv; `exit_code` is set when the program should stop (--help, or an error, printed).
Result<Config> parseCommandLine(int argc, char** argv, int* exit_code);

}  // namespace lsm
