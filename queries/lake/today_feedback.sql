-- The counts of lake/classify_feedback.sql (the table lake_counts: per province, reported unit and month) under the
-- unit each reported unit is today (lake_unit_today, from lake/unit_today.sql): «Theo đơn vị hiện nay», as the
-- database's unit_display('today') does (queries/staging/35_unit_display.sql, 40_unit_counts.sql): every count of a
-- unit abolished on 1/7/2025 is added to today's unit that took it over. The classification is per reported unit
-- first (a unit's Biểu 06 rows count when it has no case-level case), then the counts are summed. Portable SQL.
with
final as (
    select
        c.province,
        coalesce(t.today_unit_id, c.unit_id) as unit_id,
        c.month_from,
        c.month_to,
        sum(c.feedback_total) as feedback_total,
        sum(c.feedback_new) as feedback_new,
        sum(c.feedback_carried_over) as feedback_carried_over,
        sum(c.feedback_done_on_time) as feedback_done_on_time,
        sum(c.feedback_done_late) as feedback_done_late,
        sum(c.feedback_open_on_time) as feedback_open_on_time,
        sum(c.feedback_open_overdue) as feedback_open_overdue,
        sum(c.feedback_no_deadline) as feedback_no_deadline,
        sum(c.feedback_rated) as feedback_rated,
        sum(c.feedback_satisfied) as feedback_satisfied
    from lake_counts as c
    left join lake_unit_today as t on t.province = c.province and t.unit_id = c.unit_id
    group by c.province, coalesce(t.today_unit_id, c.unit_id), c.month_from, c.month_to
)
select * from final
order by province, unit_id, month_from
