-- information_schema's constraint views over primary keys, UNIQUE
-- constraints (NULLS NOT DISTINCT), CHECKs, NOT NULL columns and foreign
-- keys with their actions, plus character_sets and pg_matviews. NOT NULL
-- constraints are named after OIDs, which differ between servers: they are
-- counted, not listed.
create schema isc;
create table isc.parent (a int, b text, c int not null, primary key (b, a),
  constraint parent_c_key unique nulls not distinct (c),
  constraint parent_c_check check (c > 0) no inherit);
create table isc.child (id serial primary key, pa int check (pa <> 0), pb text,
  note varchar(10),
  constraint child_fk foreign key (pb, pa) references isc.parent (b, a)
    on delete cascade on update set null deferrable initially deferred,
  constraint child_c_fk foreign key (pa) references isc.parent (c) match full);
create unique index child_note_idx on isc.child (note);
select constraint_schema, constraint_name, table_schema, table_name, constraint_type,
       is_deferrable, initially_deferred, enforced, nulls_distinct
from information_schema.table_constraints
where table_schema = 'isc' and constraint_name not like '%not_null'
order by table_name, constraint_name;
select table_name, count(*) from information_schema.table_constraints
where table_schema = 'isc' and constraint_name like '%\_not\_null' group by table_name
order by 1;
select constraint_schema, constraint_name, check_clause
from information_schema.check_constraints
where constraint_schema = 'isc' and constraint_name not like '%not_null'
order by constraint_name;
select check_clause from information_schema.check_constraints
where constraint_schema = 'isc' and constraint_name like '%not_null' order by 1;
select constraint_name, table_name, column_name, ordinal_position,
       position_in_unique_constraint
from information_schema.key_column_usage where table_schema = 'isc'
order by table_name, constraint_name, ordinal_position;
select table_name, column_name, constraint_name
from information_schema.constraint_column_usage where table_schema = 'isc'
order by constraint_name, table_name, column_name;
select constraint_name, unique_constraint_catalog is not null as has_catalog,
       unique_constraint_schema,
       unique_constraint_name, match_option, update_rule, delete_rule
from information_schema.referential_constraints where constraint_schema = 'isc'
order by constraint_name;
select character_set_catalog, character_set_schema, character_set_name,
       character_repertoire, form_of_use, default_collate_catalog = current_database()
from information_schema.character_sets;
select * from pg_matviews;
drop schema isc cascade;
