-- near_start_lo(froms, i), near_start_end(froms, i): the start window of period i and its near run, the instants
-- [lo, end) from the earlier start to the later one (empty when they agree); near_end_lo(tos, i) and
-- near_end_end(tos, i): the end window, from the day after the earlier end to the later end. For near_item.
create or replace macro near_start_lo(froms, i) as
    cast(least(cast(froms as date[])[i], near_month_start(cast(froms as date[])[i])) as timestamp)
