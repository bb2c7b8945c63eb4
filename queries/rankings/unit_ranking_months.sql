-- unit_ranking for periods of whole months without Biểu 06 aggregates in them (oversight.metrics chooses this
-- file; the same rows and columns, from unit_month_scored over metrics_month_units).
-- Every unit [$from, $to] lists (METRICS.md section 6: existed in it, or has data in it): all counts and rates, the discipline score, its band, the rank
-- within the unit's group (1 = best), and the rank in the previous comparable period [$prev_from, $prev_to]
-- with the movement (positive = moved up). Units without a score are listed with the band
-- 'chưa đủ số liệu' and no rank. $band_names / $band_mins are the setting's bands, best first. Both periods
-- are scored in one pass (period_no 1 and 2). Rows: by group, rank, name (Vietnamese collation), unit id.
-- $field: only the items of that field (lĩnh vực, as stored; 'Không rõ lĩnh vực' = none), NULL = every field.
with
both_periods as (
    select *
    from unit_month_scored([$from, $prev_from], [$to, $prev_to], $units, $field, $w_tasks, $w_cases, $w_feedback,
        $min_volume)
),
current_period as (
    select * exclude (period_no) from both_periods where period_no = 1
),
previous_period as (
    select unit_id, rank as prev_rank, score as prev_score from both_periods where period_no = 2
),
banded as (
    select
        current_period.*,
        band_of(score, $band_names, $band_mins, $lowest_band) as band
    from current_period
),
final as (
    select
        banded.*,
        previous_period.prev_rank,
        previous_period.prev_score,
        previous_period.prev_rank - banded.rank as movement
    from banded
    left join previous_period using (unit_id)
    where $group = 'all' or banded.unit_group = $group
    order by
        case banded.unit_group when 'department' then 1 when 'district' then 2 else 3 end,
        banded.rank nulls last,
        banded.unit_name collate vi,
        banded.unit_id
)
select * from final
