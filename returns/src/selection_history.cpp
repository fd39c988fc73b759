#include "cartero/returns/selection_history.hpp"

#include "cartero/letters/printed.hpp"
#include "store.hpp"

namespace cartero::returns {

namespace {

class History final : public selection::AccountHistory {
 public:
  void for_each_dispatched_letter(Database& db, Date from,
                                  const std::function<void(std::string_view, Date)>& fn) const override {
    letters::for_each_sent_since(db, from, fn);
  }
  // An address-update case means field found the address wrong and no
  // corrected address is recorded yet: both checks are pending.
  void for_each_open_case(Database& db, const std::function<void(std::string_view, bool, bool)>& fn) const override {
    store::for_each_open_case(db, [&](std::string_view account_id, std::string_view kind, std::string_view) {
      const bool address_check = kind == code(CaseKind::field_check) || kind == code(CaseKind::address_update);
      const bool billing_case = kind == code(CaseKind::cleanup) || kind == code(CaseKind::address_update);
      fn(account_id, address_check, billing_case);
    });
  }
};

}  // namespace

const selection::AccountHistory& selection_history() {
  static const History history;
  return history;
}

}  // namespace cartero::returns
