#include "cartero/campaign/quality.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "cartero/core/account.hpp"
#include "cartero/core/address.hpp"
#include "cartero/core/text.hpp"

namespace cartero::campaign {

namespace {

struct CheckInfo {
  const char* code;
  const char* label;
};
constexpr CheckInfo k_checks[] = {
    {"missing_holder_name", "Sin nombre del titular (la carta diría «Señor(a) :»)"},
    {"unknown_document_type", "Tipo de documento desconocido (la carta dice «Señores» solo si el documento es un NIT)"},
    {"missing_address", "Sin dirección"},
    {"address_incomplete", "Dirección incompleta o ilegible"},
    {"missing_zone", "Sin zona"},
    {"missing_neighborhood", "Sin barrio"},
    {"missing_city", "Sin ciudad"},
    {"zero_balance", "Saldo en cero"},
    {"negative_balance", "Saldo negativo (a favor del usuario)"},
    {"days_contradict_balance", "Días de mora que contradicen el saldo"},
    {"duplicate_document_id", "Documento repetido en otra cuenta"},
    {"duplicate_address_and_name", "Misma dirección y titular en otra cuenta"},
};

bool blank(std::string_view s) { return trim(s).empty(); }

// Compared without case, accents or repeated blanks.
std::string folded(std::string_view s) {
  std::string out;
  for (const char c : fold_code(trim(s))) {
    if (c == '_' && !out.empty() && out.back() == '_') continue;
    out.push_back(c);
  }
  return out;
}

std::vector<std::string> differing_fields(const std::vector<const selection::AccountInForce*>& group) {
  std::vector<std::string> out;
  const auto differs = [&](auto field) {
    return std::any_of(group.begin(), group.end(), [&](const auto* a) { return field(*a) != field(*group.front()); });
  };
  if (differs([](const auto& a) { return folded(a.holder_name); })) out.emplace_back("holder_name");
  if (differs([](const auto& a) { return a.document_id; })) out.emplace_back("document_id");
  if (differs([](const auto& a) { return a.document_type; })) out.emplace_back("document_type");
  if (differs([](const auto& a) { return parse_address(a.address).canonical; })) out.emplace_back("address");
  if (differs([](const auto& a) { return a.use_type; })) out.emplace_back("use_type");
  if (differs([](const auto& a) { return a.balance; })) out.emplace_back("balance");
  if (differs([](const auto& a) { return a.days_past_due; })) out.emplace_back("days_past_due");
  if (differs([](const auto& a) { return a.zone; })) out.emplace_back("zone");
  return out;
}

void field_checks(const selection::AccountInForce& a, std::vector<QualityIssue>& out) {
  const auto add = [&](const char* check, std::string detail) { out.push_back({a.account_id, check, std::move(detail)}); };
  if (blank(a.holder_name)) add("missing_holder_name", "");
  if (!blank(a.document_type) && !parse_document_type(a.document_type)) add("unknown_document_type", a.document_type);
  if (blank(a.address)) {
    add("missing_address", "");
  } else if (const auto p = parse_address(a.address); unmailable(p.verdict)) {
    add("address_incomplete", std::string(code(p.verdict)) + (p.note.empty() ? "" : ": " + p.note) + " (" + a.address + ")");
  }
  if (blank(a.zone)) add("missing_zone", "");
  if (blank(a.neighborhood)) add("missing_neighborhood", "");
  if (blank(a.city)) add("missing_city", "");
  if (a.balance == 0) add("zero_balance", "");
  if (a.balance < 0) add("negative_balance", std::to_string(a.balance));
  if (a.days_past_due < 0 || (a.days_past_due > 0 && a.balance <= 0)) {
    add("days_contradict_balance", std::to_string(a.days_past_due) + " days past due, balance " + std::to_string(a.balance));
  }
}

void duplicates(const std::vector<selection::AccountInForce>& accounts, const std::string& by,
                std::string (*key_of)(const selection::AccountInForce&), QualityFindings& f) {
  std::map<std::string, std::vector<const selection::AccountInForce*>> groups;
  for (const auto& a : accounts) {
    const std::string key = key_of(a);
    if (!key.empty()) groups[key].push_back(&a);
  }
  for (auto& [key, group] : groups) {
    if (group.size() < 2) continue;
    std::sort(group.begin(), group.end(), [](const auto* x, const auto* y) { return x->account_id < y->account_id; });
    DuplicateGroup g{by, key, {}, differing_fields(group)};
    for (const auto* a : group) g.accounts.push_back(a->account_id);
    for (const auto* a : group) {
      std::string others;
      for (const auto& id : g.accounts) {
        if (id != a->account_id) others += (others.empty() ? "" : " ") + id;
      }
      std::string differ;
      for (const auto& d : g.differing) differ += (differ.empty() ? "" : ",") + d;
      f.issues.push_back({a->account_id, "duplicate_" + by,
                          "also " + others + (differ.empty() ? "; same values" : "; differ in " + differ)});
    }
    f.duplicates.push_back(std::move(g));
  }
}

std::string document_key(const selection::AccountInForce& a) {
  std::string digits;
  for (const char c : a.document_id) {
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) digits.push_back(c);
  }
  return digits;
}

std::string address_name_key(const selection::AccountInForce& a) {
  const auto p = parse_address(a.address);
  if (p.canonical.empty() || blank(a.holder_name)) return "";
  return p.canonical + " | " + folded(a.holder_name);
}

std::size_t check_index(std::string_view check) {
  for (std::size_t i = 0; i < std::size(k_checks); ++i) {
    if (check == k_checks[i].code) return i;
  }
  return std::size(k_checks);
}

}  // namespace

const std::vector<std::string>& quality_checks() {
  static const std::vector<std::string> k = [] {
    std::vector<std::string> v;
    for (const auto& c : k_checks) v.emplace_back(c.code);
    return v;
  }();
  return k;
}

std::string_view quality_label(std::string_view check) {
  const auto i = check_index(check);
  return i < std::size(k_checks) ? k_checks[i].label : "";
}

QualityFindings assess(const std::vector<selection::AccountInForce>& accounts) {
  QualityFindings f;
  f.accounts = static_cast<std::int64_t>(accounts.size());
  for (const auto& a : accounts) field_checks(a, f.issues);
  duplicates(accounts, "document_id", document_key, f);
  duplicates(accounts, "address_and_name", address_name_key, f);
  std::stable_sort(f.issues.begin(), f.issues.end(), [](const QualityIssue& x, const QualityIssue& y) {
    return std::make_pair(x.account_id, check_index(x.check)) < std::make_pair(y.account_id, check_index(y.check));
  });
  std::map<std::string, std::int64_t> per_check;
  std::string last_account, last_check;
  for (const auto& i : f.issues) {
    if (i.account_id == last_account && i.check == last_check) continue;  // one account counts once per check
    ++per_check[i.check];
    last_account = i.account_id;
    last_check = i.check;
  }
  for (const auto& c : k_checks) f.counts.push_back({c.code, per_check[c.code]});
  return f;
}

}  // namespace cartero::campaign
