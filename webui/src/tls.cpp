#include "tls.hpp"

#include <Poco/Net/Context.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SecureServerSocket.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdio>
#include <memory>
#include <mutex>

#include "cartero/core/error.hpp"

namespace cartero::webui {

namespace {

using File = std::unique_ptr<std::FILE, decltype(&std::fclose)>;
using Certificate = std::unique_ptr<X509, decltype(&X509_free)>;
using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

File open_pem(const std::string& path, const char* what) {
  File f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw InputError("serve: cannot read the " + std::string(what) + " file " + path + "; check the path");
  return f;
}

// Never asks for a passphrase on the terminal: a protected key is refused.
int no_passphrase(char*, int, int, void*) { return 0; }

// Reads both files with OpenSSL first, so that an error names the file at fault
// (Poco's context only says that the pair failed).
void check_pair(const std::string& cert_file, const std::string& key_file) {
  const Certificate cert(PEM_read_X509(open_pem(cert_file, "certificate").get(), nullptr, no_passphrase, nullptr), &X509_free);
  ERR_clear_error();
  if (!cert) throw InputError("serve: " + cert_file + " is not a PEM certificate (-----BEGIN CERTIFICATE-----)");
  const Key key(PEM_read_PrivateKey(open_pem(key_file, "key").get(), nullptr, no_passphrase, nullptr), &EVP_PKEY_free);
  ERR_clear_error();
  if (!key) throw InputError("serve: " + key_file + " is not a PEM private key without a passphrase");
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    ERR_clear_error();
    throw InputError("serve: the key " + key_file + " does not belong to the certificate " + cert_file);
  }
}

Poco::Net::Context::Ptr server_context(const std::string& cert_file, const std::string& key_file) {
  static std::once_flag once;
  std::call_once(once, [] { Poco::Net::initializeSSL(); });
  check_pair(cert_file, key_file);
  try {
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, key_file, cert_file, "", Poco::Net::Context::VERIFY_NONE);
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    return context;
  } catch (const Poco::Exception& e) {
    throw InputError("serve: cannot use the certificate " + cert_file + " with the key " + key_file + ": " + e.displayText());
  }
}

}  // namespace

Poco::Net::ServerSocket listening_socket(int port, const std::string& cert_file, const std::string& key_file) {
  if (cert_file.empty() != key_file.empty()) throw InputError("serve: --cert and --key go together (both PEM files)");
  Poco::Net::ServerSocket socket;
  if (!cert_file.empty()) socket = Poco::Net::SecureServerSocket(server_context(cert_file, key_file));
  try {
    socket.bind(Poco::Net::SocketAddress("0.0.0.0", static_cast<Poco::UInt16>(port)), true);
    socket.listen(256);
  } catch (const Poco::Exception& e) {
    throw InputError("cannot listen on port " + std::to_string(port) + ": " + e.displayText());
  }
  return socket;
}

}  // namespace cartero::webui
