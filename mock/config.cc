#include "config.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "faults/contract_breaks.h"

namespace lsm {

namespace {

// Environment variables give defaults that flags override (handy in containers and CI).
std::string envOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

}  // namespace

Result<Config> parseCommandLine(int argc, char** argv, int* exit_code) {
  Config c;
  c.jwt_secret = envOr("LSM_JWT_SECRET", c.jwt_secret);
  c.agora_app_id = envOr("AGORA_APP_ID", "");
  c.control_token = envOr("LSM_CONTROL_TOKEN", "");
  c.agora_app_certificate = envOr("AGORA_APP_CERTIFICATE", "");

  CLI::App app{
      "livestream-mock: a stateful mock of the live-stream REST API v1, driven by "
      "schemas/openapi.yaml"};
  app.add_option("--host", c.host, "Address to listen on")->capture_default_str();
  app.add_option("--port", c.port, "Port to listen on (0: any free port)")->capture_default_str();
  app.add_option("--fixtures", c.fixtures_dir, "Fixtures directory loaded at start")
      ->capture_default_str();
  app.add_option("--spec", c.spec_path,
                 "OpenAPI document to serve (default: the one compiled into the binary)");
  app.add_option("--jwt-secret", c.jwt_secret, "HS256 secret for tokens (env LSM_JWT_SECRET)");
  app.add_option("--token-ttl", c.token_ttl_seconds, "Lifetime of minted tokens, seconds")
      ->capture_default_str();
  app.add_option("--public-url", c.public_url,
                 "Base URL clients reach the mock at, for upload URLs (default http://HOST:PORT)");
  std::string origins = "*";
  app.add_option("--cors-origins", origins, "Comma-separated allowed origins, or *")
      ->capture_default_str();
  bool no_cors = false;
  app.add_flag("--no-cors", no_cors, "Send no CORS headers");
  bool no_validate = false;
  app.add_flag("--no-validate-responses", no_validate,
               "Do not check responses against the spec (they are checked by default)");
  app.add_option("--response-cache", c.response_cache_entries,
                 "Remembered answers to repeated reads while the state is unchanged (0: off)")
      ->capture_default_str();
  app.add_option("--max-body-bytes", c.max_body_bytes, "Largest request body accepted")
      ->capture_default_str();
  app.add_option("--max-upload-bytes", c.max_upload_bytes, "Largest uploaded file accepted")
      ->capture_default_str();
  app.add_option("--max-header-bytes", c.max_header_bytes,
                 "Largest request line plus headers accepted (431 envelope beyond)")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1024}, size_t{1024 * 1024}));
  app.add_option("--request-timeout", c.request_timeout_seconds,
                 "Seconds a client may take to send a whole request (408 envelope, then close)")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  bool no_control_api = false;
  app.add_flag("--no-control-api", no_control_api,
               "Turn off the /__mock/ control routes (they answer 404 as if absent)");
  app.add_option("--control-token", c.control_token,
                 "Require header X-Mock-Control-Token with this value on /__mock/ routes "
                 "(env LSM_CONTROL_TOKEN)");
  app.add_option("--threads", c.threads, "Server threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  bool quiet = false;
  app.add_flag("--quiet", quiet, "No access log and no token listing at start");
  bool no_tokens = false;
  app.add_flag("--no-print-tokens", no_tokens, "Do not list fixture users and tokens at start");
  app.add_option("--agora-app-id", c.agora_app_id, "Agora app id (env AGORA_APP_ID)");
  app.add_option("--agora-app-certificate", c.agora_app_certificate,
                 "Agora app certificate (env AGORA_APP_CERTIFICATE)");
  std::string latency;
  app.add_option("--latency", latency,
                 "Random delay on every product response, milliseconds: 50-200 (or 100)");
  app.add_option("--state-file", c.state_file,
                 "Load the state from this file at start (when it exists), save it there on "
                 "shutdown and every few seconds when it changed");
  app.add_option("--state-save-interval", c.state_save_interval_seconds,
                 "Seconds between saves of --state-file")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  std::string breaks;
  app.add_option("--break-contract", breaks,
                 "For testing contract suites only: disagree with the spec on purpose "
                 "(all, or a list of: wrong-type, missing-field, status-200, decided-status, "
                 "undocumented-status)");
  app.add_option("--mint-token", c.mint_token_for,
                 "Print a token for this user id (with --jwt-secret) and exit");
  app.add_flag("--watch", c.watch,
               "Reload the fixtures when a file in --fixtures changes (checked every 500 ms); "
               "the reload replaces the state, a bad edit is logged and the old state kept");
  app.add_flag("--watch-keep-state", c.watch_keep_state,
               "Like --watch, but merge: fixture edits win, records created or changed at run "
               "time (streams, messages, balances) stay");
  app.add_option("--color", c.color,
                 "Colour the request log: auto (a terminal, no NO_COLOR), "
                 "always, never")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "always", "never"}));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    *exit_code = app.exit(e);
    return Error::invalid(e.what());
  }
  if (!latency.empty()) {
    int lo = 0, hi = 0;
    char extra = 0;
    const char* text = latency.c_str();
    const bool range = std::sscanf(text, "%d-%d%c", &lo, &hi, &extra) == 2;
    const bool single = !range && std::sscanf(text, "%d%c", &lo, &extra) == 1;
    if (single) hi = lo;
    if ((!range && !single) || lo < 0 || hi < lo || hi > 60000) {
      std::cerr << "--latency: expected MIN-MAX milliseconds (0-60000), e.g. 50-200\n";
      *exit_code = 2;
      return Error::invalid("bad --latency");
    }
    c.latency_min_ms = lo;
    c.latency_max_ms = hi;
  }
  if (!breaks.empty()) {
    auto parsed = parseContractBreaks(breaks);
    if (!parsed) {
      std::cerr << parsed.error().details.at(0) << "\n";
      *exit_code = 2;
      return parsed.error();
    }
    c.contract_breaks = std::move(parsed).value();
  }
  c.cors.enabled = !no_cors;
  c.cors.allowed_origins.clear();
  std::stringstream ss(origins);
  for (std::string item; std::getline(ss, item, ',');) {
    if (!item.empty()) c.cors.allowed_origins.push_back(item);
  }
  if (c.watch_keep_state) c.watch = true;
  c.validate_responses = !no_validate;
  c.control_api = !no_control_api;
  c.access_log = !quiet;
  c.print_tokens = !quiet && !no_tokens;
  if (c.jwt_secret.empty()) {
    std::cerr << "--jwt-secret must not be empty\n";
    *exit_code = 2;
    return Error::invalid("empty secret");
  }
  return c;
}

}  // namespace lsm
