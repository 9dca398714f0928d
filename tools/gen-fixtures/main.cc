// gen-fixtures: writes a complete fixtures directory for livestream-mock, at any size.
//   gen-fixtures --out DIR [--users 10000] [--streams 1000] [--messages 100000] [--seed 42]
// The same arguments give byte-identical files. Start the mock on the result with
//   build/livestream-mock --fixtures DIR
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/time.h"
#include "generator.h"

namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage: gen-fixtures --out DIR [--users N] [--streams N] [--messages N] [--seed N]\n"
    "                    [--reference-time ISO] [--copy-uploads-from DIR]\n"
    "  --out DIR                the fixtures directory to write (created if needed)\n"
    "  --users N                users, johndoe first (default 10000, at least 10)\n"
    "  --streams N              streams in every status (default 1000)\n"
    "  --messages N             chat messages, half on the biggest active stream (default "
    "100000)\n"
    "  --seed N                 random seed (default 42)\n"
    "  --reference-time ISO     meta.json's referenceTime (default 2026-11-20T12:00:00.000Z)\n"
    "  --copy-uploads-from DIR  where uploads/ comes from (default the repository's "
    "fixtures/uploads)\n";

struct Args {
  lsm::gen::Options options;
  std::string out;
  std::string uploads_from = LSM_SOURCE_DIR "/fixtures/uploads";
};

bool parseCount(const std::string& text, uint64_t max, uint64_t* out) {
  if (text.empty() || text.size() > 12) return false;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  if (value > max) return false;
  *out = value;
  return true;
}

// nullopt with *exit_code set when the program should stop (help or a usage error).
std::optional<Args> parseArgs(int argc, char** argv, int* exit_code) {
  Args args;
  args.options.reference_time = *lsm::parseIsoDateTime("2026-11-20T12:00:00.000Z");
  auto fail = [&](const std::string& message) -> std::optional<Args> {
    std::cerr << "gen-fixtures: " << message << "\n" << kUsage;
    *exit_code = 2;
    return std::nullopt;
  };
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i], value;
    if (flag == "-h" || flag == "--help") {
      std::cout << kUsage;
      *exit_code = 0;
      return std::nullopt;
    }
    if (auto eq = flag.find('='); eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag.resize(eq);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      return fail(flag + " needs a value");
    }
    auto& o = args.options;
    if (flag == "--out") {
      args.out = value;
    } else if (flag == "--copy-uploads-from") {
      args.uploads_from = value;
    } else if (flag == "--users") {
      if (!parseCount(value, 10000000, &o.users) || o.users < 10)
        return fail("--users must be a whole number from 10 to 10000000");
    } else if (flag == "--streams") {
      if (!parseCount(value, 1000000, &o.streams))
        return fail("--streams must be a whole number up to 1000000");
    } else if (flag == "--messages") {
      if (!parseCount(value, 100000000, &o.messages))
        return fail("--messages must be a whole number up to 100000000");
    } else if (flag == "--seed") {
      if (!parseCount(value, 999999999999ULL, &o.seed))
        return fail("--seed must be a whole number");
    } else if (flag == "--reference-time") {
      auto t = lsm::parseIsoDateTime(value);
      if (!t) return fail("--reference-time must be an ISO-8601 date-time");
      o.reference_time = *t;
    } else {
      return fail("unknown flag " + flag);
    }
  }
  if (args.out.empty()) return fail("--out DIR is required");
  if (args.options.messages > 0 && args.options.streams == 0)
    return fail("chat messages need at least one stream");
  return args;
}

void writeDocument(const fs::path& dir, const std::string& name,
                   const nlohmann::ordered_json& doc) {
  const fs::path path = dir / (name + ".json");
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << std::setw(2) << doc << '\n';  // streamed: no copy of a large document in memory
  out.close();
  if (!out) throw std::runtime_error(path.string() + ": cannot be written");
}

// Copies the images the mock serves at /uploads/ (the default thumbnail).
void copyUploads(const fs::path& from, const fs::path& dir) {
  if (!fs::is_directory(from)) throw std::runtime_error(from.string() + ": no such directory");
  fs::create_directories(dir / "uploads");
  for (const auto& entry : fs::directory_iterator(from)) {
    if (!entry.is_regular_file()) continue;
    fs::copy_file(entry.path(), dir / "uploads" / entry.path().filename(),
                  fs::copy_options::overwrite_existing);
  }
}

}  // namespace

int main(int argc, char** argv) {
  int exit_code = 0;
  auto args = parseArgs(argc, argv, &exit_code);
  if (!args) return exit_code;
  const auto started = std::chrono::steady_clock::now();
  try {
    const fs::path dir = args->out;
    fs::create_directories(dir);
    const std::string summary = lsm::gen::generateFixtures(
        args->options, [&](const std::string& name, const nlohmann::ordered_json& doc) {
          writeDocument(dir, name, doc);
        });
    copyUploads(args->uploads_from, dir);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    char took[32];
    std::snprintf(took, sizeof(took), "%.2f s", seconds);
    std::cout << "gen-fixtures: " << args->out << ": " << summary << "; in " << took << std::endl;
  } catch (const std::exception& e) {
    std::cerr << "gen-fixtures: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
