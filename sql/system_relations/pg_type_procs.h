// The pg_proc rows the catalogs name: each built-in type's I/O, typmod,
// subscript and analyze functions (pg_type.typinput, ...) and the access
// methods' handlers, with PostgreSQL 15's OIDs and names. regproc reads
// and prints these names. Generated from a real PostgreSQL 15:
//
//   $P -c "select format('STRATA_PG_TYPE_PROCS(%s, %s, %s, %s, %s, %s, %s, %s, %s)', t.oid,
//            t.typsubscript::oid, t.typinput::oid, t.typoutput::oid, t.typreceive::oid,
//            t.typsend::oid, t.typmodin::oid, t.typmodout::oid, t.typanalyze::oid)
//          from pg_type t where t.typtype <> 'c'
//            and t.typnamespace = 'pg_catalog'::regnamespace order by t.oid" > pg_type_procs.inc
//   $P -c "select format('STRATA_PG_PROC_NAME(%s, \"%s\")', p.oid, p.proname) from pg_proc p
//          where p.oid in (select unnest(array[typsubscript, typinput, typoutput, typreceive,
//                            typsend, typmodin, typmodout, typanalyze]::oid[]) from pg_type t
//                          where t.typtype <> 'c'
//                            and t.typnamespace = 'pg_catalog'::regnamespace)
//             or p.oid in (select amhandler from pg_am) order by p.oid" > pg_proc_names.inc
//
// (then restore the two comment lines at the top of each file).
#pragma once

#include <string_view>

#include "sql/types/data_type.h"

namespace strata::sql {

struct TypeProcs {
  Oid type;
  Oid subscript, input, output, receive, send, modin, modout, analyze;
};

// nullptr for a type not in the table.
const TypeProcs* FindTypeProcs(Oid type);
// The name of a known function; empty if unknown.
std::string_view ProcName(Oid proc);
// The OID of a known function by name; 0 if unknown.
Oid ProcOidByName(std::string_view name);

}  // namespace strata::sql
