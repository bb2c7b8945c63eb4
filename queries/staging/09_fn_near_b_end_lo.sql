create or replace macro near_end_lo(tos, i) as
    cast(least(cast(tos as date[])[i], near_month_end(cast(tos as date[])[i])) + 1 as timestamp)
