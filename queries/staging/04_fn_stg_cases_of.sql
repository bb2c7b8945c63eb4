-- TTHC cases of active uploads, the latest upload per case_code, typed for classification.
-- done_at = the result date (ngày có kết quả), else the date the result was handed back (ngày trả kết quả).
-- A due at exactly 00:00:00 means the end of that day.
-- stg_cases_of(source): the same over the rows of the table or view named `source` with the columns of cases
-- (the view stg_cases reads cases; the incremental cache refresh reads stg_dirty_cases, the rows of the items
-- it rebuilds).
create or replace macro stg_cases_of(source) as table
with
active as (
    select upload_id from stg_active_uploads
),
latest as (
    select cases.*
    from query_table(source) as cases
    join active using (upload_id)
    qualify row_number() over (partition by case_code order by upload_id desc, source_row desc) = 1
),
final as (
    select
        'cases' as kind,
        case_code as item_key,
        upload_id,
        source_row,
        case_code as item_code,
        cast(null as varchar) as doc_number,
        cast(null as date) as doc_date,
        procedure_name as title,
        applicant,
        unit_id,
        unit_name,
        field,
        channel,
        cast(null as varchar) as rating,
        received as received_at,
        case
            when due = date_trunc('day', due) then date_trunc('day', due) + interval 1 day - interval 1 microsecond
            else due
        end as due_at,
        coalesce(done, returned) as done_at,
        cast(null as varchar) as due_text,
        status_text,
        status_code
    from latest
)
select * from final
