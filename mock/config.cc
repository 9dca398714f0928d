#include "config.h"

#include <CLI/CLI.hpp>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "faults/contract_breaks.h"

#ifndef LSM_VERSION
#define LSM_VERSION "dev"
#endif

namespace lsm {

namespace {

// The groups of --help, in the order shown.
constexpr char kServing[] = "Serving";
constexpr char kData[] = "Data";
constexpr char kAuth[] = "Auth";
constexpr char kLimits[] = "Limits";
constexpr char kControl[] = "Control API";
constexpr char kProxy[] = "Proxy (in front of a real server)";
constexpr char kTesting[] = "Testing only";

// Every flag --some-name reads LSM_SOME_NAME when it is not given (handy in containers and CI);
// --help shows the variable. The flag wins over the variable.
std::string envNameOf(const CLI::Option* option) {
  std::string name = option->get_name();  // "--some-name"
  std::string out = "LSM_";
  for (char ch : name.substr(name.find_first_not_of('-'))) {
    out += ch == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  return out;
}

CLI::Option* inGroup(CLI::Option* option, const char* group) {
  return option->group(group)->envname(envNameOf(option));
}

// "a,b,,c" -> {a, b, c}: a flag's comma-separated list, empty items dropped.
std::vector<std::string> commaList(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

// One exit code for every kind of bad usage, as getopt programs do.
constexpr int kBadUsage = 2;

Result<Config> badUsage(const std::string& message, int* exit_code) {
  std::cerr << "livestream-mock: " << message << "\n";
  *exit_code = kBadUsage;
  return Error::invalid(message);
}

}  // namespace

Result<Config> parseCommandLine(int argc, char** argv, int* exit_code) {
  Config c;
  CLI::App app{
      "livestream-mock: a stateful mock of the live-stream REST API v1, driven by "
      "schemas/openapi.yaml. Every flag --some-name may instead be set with the environment "
      "variable LSM_SOME_NAME (shown as Env); a flag given wins."};
  app.set_version_flag("--version", std::string("livestream-mock ") + LSM_VERSION);

  // ---- serving
  int port = c.port;
  inGroup(app.add_option("--host", c.host, "Address to listen on (0.0.0.0: every interface)"),
          kServing)
      ->capture_default_str();
  inGroup(app.add_option("--port", port, "Port to listen on (0: any free port)"), kServing)
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  inGroup(app.add_option("--public-url", c.public_url,
                         "Base URL clients reach the mock at, for the URLs it hands out "
                         "(thumbnails, servers of /openapi.json); default http://HOST:PORT"),
          kServing);
  auto* threads =
      inGroup(app.add_option("--threads", c.threads,
                             "Server threads (with --proxy 64 unless given: each waits for the "
                             "real server's answer)"),
              kServing)
          ->capture_default_str()
          ->check(CLI::Range(1, 64));
  std::string origins = "*";
  inGroup(app.add_option("--cors-origins", origins, "Comma-separated allowed origins, or *"),
          kServing)
      ->capture_default_str();
  bool no_cors = false;
  inGroup(app.add_flag("--no-cors", no_cors, "Send no CORS headers"), kServing);
  std::string latency;
  inGroup(app.add_option("--latency", latency,
                         "Random delay on every product response, milliseconds: 50-200 (or 100)"),
          kServing);
  inGroup(app.add_option("--response-cache", c.response_cache_entries,
                         "Remembered answers to repeated reads while the state is unchanged (0: "
                         "off)"),
          kServing)
      ->capture_default_str()
      ->check(CLI::Range(size_t{0}, size_t{1000000}));
  bool quiet = false;
  inGroup(app.add_flag("--quiet", quiet, "No access log and no token listing at start"), kServing);
  bool no_tokens = false;
  inGroup(
      app.add_flag("--no-print-tokens", no_tokens, "Do not list fixture users and tokens at start"),
      kServing);
  inGroup(app.add_option("--color", c.color,
                         "Colour the request log: auto (a terminal, no NO_COLOR), always, never"),
          kServing)
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "always", "never"}));

