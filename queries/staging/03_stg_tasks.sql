-- Every task row of active uploads, the latest per item, typed (macro stg_tasks_of, queries/staging/03_fn_stg_tasks_of.sql).
create or replace view stg_tasks as
select * from stg_tasks_of('tasks')
