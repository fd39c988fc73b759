#include "cartero/campaign/quality.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "cartero/core/account.hpp"
#include "cartero/core/address.hpp"
#include "cartero/core/money.hpp"
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
    {"duplicate_account_id", "Cuenta repetida en el archivo (la fila repetida se rechazó)"},
    {"duplicate_document_id", "Documento repetido en otra cuenta"},
    {"duplicate_address_and_name", "Misma dirección y titular en otra cuenta"},
};

bool blank(std::string_view s) { return trim(s).empty(); }

// The fields a duplicate's rows may differ in, with their Spanish names.
constexpr std::pair<const char*, const char*> k_field_names[] = {
    {"holder_name", "titular"},   {"document_id", "documento"},   {"address", "dirección"},
    {"neighborhood", "barrio"},   {"city", "ciudad"},             {"zone", "zona"},
    {"use_type", "uso"},          {"billing_type", "facturación"}, {"balance", "saldo"},
    {"days_past_due", "días de mora"}, {"legal_collection", "cobro jurídico"}, {"sanitation", "saneamiento"},
};

std::string field_name_es(std::string_view field) {
  for (const auto& [code, name] : k_field_names) {
    if (field == code) return name;
  }
  return std::string(field);
}

std::string joined(const std::vector<std::string>& items, const std::string& separator, std::string (*each)(std::string_view) = nullptr) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : separator) + (each ? each(i) : i);
  return out;
}

// Why an address is not mailable, in Spanish (parse_address's notes).
std::string address_note_es(const std::string& note) {
  static const std::pair<const char*, const char*> k_notes[] = {
      {"two addresses", "dos direcciones en un campo"},
      {"no via number", "falta el número de la vía"},
      {"no generator number", "falta el número después de «#»"},
      {"no plate", "falta la placa"},
      {"no via", "falta la vía"},
      {"no address word", "no tiene palabras de una dirección"},
      {"too long for one address", "demasiado larga para una dirección"},
      {"characters no address has", "tiene caracteres que ninguna dirección tiene"},
      {"too many words for one address", "demasiadas palabras para una dirección"},
  };
  for (const auto& [en, es] : k_notes) {
    if (note == en) return es;
  }
  return "";
}

std::string days_es(int days) { return std::to_string(days) + (days == 1 || days == -1 ? " día" : " días"); }

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
  const auto add = [&](const char* check, std::string detail, std::string detail_es) {
    out.push_back({a.account_id, check, std::move(detail), std::move(detail_es)});
  };
  if (blank(a.holder_name)) add("missing_holder_name", "", "");
  if (!blank(a.document_type) && !parse_document_type(a.document_type)) {
    add("unknown_document_type", a.document_type, "Tipo de documento no reconocido: " + a.document_type);
  }
  if (blank(a.address)) {
    add("missing_address", "", "");
  } else if (const auto p = parse_address(a.address); unmailable(p.verdict)) {
    const std::string note_es = address_note_es(p.note);
    add("address_incomplete", std::string(code(p.verdict)) + (p.note.empty() ? "" : ": " + p.note) + " (" + a.address + ")",
        std::string(label(p.verdict)) + (note_es.empty() ? "" : ": " + note_es) + " (" + a.address + ")");
  }
  if (blank(a.zone)) add("missing_zone", "", "");
  if (blank(a.neighborhood)) add("missing_neighborhood", "", "");
  if (blank(a.city)) add("missing_city", "", "");
  if (a.balance == 0) add("zero_balance", "", "");
  if (a.balance < 0) add("negative_balance", std::to_string(a.balance), "Saldo " + format_pesos(a.balance));
  if (a.days_past_due < 0 || (a.days_past_due > 0 && a.balance <= 0)) {
    add("days_contradict_balance", std::to_string(a.days_past_due) + " days past due, balance " + std::to_string(a.balance),
        days_es(a.days_past_due) + " de mora con saldo " + format_pesos(a.balance));
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
      std::vector<std::string> others;
      for (const auto& id : g.accounts) {
        if (id != a->account_id) others.push_back(id);
      }
      const std::string differ = joined(g.differing, ","), differ_es = joined(g.differing, ", ", field_name_es);
      f.issues.push_back({a->account_id, "duplicate_" + by,
                          "also " + joined(others, " ") + (differ.empty() ? "; same values" : "; differ in " + differ),
                          std::string(others.size() == 1 ? "También la cuenta " : "También las cuentas ") + joined(others, ", ") +
                              (differ_es.empty() ? "; mismos valores" : "; difieren en " + differ_es)});
    }
    f.duplicates.push_back(std::move(g));
  }
}

