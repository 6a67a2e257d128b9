// `stratad --describe-config` and `stratad --sample-config`, both generated
// from the one parameter table (sql/settings/session_settings.cpp).
//
// --describe-config prints PostgreSQL's format: one line per parameter,
// tab-separated: name, context, group, vartype, reset_value, min, max,
// short_desc, extra_desc. (PostgreSQL prints the reset value before its
// GUCs are initialised, so 0/FALSE for numbers and booleans; we print the
// real default in the same base-unit form.)
// --sample-config prints the documented stratad.conf template; the copy in
// packaging/stratad.conf is checked against it by a unit test.
#pragma once

#include <string>

namespace strata::server {

std::string DescribeConfigText();
std::string SampleConfigText();

}  // namespace strata::server
