// `./dev bench addresses`: normalising 1,000,000 addresses on one core. The
// addresses are the generated portfolio's (its spelling) mixed with the
// spellings people type (Calle, Cra., N°, Apto, manzanas, veredas, bad ones).
#include <time.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "cartero/core/address.hpp"
#include "gen_names.hpp"

namespace {

std::string typed(std::mt19937_64& rng) {
  static const char* k_forms[] = {
      "Calle %d # %d-%d",          "Cra. %dA # %d - %d Apto %d",   "Cll %d Sur N° %dB-%d",
      "Carrera %d Bis # %d-%d Torre %d Apto %d", "AV CALLE %d # %d-%d LC %d", "Diagonal %d # %d C %d",
      "MZ %d CASA %d",             "Vereda %d Finca El Recreo",    "KR %d #",
      "Tv %d No. %d-%d Int %d",    "SIN DIRECCION %d",            "CL %d # %d-%d / KR %d # 1-2"};
  const char* form = k_forms[rng() % std::size(k_forms)];
  char buf[160];
  std::snprintf(buf, sizeof buf, form, static_cast<int>(rng() % 180 + 1), static_cast<int>(rng() % 120 + 1),
                static_cast<int>(rng() % 99 + 1), static_cast<int>(rng() % 900 + 100), static_cast<int>(rng() % 9 + 1));
  return buf;
}

// CPU time of this thread: what one core spends, whatever else the machine runs.
double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
  const long n = argc > 1 ? std::stol(argv[1]) : 1000000;
  std::mt19937_64 rng(14);
  std::vector<std::string> addresses;
  addresses.reserve(static_cast<std::size_t>(n));
  for (long i = 0; i < n; ++i) {
    addresses.push_back(i % 10 < 7 ? cartero::gen::make_account(rng, "A").address : typed(rng));
  }
  long counts[4] = {0, 0, 0, 0};
  auto start = std::chrono::steady_clock::now();
  double cpu = cpu_seconds();
  std::size_t canonical_bytes = 0;
  for (const auto& a : addresses) {
    const auto p = cartero::parse_address(a);
    ++counts[static_cast<int>(p.verdict)];
    canonical_bytes += p.canonical.size();
  }
  const double parse_s = seconds_since(start), parse_cpu = cpu_seconds() - cpu;
  start = std::chrono::steady_clock::now();
  cpu = cpu_seconds();
  long unmailable = 0;
  for (const auto& a : addresses) unmailable += cartero::unmailable(cartero::address_verdict(a)) ? 1 : 0;
  const double verdict_s = seconds_since(start), verdict_cpu = cpu_seconds() - cpu;
  std::printf("| addresses | %ld (complete %ld, incomplete %ld, rural %ld, unreadable %ld) |\n", n, counts[0], counts[1],
              counts[2], counts[3]);
  std::printf("|---|---|\n");
  std::printf("| parse_address (canonical form, parts, verdict): CPU time of one thread (target < 2 s) | %.2f s, %.0f ns each (wall %.2f s) |\n",
              parse_cpu, parse_cpu * 1e9 / static_cast<double>(n), parse_s);
  std::printf("| address_verdict alone: CPU time of one thread | %.2f s, %.0f ns each (wall %.2f s; %ld unmailable) |\n",
              verdict_cpu, verdict_cpu * 1e9 / static_cast<double>(n), verdict_s, unmailable);
  return canonical_bytes > 0 ? 0 : 1;
}
