-- Feedback items (phản ánh, kiến nghị) per province, reported unit and month, classified over the lake as the
-- database does (METRICS.md sections 2 and 5; queries/staging/05_stg_feedback.sql and 10_items_classified.sql):
-- portable SQL (CASE, COALESCE, CAST, date comparisons, a window function) that DuckDB runs today and Spark SQL
-- can run as it is. Reads lake_feedback (the Parquet files), lake_uploads (the manifest) and lake_months
-- (month_from, month_to). Counted: the rows of 'active' uploads only, per province and feedback_code the latest
-- upload (then the last row); rated and satisfied count the items done by the month's end.
-- Every date test compares dates: a due at 00:00:00 means the end of its day, so "done > due" is
-- "date(done) > date(due)" for such a due, and "due < as_of" is "date(due) <= month_to" for every due.
with
active as (
    select province, upload_id
    from lake_uploads
    where state = 'active'
),
ranked as (
    select
        t.province,
        t.unit_id,
        t.received as received_at,
        t.due as due_at,
        t.done as done_at,
        t.status_code,
        t.rating,
        row_number() over (
            partition by t.province, t.feedback_code order by t.upload_id desc, t.source_row desc
        ) as rank_in_key
    from lake_feedback as t
    join active as a on a.province = t.province and a.upload_id = t.upload_id
),
items as (
    select
        province,
        unit_id,
        received_at,
        due_at,
        done_at,
        status_code,
        rating,
        cast(received_at as date) as received_day,
        cast(due_at as date) as due_day,
        cast(done_at as date) as done_day,
        coalesce(due_at = cast(cast(due_at as date) as timestamp), false) as due_is_day,
        coalesce(status_code in ('done_early', 'done_on_time', 'done_late', 'done', 'returned'), false)
            as done_by_status
    from ranked
    where rank_in_key = 1
),
scoped as (
    select
        m.month_from,
        m.month_to,
        i.*,
        case when i.done_at is not null then i.done_day <= m.month_to else i.done_by_status end as is_done,
        coalesce(i.received_day >= m.month_from, false) as is_new
    from items as i
    cross join lake_months as m
    where (i.received_day is null or i.received_day <= m.month_to)
        and not (
            case
                when i.done_at is not null then i.done_day < m.month_from
                else i.done_by_status and coalesce(i.received_day < m.month_from, true)
            end
        )
),
classed as (
    select
        *,
        case
            when not is_done then null
            when status_code = 'returned' then 'on_time'
            when due_at is not null and done_at is not null then
                case
                    when (due_is_day and done_day > due_day) or (not due_is_day and done_at > due_at) then 'late'
                    when done_day < due_day then 'early'
                    else 'on_time'
                end
            when status_code = 'done_early' then 'early'
            when status_code = 'done_on_time' then 'on_time'
            when status_code = 'done_late' then 'late'
            when due_at is null then 'no_deadline'
            else 'on_time'
        end as resolved_class,
        case
            when is_done then null
            when status_code = 'paused' then 'on_time'
            when due_at is not null then case when due_day <= month_to then 'overdue' else 'on_time' end
            when status_code = 'open_overdue' then 'overdue'
            when status_code = 'open_on_time' then 'on_time'
            else 'no_deadline'
        end as pending_class
    from scoped
),
final as (
    select
        province,
        unit_id,
        month_from,
        month_to,
        count(*) as feedback_total,
        sum(case when is_new then 1 else 0 end) as feedback_new,
        sum(case when not is_new then 1 else 0 end) as feedback_carried_over,
        sum(case when resolved_class in ('early', 'on_time') then 1 else 0 end) as feedback_done_on_time,
        sum(case when resolved_class = 'late' then 1 else 0 end) as feedback_done_late,
        sum(case when pending_class = 'on_time' then 1 else 0 end) as feedback_open_on_time,
        sum(case when pending_class = 'overdue' then 1 else 0 end) as feedback_open_overdue,
        sum(case when coalesce(resolved_class, pending_class) = 'no_deadline' then 1 else 0 end)
            as feedback_no_deadline,
        sum(case when is_done and rating is not null then 1 else 0 end) as feedback_rated,
        sum(case when is_done and rating = 'satisfied' then 1 else 0 end) as feedback_satisfied
    from classed
    group by province, unit_id, month_from, month_to
)
select * from final
order by province, unit_id, month_from
