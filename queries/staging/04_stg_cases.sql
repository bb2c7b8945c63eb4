-- Every case row of active uploads, the latest per item, typed (macro stg_cases_of, queries/staging/04_fn_stg_cases_of.sql).
create or replace view stg_cases as
select * from stg_cases_of('cases')
