create or replace macro near_start_end(froms, i) as
    cast(greatest(cast(froms as date[])[i], near_month_start(cast(froms as date[])[i])) as timestamp)
