#include "args.hpp"

#include <cctype>

#include "cartero/core/error.hpp"

namespace cartero::app {

std::optional<std::string> Args::option(const std::string& name) {
  for (std::size_t i = 0; i < m_args.size(); ++i) {
    if (m_args[i] == name) {
      if (i + 1 >= m_args.size()) throw InputError(m_command + ": " + name + " needs a value");
      std::string value = m_args[i + 1];
      m_args.erase(m_args.begin() + static_cast<long>(i), m_args.begin() + static_cast<long>(i) + 2);
      return value;
    }
    if (m_args[i].rfind(name + "=", 0) == 0) {
      std::string value = m_args[i].substr(name.size() + 1);
      m_args.erase(m_args.begin() + static_cast<long>(i));
      return value;
    }
  }
  return std::nullopt;
}

std::string Args::required(const std::string& name) {
  auto v = option(name);
  if (!v) throw InputError(m_command + ": " + name + " is required (see cartero help)");
  return *v;
}

bool Args::flag(const std::string& name) {
  for (std::size_t i = 0; i < m_args.size(); ++i) {
    if (m_args[i] == name) {
      m_args.erase(m_args.begin() + static_cast<long>(i));
      return true;
    }
  }
  return false;
}

std::optional<long long> Args::integer(const std::string& name) {
  const auto v = option(name);
  if (!v) return std::nullopt;
  bool ok = !v->empty() && v->size() < 18;
  for (char c : *v) ok = ok && std::isdigit(static_cast<unsigned char>(c));
  if (!ok) throw InputError(m_command + ": " + name + " must be a whole number, not '" + *v + "'");
  return std::stoll(*v);
}

std::vector<std::string> Args::positionals() {
  for (const auto& a : m_args) {
    if (a.size() > 1 && a[0] == '-' && a[1] == '-') {
      throw InputError(m_command + ": unknown option " + a + " (see cartero help)");
    }
  }
  return std::move(m_args);
}

void Args::finish() {
  const auto left = positionals();
  if (!left.empty()) throw InputError(m_command + ": unexpected argument '" + left.front() + "'");
}

}  // namespace cartero::app
