// cartero-bench-register: registers the returns of every letter listed in a
// file from several threads (each with its own connection), for the
// register's concurrency benchmark. Two of these at once are two offices.
//
//   cartero-bench-register --db URI --letters FILE --threads N [--user NAME]
// Prints {"attempted", "registered", "duplicates", "errors", "seconds"}.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "cartero/core/error.hpp"
#include "cartero/returns/register.hpp"

using namespace cartero;

int main(int argc, char** argv) {
  std::string db_uri, list, user = "bench";
  unsigned threads = 8;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i], v = argv[i + 1];
    if (a == "--db") db_uri = v;
    else if (a == "--letters") list = v;
    else if (a == "--threads") threads = static_cast<unsigned>(std::stoul(v));
    else if (a == "--user") user = v;
  }
  std::vector<std::string> ids;
  std::ifstream in(list);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) ids.push_back(line);
  }
  std::atomic<long> registered{0}, duplicates{0}, errors{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      auto db = Database::open(db_uri);
      for (std::size_t i = t; i < ids.size(); i += threads) {
        try {
          const returns::NewReturn r{ids[i], static_cast<ReturnCause>(i % 10), "", Date::today(), user, "bench",
                                     std::nullopt, std::nullopt};
          (returns::register_return(*db, r).duplicate ? duplicates : registered)++;
        } catch (const std::exception& e) {
          if (errors++ == 0) std::fprintf(stderr, "cartero-bench-register: %s\n", e.what());
        }
      }
    });
  }
  for (auto& w : workers) w.join();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("{\"attempted\":%zu,\"registered\":%ld,\"duplicates\":%ld,\"errors\":%ld,\"seconds\":%.2f}\n", ids.size(),
              registered.load(), duplicates.load(), errors.load(), secs);
  return errors ? 2 : 0;
}
