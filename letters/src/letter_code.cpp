#include "cartero/letters/letter_code.hpp"

#include <cctype>
#include <cstdio>

namespace cartero::letters {

std::string make_letter_id(int year, std::int64_t number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%06lld", year, static_cast<long long>(number));
  return buf;
}

char check_character(std::string_view letter_id) {
  int p = 0;
  for (char c : letter_id) {
    if (std::isdigit(static_cast<unsigned char>(c))) p = ((p + (c - '0')) * 2) % 11;
  }
  const int check = (12 - p) % 11;
  return check == 10 ? 'X' : static_cast<char>('0' + check);
}

std::string make_payload(std::string_view letter_id) {
  return std::string(letter_id) + '-' + check_character(letter_id);
}

std::optional<std::string> letter_id_from_payload(std::string_view payload) {
  while (!payload.empty() && std::isspace(static_cast<unsigned char>(payload.front()))) payload.remove_prefix(1);
  while (!payload.empty() && std::isspace(static_cast<unsigned char>(payload.back()))) payload.remove_suffix(1);
  // YYYY-NNNNNN[N…]-C
  if (payload.size() < 13 || payload.size() > 20 || payload[4] != '-' || payload[payload.size() - 2] != '-') {
    return std::nullopt;
  }
  const std::string_view id = payload.substr(0, payload.size() - 2);
  for (std::size_t i = 0; i < id.size(); ++i) {
    if (i != 4 && !std::isdigit(static_cast<unsigned char>(id[i]))) return std::nullopt;
  }
  if (check_character(id) != payload.back()) return std::nullopt;
  return std::string(id);
}

}  // namespace cartero::letters