  // ---- data
  inGroup(app.add_option("--fixtures", c.fixtures_dir, "Fixtures directory loaded at start"), kData)
      ->capture_default_str();
  inGroup(app.add_option("--spec", c.spec_path,
                         "OpenAPI document to serve (default: the one compiled into the binary)"),
          kData);
  inGroup(app.add_option("--state-file", c.state_file,
                         "Load the state from this file at start (when it exists), save it there "
                         "on shutdown and every few seconds when it changed"),
          kData);
  inGroup(app.add_option("--state-save-interval", c.state_save_interval_seconds,
                         "Seconds between saves of --state-file"),
          kData)
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  inGroup(app.add_flag("--watch", c.watch,
                       "Reload the fixtures when a file in --fixtures changes (checked every 500 "
                       "ms); the reload replaces the state, a bad edit is logged and the old "
                       "state kept"),
          kData);
  inGroup(app.add_flag("--watch-keep-state", c.watch_keep_state,
                       "Like --watch, but merge: fixture edits win, records created or changed at "
                       "run time (streams, messages, balances) stay"),
          kData);

  // ---- auth
  inGroup(app.add_option("--jwt-secret", c.jwt_secret, "HS256 secret for tokens"), kAuth)
      ->capture_default_str();
  inGroup(app.add_option("--token-ttl", c.token_ttl_seconds,
                         "Lifetime of printed and minted tokens, seconds"),
          kAuth)
      ->capture_default_str()
      ->check(CLI::Range(int64_t{1}, int64_t{10} * 366 * 24 * 3600));
  // Agora's own variable names, which its tools use too.
  app.add_option("--agora-app-id", c.agora_app_id, "Agora app id, for real broadcaster tokens")
      ->group(kAuth)
      ->envname("AGORA_APP_ID");
  app.add_option("--agora-app-certificate", c.agora_app_certificate, "Agora app certificate")
      ->group(kAuth)
      ->envname("AGORA_APP_CERTIFICATE");
  // No variable: a variable left set would turn every start into a token print.
  app.add_option("--mint-token", c.mint_token_for,
                 "Print a token for this fixture user id (with --jwt-secret) and exit")
      ->group(kAuth);

