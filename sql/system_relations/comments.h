// Reading COMMENT ON texts (pg_description, obj_description and
// col_description): the stored comment on a target, if its object still has it.
#pragma once

#include <string>

#include "catalog/catalog.h"

namespace strata::sql {

// The comment on `target`; nullptr if there is none or it was on a column
// dropped since.
const std::string* FindLiveComment(const catalog::CatalogSnapshot& catalog,
                                   const catalog::CommentTarget& target);

}  // namespace strata::sql
