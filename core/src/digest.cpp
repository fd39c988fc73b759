#include "cartero/core/digest.hpp"

#include <openssl/evp.h>

#include <cstdio>
#include <memory>
#include <vector>

#include "cartero/core/error.hpp"

namespace cartero {

namespace {

// OpenSSL's SHA-256 (SHA extensions where the CPU has them): letters hash
// every page and part, backups every kept file; Poco's ran at a tenth.
using Context = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

std::string hex_of(Context& ctx) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned size = 0;
  if (!EVP_DigestFinal_ex(ctx.get(), digest, &size)) throw InternalError("SHA-256 failed (OpenSSL)");
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (unsigned i = 0; i < size; ++i) {
    out[2 * i] = k_digits[digest[i] >> 4];
    out[2 * i + 1] = k_digits[digest[i] & 15];
  }
  return out;
}

Context started() {
  Context ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx || !EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr)) throw InternalError("SHA-256 failed (OpenSSL)");
  return ctx;
}

}  // namespace

std::string sha256_file(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw InputError("cannot read " + path);
  auto ctx = started();
  static thread_local std::vector<char> buf(1 << 20);
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), f.get())) > 0) EVP_DigestUpdate(ctx.get(), buf.data(), n);
  if (std::ferror(f.get())) throw InputError("cannot read " + path);
  return hex_of(ctx);
}

std::string copy_file_sha256(const std::string& from, const std::string& to) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(from.c_str(), "rb"), &std::fclose);
  if (!in) throw InputError("cannot read " + from);
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(std::fopen(to.c_str(), "wb"), &std::fclose);
  if (!out) throw InputError("cannot write " + to);
  auto ctx = started();
  static thread_local std::vector<char> buf(1 << 20);
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), in.get())) > 0) {
    EVP_DigestUpdate(ctx.get(), buf.data(), n);
    if (std::fwrite(buf.data(), 1, n, out.get()) != n) throw InputError("cannot write " + to + " (is the disk full?)");
  }
  if (std::ferror(in.get())) throw InputError("cannot read " + from);
  if (std::fclose(out.release()) != 0) throw InputError("cannot write " + to + " (is the disk full?)");
  return hex_of(ctx);
}

std::string sha256_text(std::string_view bytes) {
  auto ctx = started();
  EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size());
  return hex_of(ctx);
}

}  // namespace cartero
