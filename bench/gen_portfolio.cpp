// cartero-gen-portfolio: writes a realistic synthetic portfolio export
// (accounts.csv, payments.csv, letters.csv) for benchmarks, the demo and
// tests. Deterministic for a seed; streams rows (flat memory at any size).
//
//   cartero-gen-portfolio --accounts N [--payments N] [--letters N]
//       [--cutoff YYYY-MM-DD] [--seed S] [--bad-rows PERCENT]
//       [--encoding utf8|cp1252] [--clean] --out DIR
//
// Raw mode (default) writes what a utility's export looks like: ';'
// delimiter, shuffled columns, Spanish aliases in mixed case, amounts as
// 1234567 / 1.234.567 / $ 1.234.567. --clean writes the same data
// canonically (DESIGN codes, plain integers, ',' delimiter, DESIGN column
// order), as input for the sqlite3 baseline.
#include <cstdio>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "cartero/core/date.hpp"
#include "cartero/core/money.hpp"
#include "cartero/core/text.hpp"
#include "gen_names.hpp"

namespace {

struct Options {
  long long accounts = 1000;
  long long payments = -1;
  long long letters = -1;
  cartero::Date cutoff = cartero::Date::today();
  unsigned seed = 1;
  double bad_rows = 0;
  bool cp1252 = false;
  bool clean = false;
  std::string out;
};

[[noreturn]] void usage(const char* why) {
  std::fprintf(stderr, "cartero-gen-portfolio: %s\nusage: cartero-gen-portfolio --accounts N [--payments N] "
                       "[--letters N] [--cutoff YYYY-MM-DD] [--seed S] [--bad-rows PCT] [--encoding utf8|cp1252] "
                       "[--clean] --out DIR\n", why);
  std::exit(1);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage((a + " needs a value").c_str());
      return argv[++i];
    };
    if (a == "--accounts") o.accounts = std::stoll(value());
    else if (a == "--payments") o.payments = std::stoll(value());
    else if (a == "--letters") o.letters = std::stoll(value());
    else if (a == "--seed") o.seed = static_cast<unsigned>(std::stoul(value()));
    else if (a == "--bad-rows") o.bad_rows = std::stod(value()) / 100.0;
    else if (a == "--encoding") o.cp1252 = value() == "cp1252";
    else if (a == "--clean") o.clean = true;
    else if (a == "--out") o.out = value();
    else if (a == "--cutoff") {
      const auto d = cartero::Date::parse_iso(value());
      if (!d) usage("--cutoff is not a date");
      o.cutoff = *d;
    } else usage(("unknown option " + a).c_str());
  }
  if (o.out.empty()) usage("--out is required");
  if (o.payments < 0) o.payments = o.accounts * 6 / 5;
  if (o.letters < 0) o.letters = o.accounts / 5;
  return o;
}

// A buffered output file that can re-encode UTF-8 as Windows-1252.
class Out {
 public:
  Out(const std::string& path, bool cp1252) : m_cp1252(cp1252) {
    m_file = std::fopen(path.c_str(), "wb");
    if (!m_file) usage(("cannot create " + path).c_str());
    std::setvbuf(m_file, nullptr, _IOFBF, 1 << 20);
  }
  ~Out() { std::fclose(m_file); }
  void line(const std::string& utf8) {
    const std::string text = m_cp1252 ? to_cp1252(utf8) : utf8;
    std::fwrite(text.data(), 1, text.size(), m_file);
    std::fputs(m_cp1252 ? "\r\n" : "\n", m_file);
  }

 private:
  // Only Latin-1 letters occur in the generated text.
  static std::string to_cp1252(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c == 0xC3 && i + 1 < s.size()) out.push_back(static_cast<char>(0x40 + static_cast<unsigned char>(s[++i])));
      else if (c == 0xC2 && i + 1 < s.size()) out.push_back(s[++i]);
      else out.push_back(s[i]);
    }
    return out;
  }
  std::FILE* m_file;
  bool m_cp1252;
};

struct Rng {
  std::mt19937_64 engine;
  explicit Rng(unsigned seed) : engine(seed) {}
  double uniform() { return std::uniform_real_distribution<double>(0, 1)(engine); }
  long long between(long long lo, long long hi) { return std::uniform_int_distribution<long long>(lo, hi)(engine); }
  bool chance(double p) { return uniform() < p; }
};

std::string account_id(long long i) { return std::to_string(100000000 + i * 7); }

std::string money_text(Rng& r, cartero::Pesos v, bool clean) {
  if (clean) return std::to_string(v);
  const double u = r.uniform();
  if (u < 0.4) return std::to_string(v);
  const std::string f = cartero::format_pesos(v);  // "$ 1.234.567"
  return u < 0.7 ? f : f.substr(2);
}

std::string join(const std::vector<std::string>& fields, char delim) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out.push_back(delim);
    const bool quote = fields[i].find(delim) != std::string::npos || fields[i].find('"') != std::string::npos;
    if (!quote) {
      out += fields[i];
      continue;
    }
    out.push_back('"');
    for (char c : fields[i]) {
      if (c == '"') out.push_back('"');
      out.push_back(c);
    }
    out.push_back('"');
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  std::filesystem::create_directories(o.out);
  Rng r(o.seed);
  const char delim = o.clean ? ',' : ';';
  const bool cp1252 = o.cp1252 && !o.clean;
  const auto order = cartero::gen::account_columns(o.clean, r.engine);
  {
    Out out(o.out + "/accounts.csv", cp1252);
    std::vector<std::string> header;
    for (auto f : order) header.emplace_back(cartero::gen::column_name(f));
    out.line(join(header, delim));
    for (long long i = 0; i < o.accounts; ++i) {
      auto a = cartero::gen::make_account(r.engine, account_id(i));
      const bool bad = o.bad_rows > 0 && r.chance(o.bad_rows);
      std::vector<std::string> row;
      for (auto f : order) row.push_back(cartero::gen::render(a, f, o.clean, r.engine, bad));
      out.line(join(row, delim));
    }
  }
  {
    Out out(o.out + "/payments.csv", cp1252);
    out.line(o.clean ? "account_id,paid_on,amount" : "paid_on;account_id;amount");
    for (long long i = 0; i < o.payments; ++i) {
      const std::string id = account_id(r.between(0, o.accounts - 1));
      // Mostly over the last 18 months, denser near the cutoff.
      const long long back = static_cast<long long>(std::pow(r.uniform(), 1.6) * 540) - 5;
      const std::string date = o.cutoff.minus_days(static_cast<int>(back)).iso();
      const double u = r.uniform();
      const cartero::Pesos amount = u < 0.03 ? 0 : u < 0.05 ? -r.between(1, 50) * 1000 : r.between(5, 400) * 1000;
      const std::string m = money_text(r, amount, o.clean);
      out.line(o.clean ? join({id, date, m}, delim) : join({date, id, m}, delim));
    }
  }
  {
    Out out(o.out + "/letters.csv", cp1252);
    out.line(o.clean ? "account_id,sent_on" : "sent_on;account_id");
    for (long long i = 0; i < o.letters; ++i) {
      const std::string id = account_id(r.between(0, o.accounts - 1));
      // Bimonthly campaigns over the last year.
      const std::string date = o.cutoff.minus_days(static_cast<int>(r.between(0, 5) * 61 + r.between(0, 6))).iso();
      out.line(o.clean ? join({id, date}, delim) : join({date, id}, delim));
    }
  }
  return 0;
}
