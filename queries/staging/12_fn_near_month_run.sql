-- near_month_run(d_from, d_to): the run of calendar months whose bounds lie nearest to a period
-- ({'near_from', 'near_to'}: the 1st nearest to d_from, the last day of a month nearest to d_to; a tie takes the
-- month holding the bound), or NULL when four times the days between the two pairs of bounds outnumber the period's
-- days (near_month_ok: the items of those days are classified twice; measured in bench/RESULTS_custom.md; such a run
-- is never empty). A run of whole calendar months is its own. kind_counts answers a query whose periods all have one
-- (and are not all whole months, which it reads directly) from the runs' month rows, corrected by the few items
-- whose days fall between the bounds (near_item). Built from constants only, so DuckDB folds it when the dates are
-- bound parameters. oversight.metrics_cache.near_run mirrors it.
create or replace macro near_month_run(d_from, d_to) as
    case
        when near_month_ok(d_from, d_to)
            then {'near_from': near_month_start(d_from), 'near_to': near_month_end(d_to)}
    end
