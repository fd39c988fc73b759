// Private: the Spanish label of every code the API sends (causes, reasons,
// use and billing types, sanitation, statuses, case kinds and outcomes,
// register sources, roles, audit actions), so the page never shows a code.
#pragma once

#include <string>

namespace cartero::webui {

// {"causes": [{"code": "...", "label": "..."}, ...], "reasons": [...], ...}
std::string labels_json();

// {"company_name": "..."}: who the letters come from (the shipped sender).
std::string brand_json();

}  // namespace cartero::webui
