-- near_month_run(d_from, d_to): for a period that is not a run of whole months, the run of calendar months whose
-- bounds lie nearest to it ({'near_from', 'near_to'}: the 1st nearest to d_from, the last day of a month nearest to
-- d_to; a tie takes the month holding the bound), or NULL when four times the days between the two pairs of bounds
-- outnumber the period's days (near_month_ok: the items of those days are classified twice; measured in
-- bench/RESULTS_growth.md; such a run is never empty). kind_counts answers such a period from the run's month rows
-- corrected by the few items whose days fall between the bounds (near_item). For a run of whole months kind_counts
-- reads the months themselves (whole_month_list), never this. Built from constants only, so DuckDB folds it when
-- the dates are bound parameters. oversight.metrics_cache.near_run mirrors it.
create or replace macro near_month_run(d_from, d_to) as
    case
        when near_month_ok(d_from, d_to)
            then {'near_from': near_month_start(d_from), 'near_to': near_month_end(d_to)}
    end
