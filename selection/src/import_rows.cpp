#include "import_rows.hpp"

#include "account_search.hpp"

#include <algorithm>
#include <charconv>

#include "cartero/core/address.hpp"
#include "cartero/core/json.hpp"
#include "cartero/core/text.hpp"

namespace cartero::selection::detail {

void RowBuffer::write_to(sql::BulkWriter& out) const {
  std::size_t column = 0;
  for (const auto& v : m_values) {
    if (v.is_number) out.add(v.number); else out.add_lasting(v.text);  // the buffer outlives the row
    if (++column == m_columns) {
      out.end_row();
      column = 0;
    }
  }
}

std::string_view RowView::at(int pos) const {
  if (pos < 0 || static_cast<std::size_t>(pos) >= m_fields.size()) return {};
  return trim(m_fields[static_cast<std::size_t>(pos)]);
}

std::string_view RowView::get(std::size_t i) const { return at(m_positions[i]); }

std::optional<std::size_t> RowView::missing_field() const {
  for (std::size_t i = 0; i < m_positions.size(); ++i) {
    if (m_specs[i].required && m_positions[i] >= 0 && static_cast<std::size_t>(m_positions[i]) >= m_fields.size()) return i;
  }
  return std::nullopt;
}

std::optional<std::string> RowContext::mapped(const std::string& field, std::string_view text) {
  constexpr std::size_t k_most = 4096;  // distinct spellings kept per field; past that, mapped each time
  auto it = std::find_if(remembered.begin(), remembered.end(), [&](const Remembered& r) { return r.field == field; });
  if (it == remembered.end()) it = remembered.insert(remembered.end(), Remembered{field, {}});
  const std::string key(text);
  if (const auto known = it->values.find(key); known != it->values.end()) return known->second;
  auto value = map_value(field, text, profile);
  if (it->values.size() < k_most) it->values.emplace(key, value);
  return value;
}

namespace {

std::optional<std::int64_t> parse_days(std::string_view s) {
  std::int64_t v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc() && p == s.data() + s.size()) return v;
  // "90,0", "1.234" as spreadsheets may write a count.
  const auto a = parse_amount(s);
  if (a && !a->rounded) return a->pesos;
  return std::nullopt;
}

RowError error(const RowView& r, std::size_t i, RowProblem problem, std::string reason) {
  return RowError{r.name(i), std::move(reason), std::string(r.get(i)), problem, quoted(r.get(i))};
}

// The account's extra columns as one JSON object ("" when none are kept).
std::string extras_json(const RowView& r, const RowContext& ctx) {
  if (ctx.extras.empty()) return {};
  JsonWriter j;
  j.begin_object();
  for (const auto& [name, pos] : ctx.extras) j.key(name).value(std::string(r.at(pos)));
  j.end_object();
  return j.str();
}

}  // namespace

