-- Tasks of active uploads, the latest upload per item_key (highest upload_id; within one upload the last
-- row), typed for classification: received_at = assignment date, else the assigning document's date;
-- due_at = the effective (adjusted) deadline, where a due at exactly 00:00:00 means the end of that day.
-- stg_tasks_of(source): the same over the rows of the table or view named `source` with the columns of tasks
-- (the view stg_tasks reads tasks; the incremental cache refresh reads stg_dirty_tasks, the rows of the items
-- it rebuilds).
create or replace macro stg_tasks_of(source) as table
with
active as (
    select upload_id from stg_active_uploads
),
latest as (
    select tasks.*
    from query_table(source) as tasks
    join active using (upload_id)
    qualify row_number() over (partition by item_key order by upload_id desc, source_row desc) = 1
),
final as (
    select
        'tasks' as kind,
        item_key,
        upload_id,
        source_row,
        doc_number as item_code,
        doc_number,
        doc_date,
        content as title,
        assigned_by,
        unit_id,
        unit_name,
        field,
        cast(null as varchar) as channel,
        cast(null as varchar) as rating,
        coalesce(received, cast(doc_date as timestamp)) as received_at,
        case
            when due = date_trunc('day', due) then date_trunc('day', due) + interval 1 day - interval 1 microsecond
            else due
        end as due_at,
        done as done_at,
        due_text,
        status_text,
        status_code
    from latest
)
select * from final