  // ---- limits
  inGroup(app.add_option("--max-body-bytes", c.max_body_bytes,
                         "Largest request body accepted (413 envelope beyond)"),
          kLimits)
      ->capture_default_str()
      ->check(CLI::Range(size_t{1024}, size_t{1024} * 1024 * 1024));
  inGroup(app.add_option("--max-upload-bytes", c.max_upload_bytes,
                         "Largest uploaded file accepted (413 envelope beyond)"),
          kLimits)
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{1024} * 1024 * 1024));
  inGroup(app.add_option("--max-header-bytes", c.max_header_bytes,
                         "Largest request line plus headers accepted (431 envelope beyond)"),
          kLimits)
      ->capture_default_str()
      ->check(CLI::Range(size_t{1024}, size_t{1024 * 1024}));
  inGroup(app.add_option("--request-timeout", c.request_timeout_seconds,
                         "Seconds a client may take to send a whole request (408 envelope, then "
                         "close)"),
          kLimits)
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));

  // ---- proxy
  inGroup(app.add_option("--proxy", c.proxy_url,
                         "Forward every product request to this real server (http:// or "
                         "https://), check each answer against the spec (sl-violations header, "
                         "GET /__mock/drift), and answer from the mock what it does not have"),
          kProxy);
  inGroup(app.add_option("--proxy-timeout", c.proxy_timeout_seconds,
                         "Seconds the real server may take to answer (504 envelope after)"),
          kProxy)
      ->capture_default_str()
      ->check(CLI::Range(1, 600));
  inGroup(app.add_option("--proxy-connect-timeout", c.proxy_connect_timeout_seconds,
                         "Seconds to connect to the real server (502 envelope after)"),
          kProxy)
      ->capture_default_str()
      ->check(CLI::Range(1, 60));
  inGroup(app.add_flag("--proxy-insecure", c.proxy_insecure,
                       "Do not verify the real server's TLS certificate (self-signed dev servers)"),
          kProxy);
  inGroup(app.add_option("--record", c.record_dir,
                         "Write what the real server's answers showed (users, streams, viewers, "
                         "chat, contacts, consents) as a fixtures directory, for --fixtures DIR "
                         "offline"),
          kProxy);
  std::string mock_ops;
  inGroup(app.add_option("--mock-ops", mock_ops,
                         "Operations (operationIds, comma-separated) the mock answers itself "
                         "instead of the real server, e.g. sendSuperlike,listChatMessages"),
          kProxy);

  // ---- control API
  bool no_control_api = false;
  inGroup(app.add_flag("--no-control-api", no_control_api,
                       "Turn off the /__mock/ control routes (they answer 404 as if absent)"),
          kControl);
  inGroup(app.add_option("--control-token", c.control_token,
                         "Require header X-Mock-Control-Token with this value on /__mock/ routes"),
          kControl);

  // ---- testing only
  bool no_validate = false;
  inGroup(app.add_flag("--no-validate-responses", no_validate,
                       "Do not check responses against the spec (they are checked by default)"),
          kTesting);
  inGroup(app.add_flag("--audit-writes", c.audit_writes,
                       "Check that every write changes only the parts of the state it declares "
                       "(slow; what the mock's own tests run with)"),
          kTesting);
  std::string breaks;
  inGroup(app.add_option("--break-contract", breaks,
                         "For testing contract suites only: disagree with the spec on purpose "
                         "(all, or a list of: wrong-type, missing-field, status-200, "
                         "decided-status, undocumented-status)"),
          kTesting);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints --help, --version, or the error naming the flag
    *exit_code = code == 0 ? 0 : kBadUsage;
    return Error::invalid(e.what());
  }
  c.port = static_cast<uint16_t>(port);
  if (!latency.empty()) {
    int lo = 0, hi = 0;
    char extra = 0;
    const char* text = latency.c_str();
    const bool range = std::sscanf(text, "%d-%d%c", &lo, &hi, &extra) == 2;
    const bool single = !range && std::sscanf(text, "%d%c", &lo, &extra) == 1;
    if (single) hi = lo;
    if ((!range && !single) || lo < 0 || hi < lo || hi > 60000) {
      return badUsage("--latency: expected MIN-MAX milliseconds (0-60000), e.g. 50-200", exit_code);
    }
    c.latency_min_ms = lo;
    c.latency_max_ms = hi;
  }
  if (!breaks.empty()) {
    auto parsed = parseContractBreaks(breaks);
    if (!parsed) return badUsage(parsed.error().details.at(0), exit_code);
    c.contract_breaks = std::move(parsed).value();
  }
  c.cors.enabled = !no_cors;
  c.cors.allowed_origins = commaList(origins);
  if (c.watch_keep_state) c.watch = true;
  if (!c.proxy_url.empty() && c.proxy_url.rfind("http://", 0) != 0 &&
      c.proxy_url.rfind("https://", 0) != 0) {
    return badUsage("--proxy: expected an http:// or https:// URL, got '" + c.proxy_url + "'",
                    exit_code);
  }
  // A thread waits for the real server's answer, and Pistache gives each connection to thread
  // (socket number mod threads): with 2, two slow answers would hold up every other client (the
  // mock's own routes too); with 64, only the connections that share a slow one's thread.
  if (!c.proxy_url.empty() && threads->count() == 0 && std::getenv("LSM_THREADS") == nullptr) {
    c.threads = 64;
  }
  for (const auto& op : commaList(mock_ops))
    c.mock_ops.insert(op);
  if (!c.record_dir.empty() && c.proxy_url.empty()) {
    return badUsage("--record: only with --proxy (it records the real server's answers)",
                    exit_code);
  }
  if (!c.mock_ops.empty() && c.proxy_url.empty()) {
    return badUsage("--mock-ops: only with --proxy (without it the mock answers everything)",
                    exit_code);
  }
  c.validate_responses = !no_validate;
  c.control_api = !no_control_api;
  c.access_log = !quiet;
  c.print_tokens = !quiet && !no_tokens;
  if (c.jwt_secret.empty()) return badUsage("--jwt-secret must not be empty", exit_code);
  return c;
}

}  // namespace lsm
