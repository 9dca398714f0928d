#include "persistence/state_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/json_parse.h"
#include "domain/fixtures.h"

namespace lsm {

namespace {

Status writeAll(int fd, const std::string& data, const std::string& path) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error::internal(path + ": write failed: " + std::strerror(errno));
    }
    done += static_cast<size_t>(n);
  }
  return okStatus();
}

std::string directoryOf(const std::string& path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

Result<std::optional<State>> loadStateFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (::access(path.c_str(), F_OK) != 0) return std::optional<State>{};
    return Error::internal(path + ": cannot be read");
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto parsed = parseJson(text.str());
  if (!parsed) {
    return Error::internal(path + ": not a state file (" + parsed.error().details.at(0) + ")");
  }
  const nlohmann::json doc = std::move(parsed).value();
  if (!doc.is_object() || doc.value("format", "") != kStateFormat) {
    return Error::internal(path + ": not a state file of this version (format must be " +
                           std::string(kStateFormat) + ")");
  }
  auto state = importState(doc);
  if (!state) return Error::internal(path + ": " + state.error().details.at(0));
  return std::optional<State>(std::move(state).value());
}

Status saveStateFile(const std::string& path, const nlohmann::json& document) {
  const std::string text = document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Error::internal(tmp + ": cannot be created: " + std::strerror(errno));
  Status written = writeAll(fd, text, tmp);
  if (written && ::fsync(fd) != 0) {
    written = Error::internal(tmp + ": fsync failed: " + std::strerror(errno));
  }
  ::close(fd);
  if (!written) {
    ::unlink(tmp.c_str());
    return written;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    Status failed = Error::internal(path + ": rename failed: " + std::strerror(errno));
    ::unlink(tmp.c_str());
    return failed;
  }
  // The rename itself must reach the disk too.
  int dir = ::open(directoryOf(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return okStatus();
}

bool StateSaver::saveIfChanged(Millis now) {
  const uint64_t version = store_.version();
  if (saved_once_ && version == saved_version_) return true;
  // Export under the read lock; write and fsync outside it, so requests are not held up.
  nlohmann::json doc = store_.read([&](const State& s) { return exportState(s, now); });
  Status saved = saveStateFile(path_, doc);
  if (!saved) {
    std::cerr << "livestream-mock: state not saved, the previous file is kept: "
              << saved.error().details.at(0) << "\n";
    return false;
  }
  saved_version_ = version;
  saved_once_ = true;
  return true;
}

}  // namespace lsm
