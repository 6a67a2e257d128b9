-- Planner and parallelism settings: accepted, shown, reset and validated like PostgreSQL 15's.
show enable_seqscan;
set enable_seqscan = off;
show enable_seqscan;
set enable_indexscan to false;
set enable_hashjoin = 0;
reset enable_seqscan;
show enable_seqscan;
set enable_sort = maybe;
set force_parallel_mode = regress;
show force_parallel_mode;
set constraint_exclusion = bogus;
set max_parallel_workers_per_gather = 0;
show max_parallel_workers_per_gather;
set max_parallel_workers_per_gather = 2000;
set plan_cache_mode = force_generic_plan;
show plan_cache_mode;
select current_setting('enable_nestloop'), set_config('enable_material', 'off', false);
