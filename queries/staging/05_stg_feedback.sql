-- Every feedback row of active uploads, the latest per item, typed (macro stg_feedback_of, queries/staging/05_fn_stg_feedback_of.sql).
create or replace view stg_feedback as
select * from stg_feedback_of('feedback')
