// Private: the listening socket of `cartero serve`, plain HTTP or HTTPS
// (Poco NetSSL, OpenSSL underneath) when a certificate and key are given.
#pragma once

#include <Poco/Net/ServerSocket.h>

#include <string>

namespace cartero::webui {

// A socket bound to 0.0.0.0:`port` (0: any free port) and listening. With
// `cert_file` and `key_file` (PEM) every connection speaks TLS; with both
// empty, plain HTTP. InputError naming the file when a certificate or key is
// missing, unreadable, not PEM, protected by a passphrase or not a pair;
// InputError when the port cannot be taken.
Poco::Net::ServerSocket listening_socket(int port, const std::string& cert_file, const std::string& key_file);

}  // namespace cartero::webui