std::optional<RowError> write_account(const RowView& r, RowBuffer& out, RowContext& ctx) {
  // Field order as in fields_of("accounts").
  const auto id = r.get(0);
  if (id.empty()) return error(r, 0, RowProblem::no_account_id, "no account_id");
  const auto use = ctx.mapped("use_type", r.get(3));
  if (!use) return error(r, 3, RowProblem::not_a_use_type, quoted(r.get(3)) + " is not a use type (residential/residencial, commercial/comercial, industrial, official/oficial/especial)");
  const auto billing = ctx.mapped("billing_type", r.get(8));
  if (!billing) return error(r, 8, RowProblem::not_a_billing_type, quoted(r.get(8)) + " is not a billing type (direct/directa/facturación directa, joint/conjunta)");
  const auto balance = parse_amount(r.get(9), ctx.profile.decimal_mark);
  if (!balance) return error(r, 9, RowProblem::not_an_amount, quoted(r.get(9)) + " is not an amount in whole pesos (1234567, 1.234.567, $ 1.234.567 or 1.234.567,50)");
  const auto days = parse_days(r.get(10));
  if (!days || *days < 0 || *days > 100000) return error(r, 10, RowProblem::not_whole_days, quoted(r.get(10)) + " is not a whole number of days");
  const auto legal = ctx.mapped("legal_collection", r.get(11));
  if (!legal) return error(r, 11, RowProblem::not_yes_no, quoted(r.get(11)) + " is not yes/no (1/0, true/false, si/no)");
  const auto sanitation = ctx.mapped("sanitation", r.get(12));
  if (!sanitation) return error(r, 12, RowProblem::not_a_sanitation_flag, quoted(r.get(12)) + " is not a sanitation flag (demolished/demolido, vacant_lot/lote, double_billing/doble facturación or empty)");
  std::string holds[3];  // payment_agreement, deceased_holder, insolvency
  for (std::size_t i = 0; i < 3; ++i) {
    const auto v = ctx.mapped(r.name(15 + i), r.get(15 + i));
    if (!v) return error(r, 15 + i, RowProblem::not_yes_no, quoted(r.get(15 + i)) + " is not yes/no (1/0, true/false, si/no)");
    holds[i] = *v;
  }
  // A document type Cartero does not know is kept as written (the letter
  // then goes by the document id's shape) and counted, never a rejection.
  const auto written_type = r.get(18);
  const auto known_type = ctx.mapped("document_type", written_type);
  if (ctx.seen.count(id)) {
    auto e = error(r, 0, RowProblem::repeated_account, "account " + std::string(id) + " appears on an earlier row");
    e.shown = std::string(id);
    Account a;
    a.account_id = id;
    a.holder_name = r.get(1);
    a.document_id = r.get(2);
    a.use_type = parse_use_type(*use).value_or(UseType::residential);
    a.address = r.get(4);
    a.neighborhood = r.get(5);
    a.city = r.get(6);
    a.zone = r.get(7);
    a.billing_type = parse_billing_type(*billing).value_or(BillingType::direct);
    a.balance = balance->pesos;
    a.days_past_due = static_cast<int>(*days);
    a.legal_collection = *legal == "1";
    a.sanitation = parse_sanitation(*sanitation).value_or(Sanitation::none);
    ctx.repeated.push_back({0, std::move(a)});
    return e;
  }
  ctx.seen.insert(ctx.ids.keep(id));
  if (balance->rounded) ++ctx.rounded;
  if (!known_type && !written_type.empty() && ctx.unknown_document_types++ == 0) {
    ctx.unknown_document_type = written_type;
  }
  out.add(id).add(r.get(1)).add(r.get(2)).add(*use).add(r.get(4)).add(r.get(5)).add(r.get(6));
  out.add(r.get(7)).add(*billing).add(balance->pesos).add(*days);
  out.add(static_cast<std::int64_t>(*legal == "1" ? 1 : 0)).add(*sanitation);
  out.add(r.get(13)).add(r.get(14));  // DIVIPOLA and postal code, for the courier's manifest
  for (const auto& h : holds) out.add(static_cast<std::int64_t>(h == "1" ? 1 : 0));
  out.add(known_type ? std::string_view(*known_type) : written_type);
  // Judged once here, on the parsing core, rather than by every selection.
  out.add(r.get(4).empty() ? std::string_view() : code(address_verdict(r.get(4))));
  out.add(extras_json(r, ctx));
  out.add(account_search_key(id)).add(account_search_text(id, r.get(1), r.get(2), r.get(4), r.get(5)));
  out.end_row();
  return std::nullopt;
}

std::optional<RowError> write_dated(const RowView& r, RowBuffer& out, RowContext& ctx, bool with_amount) {
  const auto id = r.get(0);
  if (id.empty()) return error(r, 0, RowProblem::no_account_id, "no account_id");
  const auto date = parse_date_text(r.get(1), ctx.order);
  if (!date) return error(r, 1, RowProblem::not_a_date, quoted(r.get(1)) + " is not a date (YYYY-MM-DD, dd/mm/yyyy or an Excel date)");
  std::optional<Amount> amount;
  if (with_amount) {
    amount = parse_amount(r.get(2), ctx.profile.decimal_mark);
    if (!amount) return error(r, 2, RowProblem::not_an_amount, quoted(r.get(2)) + " is not an amount in whole pesos (1234567, 1.234.567 or 1.234.567,50)");
    if (amount->rounded) ++ctx.rounded;
  }
  out.add(id).add(date->iso());
  if (with_amount) out.add(amount->pesos);
  out.end_row();
  return std::nullopt;
}

}  // namespace cartero::selection::detail
