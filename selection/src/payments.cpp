#include "cartero/selection/payments.hpp"

#include "store_portfolio.hpp"

namespace cartero::selection {

void for_each_payment(Database& db, Date from,
                      const std::function<void(std::string_view, Date, Pesos)>& fn) {
  store::for_each_payment_since(db, from, fn);
}

}  // namespace cartero::selection
