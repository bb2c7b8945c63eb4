-- Tasks, cases and feedback of active uploads in one shape, the latest row per item (macro stg_items_of,
-- queries/staging/07_fn_stg_items_of.sql). The metric queries read its materialisation metrics_item_cache (schema 020).
create or replace view stg_items as
select * from stg_items_of('tasks', 'cases', 'feedback')
