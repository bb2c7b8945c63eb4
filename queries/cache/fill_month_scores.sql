-- The rows of metrics_month_scores (schema 075) of the months [$month_from[i], $month_to[i]] under the scoring of
-- the weights $w_tasks, $w_cases, $w_feedback and the minimum volume $min_volume (scoring_key): for each month and both
-- unit modes, the rows unit_month_scored gives that month alone (read from metrics_month_units), with the
-- ranking's order (display_order: group, rank, name in Vietnamese collation, as rankings/unit_ranking) and the
-- order by name (name_order, the lagging lists' tie-break). Sorted by month, so that reading a month skips the
-- other row groups.
insert into metrics_month_scores by name
with
scored as (
    select 'reported' as units_mode, *
    from unit_month_scored($month_from, $month_to, 'reported', null, $w_tasks, $w_cases, $w_feedback, $min_volume)
    union all
    select 'today' as units_mode, *
    from unit_month_scored($month_from, $month_to, 'today', null, $w_tasks, $w_cases, $w_feedback, $min_volume)
),
final as (
    select
        month_cutoff(months.period_from, months.period_to) as cutoff,
        months.period_from as month_from,
        months.period_to as month_to,
        scoring_key($w_tasks, $w_cases, $w_feedback, $min_volume) as scoring,
        row_number() over (
            partition by scored.period_no, scored.units_mode
            order by
                case scored.unit_group when 'department' then 1 when 'district' then 2 else 3 end,
                scored.rank nulls last,
                scored.unit_name collate vi,
                scored.unit_id
        ) as display_order,
        row_number() over (
            partition by scored.period_no, scored.units_mode
            order by scored.unit_name collate vi, scored.unit_id
        ) as name_order,
        scored.* exclude (period_no)
    from scored
    join period_list($month_from, $month_to) as months using (period_no)
    where month_cutoff(months.period_from, months.period_to) is not null
    order by month_from, month_to, scored.units_mode, display_order
)
select * from final
