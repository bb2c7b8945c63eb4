-- The counts of lake/classify_cases.sql (the table lake_counts: per province, reported unit and month) under the
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
        case
            when max(case when c.cases_source = 'cases' then 1 else 0 end) = 1
                and max(case when c.cases_source = 'case_stats' then 1 else 0 end) = 1 then 'case_stats,cases'
            when max(case when c.cases_source = 'cases' then 1 else 0 end) = 1 then 'cases'
            else 'case_stats'
        end as cases_source,
        sum(c.cases_total) as cases_total,
        sum(c.cases_new_online) as cases_new_online,
        sum(c.cases_new_offline) as cases_new_offline,
        sum(c.cases_carried_over) as cases_carried_over,
        sum(c.cases_resolved) as cases_resolved,
        sum(c.cases_resolved_early) as cases_resolved_early,
        sum(c.cases_resolved_on_time) as cases_resolved_on_time,
        sum(c.cases_resolved_late) as cases_resolved_late,
        sum(c.cases_pending) as cases_pending,
        sum(c.cases_pending_on_time) as cases_pending_on_time,
        sum(c.cases_pending_overdue) as cases_pending_overdue
    from lake_counts as c
    left join lake_unit_today as t on t.province = c.province and t.unit_id = c.unit_id
    group by c.province, coalesce(t.today_unit_id, c.unit_id), c.month_from, c.month_to
)
select * from final
order by province, unit_id, month_from
