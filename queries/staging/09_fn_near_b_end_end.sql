create or replace macro near_end_end(tos, i) as
    cast(greatest(cast(tos as date[])[i], near_month_end(cast(tos as date[])[i])) + 1 as timestamp)
