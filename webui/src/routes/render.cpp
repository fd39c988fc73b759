#include "common.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

namespace cartero::webui {

std::string session_json(const Session& s) {
  JsonWriter j;
  j.begin_object().key("user").value(s.user.name).key("role").value(code(s.user.role)).key("zones").begin_array();
  for (const auto& z : s.user.zones) j.value(z);
  j.end_array().key("csrf").value(s.csrf).end_object();
  return j.str();
}

std::string user_json(const User& u) { return access::to_json(u); }

std::string cases_json(const std::vector<returns::Case>& cases) {
  JsonWriter j;
  j.begin_array();
  for (const auto& c : cases) {
    j.begin_object().key("id").value(c.id).key("kind").value(returns::code(c.kind)).key("account_id").value(c.account_id);
    j.key("holder_name").value(c.holder_name).key("address").value(c.address).key("neighborhood").value(c.neighborhood);
    j.key("zone").value(c.zone).key("cause").value(c.cause).key("cause_label").value(returns::cause_label(c));
    j.key("letter_id").value(c.letter_id).key("opened_at").value(c.opened_at).key("return_id").value(c.return_id);
    j.key("observation").value(c.observation).end_object();
  }
  j.end_array();
  return j.str();
}

std::string batches_json(const std::vector<selection::BatchSummary>& batches) {
  JsonWriter j;
  j.begin_array();
  for (const auto& b : batches) {
    j.begin_object().key("id").value(b.id).key("created_at").value(b.created_at).key("cutoff").value(b.cutoff);
    j.key("status").value(b.status).key("accounts").value(b.accounts).key("selected").value(b.selected);
    const auto text_or_null = [&](const std::string& v) { v.empty() ? j.null() : j.value(v); };
    j.key("dispatched_on");
    text_or_null(b.dispatched_on);
    j.key("dispatched_by");
    text_or_null(b.dispatched_by);
    j.key("dispatched_at");
    text_or_null(b.dispatched_at);
    j.key("notice").value(b.notice);
    j.end_object();
  }
  j.end_array();
  return j.str();
}

std::string review_json(const std::vector<returns::ReviewItem>& items) {
  JsonWriter j;
  j.begin_array();
  for (const auto& item : items) {
    j.begin_object().key("page_id").value(item.page_id).key("page").value(item.page).key("note").value(item.note);
    // The note as a code and its Spanish label (pages scanned before notes had codes keep their English note).
    const auto& info = page_note_info(item.note_code);
    j.key("note_code").value(info.code).key("note_label").value(item.note_code == PageNote::none ? std::string_view(item.note) : info.label);
    j.key("letter_id").value(item.letter_id).key("cause").value(item.cause).key("scanned_at").value(item.scanned_at).end_object();
  }
  j.end_array();
  return j.str();
}

namespace {

// A stored before/after as JSON; a text that does not parse (written by an
// older version that spliced raw input in) as a JSON string, so that one
// bad line never makes the whole log unreadable.
JsonWriter& audit_value(JsonWriter& j, const std::string& stored) {
  if (stored.empty()) return j.raw("{}");
  try {
    Poco::JSON::Parser().parse(stored);
    return j.raw(stored);
  } catch (const Poco::Exception&) {
    return j.value(stored);
  }
}

}  // namespace

std::string audit_json(const std::vector<access::AuditEntry>& entries) {
  JsonWriter j;
  j.begin_array();
  for (const auto& e : entries) {
    j.begin_object().key("id").value(e.id).key("at").value(e.at).key("user").value(e.user).key("action").value(e.action);
    j.key("target").value(e.target);
    audit_value(j.key("before"), e.before_json);
    audit_value(j.key("after"), e.after_json).end_object();
  }
  j.end_array();
  return j.str();
}

void write_return(JsonWriter& j, const returns::ReturnRow& row) {
  const auto cause = parse_cause_code(row.cause);
  j.begin_object().key("return_id").value(row.return_id).key("letter_id").value(row.letter_id).key("cause").value(row.cause);
  j.key("cause_label").value(cause ? cause_info(*cause).label : row.cause);
  j.key("observation").value(row.observation).key("returned_on").value(row.returned_on).key("registered_at").value(row.registered_at);
  j.key("registered_by").value(row.registered_by).key("source").value(row.source).key("account_id").value(row.account_id);
  j.key("holder_name").value(row.holder_name).key("address").value(row.address).key("zone").value(row.zone);
  j.key("scan_page_id").value(row.scan_page_id);
  if (!row.voided_at.empty()) {
    j.key("voided_at").value(row.voided_at).key("voided_by").value(row.voided_by).key("void_reason").value(row.void_reason);
  }
  j.end_object();
}

}  // namespace cartero::webui