// The values of a row as people read them, per field of k_field_names.
std::string value_of(const Account& a, std::string_view field) {
  if (field == "holder_name") return a.holder_name;
  if (field == "document_id") return a.document_id;
  if (field == "address") return a.address;
  if (field == "neighborhood") return a.neighborhood;
  if (field == "city") return a.city;
  if (field == "zone") return a.zone;
  if (field == "use_type") return std::string(code(a.use_type));
  if (field == "billing_type") return std::string(code(a.billing_type));
  if (field == "balance") return std::to_string(a.balance);
  if (field == "days_past_due") return std::to_string(a.days_past_due);
  if (field == "legal_collection") return a.legal_collection ? "1" : "0";
  if (field == "sanitation") return std::string(code(a.sanitation));
  return "";
}

// The same in Spanish, with labels for codes.
std::string value_es(const std::string& field, const std::string& value) {
  if (value.empty()) return "(vacío)";
  if (field == "balance") return format_pesos(std::stoll(value));
  if (field == "days_past_due") return days_es(std::stoi(value));
  if (field == "legal_collection") return value == "1" ? "sí" : "no";
  static const std::pair<const char*, const char*> k_codes[] = {
      {"residential", "residencial"}, {"commercial", "comercial"}, {"industrial", "industrial"}, {"official", "oficial"},
      {"direct", "directa"}, {"joint", "conjunta"}, {"demolished", "demolido"}, {"vacant_lot", "lote baldío"},
      {"double_billing", "doble facturación"}};
  for (const auto& [code, es] : k_codes) {
    if (value == code) return es;
  }
  return value;
}

// The export having one account on several rows: the first kept, the
// later ones rejected at import; what differs between them.
void repeated_account_ids(const std::vector<selection::AccountInForce>& accounts,
                          const std::vector<selection::RepeatedAccount>& repeated, const std::vector<Account>& kept,
                          QualityFindings& f) {
  std::unordered_map<std::string_view, const Account*> kept_by_id;
  for (const auto& k : kept) kept_by_id.emplace(k.account_id, &k);
  std::unordered_map<std::string_view, bool> in_scope;
  for (const auto& a : accounts) in_scope.emplace(a.account_id, true);
  for (std::size_t i = 0; i < repeated.size();) {
    std::size_t end = i;
    while (end < repeated.size() && repeated[end].values.account_id == repeated[i].values.account_id) ++end;
    const std::string& id = repeated[i].values.account_id;
    const auto k = kept_by_id.find(id);
    if (!in_scope.count(id) || k == kept_by_id.end()) {
      i = end;
      continue;
    }
    DuplicateGroup g{"account_id", id, {id}, {}, {}, {}};
    for (std::size_t r = i; r < end; ++r) g.lines.push_back(repeated[r].line);
    for (const auto& [field, name] : k_field_names) {
      DifferingValues v{field, {value_of(*k->second, field)}};
      bool differs = false;
      for (std::size_t r = i; r < end; ++r) {
        v.values.push_back(value_of(repeated[r].values, field));
        differs = differs || v.values.back() != v.values.front();
      }
      if (!differs) continue;
      g.differing.push_back(field);
      g.values.push_back(std::move(v));
    }
    std::vector<std::string> lines;
    for (const auto l : g.lines) lines.push_back(std::to_string(l));
    std::string detail = "repeated on line" + std::string(lines.size() > 1 ? "s " : " ") + joined(lines, ", ") + " (rejected); ";
    std::string detail_es = std::string(lines.size() > 1 ? "Repetida en las líneas " : "Repetida en la línea ") + joined(lines, ", ") +
                            " del archivo (rechazada); ";
    if (g.values.empty()) {
      detail += "same values";
      detail_es += "mismos valores";
    } else {
      std::vector<std::string> en, es;
      for (const auto& v : g.values) {
        std::string e = v.field + " " + (v.values.front().empty() ? "''" : v.values.front()) + " kept", s = field_name_es(v.field) +
            " " + value_es(v.field, v.values.front()) + " la conservada";
        for (std::size_t r = 1; r < v.values.size(); ++r) {
          e += ", " + (v.values[r].empty() ? "''" : v.values[r]) + " on line " + lines[r - 1];
          s += ", " + value_es(v.field, v.values[r]) + " en la línea " + lines[r - 1];
        }
        en.push_back(e);
        es.push_back(s);
      }
      detail += "differs in " + joined(en, "; ");
      detail_es += "difiere en " + joined(es, "; ");
    }
    f.issues.push_back({id, "duplicate_account_id", detail, detail_es});
    f.duplicates.push_back(std::move(g));
    i = end;
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

QualityFindings assess(const std::vector<selection::AccountInForce>& accounts,
                       const std::vector<selection::RepeatedAccount>& repeated, const std::vector<Account>& kept) {
  QualityFindings f;
  f.accounts = static_cast<std::int64_t>(accounts.size());
  for (const auto& a : accounts) field_checks(a, f.issues);
  repeated_account_ids(accounts, repeated, kept, f);
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
