-- Citizens' feedback (phản ánh, kiến nghị) of active uploads, the latest upload per feedback_code, typed.
-- A due at exactly 00:00:00 means the end of that day.
-- stg_feedback_of(source): the same over the rows of the table or view named `source` with the columns of feedback
-- (the view stg_feedback reads feedback; the incremental cache refresh reads stg_dirty_feedback, the rows of the items
-- it rebuilds).
create or replace macro stg_feedback_of(source) as table
with
active as (
    select upload_id from stg_active_uploads
),
latest as (
    select feedback.*
    from query_table(source) as feedback
    join active using (upload_id)
    qualify row_number() over (partition by feedback_code order by upload_id desc, source_row desc) = 1
),
final as (
    select
        'feedback' as kind,
        feedback_code as item_key,
        upload_id,
        source_row,
        feedback_code as item_code,
        cast(null as varchar) as doc_number,
        cast(null as date) as doc_date,
        content as title,
        unit_id,
        unit_name,
        field,
        channel,
        rating,
        received as received_at,
        case
            when due = date_trunc('day', due) then date_trunc('day', due) + interval 1 day - interval 1 microsecond
            else due
        end as due_at,
        done as done_at,
        cast(null as varchar) as due_text,
        status_text,
        status_code
    from latest
)
select * from final
