// livestream-mock: flags -> Config -> spec, fixtures, pipeline, server -> wait for a signal.
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "auth/jwt.h"
#include "config.h"
#include "core/access_log.h"
#include "core/periodic_task.h"
#include "docs/console_assets.h"
#include "docs/spec_documents.h"
#include "domain/clock_tick.h"
#include "domain/fixtures.h"
#include "domain/mock_actions.h"
#include "domain/store.h"
#include "journal/journal.h"
#include "persistence/state_file.h"
#include "pipeline.h"
#include "proxy/drift_log.h"
#include "proxy/upstream.h"
#include "spec/provider_states.h"
#include "spec/spec.h"
#include "transport/server.h"
#include "watch/fixture_watcher.h"

namespace {

lsm::Result<std::shared_ptr<const lsm::Spec>> loadSpec(const lsm::Config& config) {
  if (config.spec_path.empty()) return lsm::Spec::embedded();
  std::ifstream in(config.spec_path, std::ios::binary);
  if (!in) return lsm::Error::internal(config.spec_path + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  auto spec = lsm::Spec::withControl(text.str());
  if (!spec) return lsm::Error::internal(config.spec_path + ": " + spec.error().details.at(0));
  return spec;
}

// The state file when --state-file names one that exists, else the fixtures.
lsm::Result<lsm::State> initialState(const lsm::Config& config, lsm::Millis now,
                                     bool announce = true) {
  if (!config.state_file.empty()) {
    auto saved = lsm::loadStateFile(config.state_file);
    if (!saved) {
      return lsm::Error::internal("bad --state-file (left untouched): " +
                                  saved.error().details.at(0));
    }
    if (*saved) {
      if (announce) std::cout << "State loaded from " << config.state_file << "\n";
      return std::move(**saved);
    }
  }
  auto fixtures = lsm::loadFixtures(config.fixtures_dir, now);
  if (!fixtures) return lsm::Error::internal("bad fixtures: " + fixtures.error().details.at(0));
  return fixtures;
}

void printUsers(const lsm::Store& store, const lsm::JwtCodec& jwt, const lsm::Config& config,
                lsm::Millis now) {
  std::ostringstream out;
  out << "Fixture users and ready tokens (valid " << config.token_ttl_seconds / 86400
      << " days; GET /__mock/users lists them too):\n";
  store.read([&](const lsm::State& s) {
    for (const auto& id : s.user_order) {
      const lsm::User& u = *s.user(id);
      char head[160];
      std::snprintf(head, sizeof(head), "  %-18s %-26s %s%s  ", u.username.c_str(),
                    (u.name + " " + u.surname).c_str(), u.id.c_str(),
                    u.can_broadcast ? "" : " (cannot broadcast)");
      out << head << jwt.mint(u.id, now / 1000, config.token_ttl_seconds) << "\n";
    }
    return 0;
  });
  std::cout << out.str() << std::flush;
}

// --mint-token USER: a token for a user of the fixtures (or of --state-file); an unknown user is
// bad usage (exit 2), since the mock would refuse the token with a 401 anyway.
int mintToken(const lsm::Config& config, const lsm::JwtCodec& jwt, lsm::Millis now) {
  auto state = initialState(config, now, /*announce=*/false);
  if (!state) {
    std::cerr << "livestream-mock: --mint-token: " << state.error().details.at(0) << "\n";
    return 1;
  }
  if (state->user(config.mint_token_for) == nullptr) {
    std::cerr << "livestream-mock: --mint-token: no user '" << config.mint_token_for << "' in "
              << (config.state_file.empty() ? config.fixtures_dir : config.state_file)
              << " (GET /__mock/users lists them)\n";
    return 2;
  }
  std::cout << jwt.mint(config.mint_token_for, now / 1000, config.token_ttl_seconds) << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int exit_code = 0;
  auto config = lsm::parseCommandLine(argc, argv, &exit_code);
  if (!config) return exit_code;
  lsm::JwtCodec jwt(config->jwt_secret);
  lsm::Clock clock;

  if (!config->mint_token_for.empty()) return mintToken(*config, jwt, clock.now());

  // A launcher may read the "listening on" line and close the pipe: later lines to stdout must
  // not kill the server (they are dropped; the request log goes to stderr).
  signal(SIGPIPE, SIG_IGN);
  // Signals are blocked before any thread starts, so only sigwait below receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto spec = loadSpec(*config);
  if (!spec) {
    std::cerr << "livestream-mock: the OpenAPI document is not usable: "
              << spec.error().details.at(0) << "\n";
    return 1;
  }
  auto provider_states = lsm::ProviderStateCatalogue::embedded();
  if (!provider_states) {
    std::cerr << "livestream-mock: the provider-state catalogue is not usable: "
              << provider_states.error().details.at(0) << "\n";
    return 1;
  }
  const lsm::Millis loaded_at = clock.now();
  auto state = initialState(*config, loaded_at);
  if (!state) {
    std::cerr << "livestream-mock: " << state.error().details.at(0) << "\n";
    return 1;
  }
  lsm::Store store(std::move(state).value());
  store.setAuditWrites(config->audit_writes);
  lsm::RequestJournal journal;
  lsm::Services services{store, clock, jwt, *config, journal, "", lsm::systemNowMillis()};
  lsm::SpecDocuments spec_documents((*spec)->productDocument(), (*spec)->controlDocument(),
                                    (*spec)->document());
  services.spec_documents = &spec_documents;
  services.provider_states = provider_states->get();
  // --proxy: the real server behind the mock, and what its answers showed.
  for (const auto& id : config->mock_ops) {
    const lsm::Operation* op = (*spec)->find(id);
    if (!op || op->mock_control) {
      std::cerr << "livestream-mock: --mock-ops: " << id
                << " is not an operationId of the product API (see /openapi.json)\n";
      return 2;
    }
  }
  std::unique_ptr<lsm::Upstream> upstream;
  lsm::DriftLog drift;
  if (!config->proxy_url.empty()) {
    upstream = std::make_unique<lsm::Upstream>(
        lsm::UpstreamOptions{config->proxy_url, config->proxy_connect_timeout_seconds * 1000L,
                             config->proxy_timeout_seconds * 1000L, config->proxy_insecure});
    services.upstream = upstream.get();
  }
  services.drift = &drift;
  // Kept in memory in front of any real server (merged into the state for the operations the
  // mock answers), and written to --record DIR when given.
  std::unique_ptr<lsm::Recorder> recorder;
  if (upstream) {
    recorder = std::make_unique<lsm::Recorder>(config->record_dir);
    services.recorder = recorder.get();
  }
  lsm::Pipeline pipeline(*spec, services);

  // The state follows the clock: scheduled streams start when their time comes (a tick with
  // nothing due takes only a shared lock and leaves the state's version alone).
  lsm::PeriodicTask ticker(std::chrono::seconds(1), [&] { lsm::tickClock(store, clock); });
  // --record: the directory follows what passed through, at most a second behind.
  std::string last_record_error;
  auto saveRecording = [&] {
    if (!recorder) return true;
    auto saved = recorder->flush(lsm::systemNowMillis());
    if (!saved && saved.error().details.at(0) != last_record_error) {
      last_record_error = saved.error().details.at(0);
      std::cerr << "--record: " << config->record_dir << " not written: " << last_record_error
                << "\n";
    }
    return saved.ok();
  };
  std::unique_ptr<lsm::PeriodicTask> recording;
  if (!config->record_dir.empty()) {
    recording =
        std::make_unique<lsm::PeriodicTask>(std::chrono::seconds(1), [&] { saveRecording(); });
  }
  std::unique_ptr<lsm::StateSaver> saver;
  std::unique_ptr<lsm::PeriodicTask> saving;
  if (!config->state_file.empty()) {
    saver = std::make_unique<lsm::StateSaver>(store, config->state_file);
    saving = std::make_unique<lsm::PeriodicTask>(
        std::chrono::seconds(config->state_save_interval_seconds),
        [&] { saver->saveIfChanged(clock.now()); });
  }

  std::unique_ptr<lsm::FixtureWatcher> watcher;
  std::unique_ptr<lsm::PeriodicTask> watching;
  if (config->watch) {
    watcher = std::make_unique<lsm::FixtureWatcher>(
        store, clock, config->fixtures_dir, config->watch_keep_state, loaded_at,
        [](const std::string& line) {
          std::cerr << "livestream-mock: " + line + "\n" << std::flush;
        });
    watching = std::make_unique<lsm::PeriodicTask>(std::chrono::milliseconds(500),
                                                   [&] { watcher->poll(); });
    std::cout << "Watching " << config->fixtures_dir << " for changes ("
              << (config->watch_keep_state ? "merged into the running state"
                                           : "each change replaces the state")
              << ")" << std::endl;
  }

  lsm::ServerOptions options;
  options.host = config->host;
  options.port = config->port;
  options.threads = config->threads;
  options.max_body_bytes = config->max_body_bytes;
  options.max_header_bytes = config->max_header_bytes;
  options.request_timeout_seconds = config->request_timeout_seconds;
  options.access_log = config->access_log;
  options.colour =
      lsm::wantColour(config->color, isatty(STDERR_FILENO) != 0, std::getenv("NO_COLOR"));
  lsm::HttpServer server(options, [&](const lsm::HttpRequest& r) { return pipeline.handle(r); });
  uint16_t port = 0;
  try {
    port = server.start();
  } catch (const std::exception& e) {
    std::cerr << "livestream-mock: cannot listen on " << config->host << ":" << config->port << ": "
              << e.what() << "\n";
    return 1;
  }
  const std::string shown_host = config->host == "0.0.0.0" ? "127.0.0.1" : config->host;
  services.public_url = config->public_url.empty()
                            ? "http://" + shown_host + ":" + std::to_string(port)
                            : config->public_url;
  const std::string public_url = services.public_url.get();
  spec_documents.get(public_url);  // /docs and /openapi.* rendered once, now
  if (config->print_tokens) printUsers(store, jwt, *config, clock.now());
  std::cout << "livestream-mock listening on " << public_url << " (" << (*spec)->operations().size()
            << " operations, fixtures from " << config->fixtures_dir << ")" << std::endl;
  std::cout << (lsm::consoleInstalled() ? "API console " : "API reference ") << public_url
            << "/docs, spec " << public_url << "/openapi.json" << std::endl;
  if (upstream) {
    std::cout << "In front of " << config->proxy_url << ": product requests go there ("
              << config->mock_ops.size() << " answered by the mock, --mock-ops); differences at "
              << public_url << "/__mock/drift" << std::endl;
  }

  if (!config->contract_breaks.empty()) {
    std::cout << "WARNING: --break-contract is on: this mock disagrees with the spec on purpose"
              << std::endl;
  }

  int sig = 0;
  sigwait(&signals, &sig);
  std::cout << "livestream-mock: received " << (sig == SIGINT ? "SIGINT" : "SIGTERM")
            << ", shutting down" << std::endl;
  if (watching) watching->stop();
  server.stop();
  ticker.stop();
  if (recording) recording->stop();
  saveRecording();
  if (saver) {
    saving->stop();
    if (!saver->saveIfChanged(clock.now())) return 1;
  }
  return 0;
}
