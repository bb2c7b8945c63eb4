-- near_month_list(froms, tos): one or two periods [froms[i], tos[i]] (near_item's limit), each with a near_month_run
-- (a constant when the lists are bound parameters, like whole_month_list).
create or replace macro near_month_list(froms, tos) as
    coalesce(
        len(cast(froms as date[])) = len(cast(tos as date[]))
        and len(cast(froms as date[])) between 1 and 2
        and near_month_ok(cast(froms as date[])[1], cast(tos as date[])[1])
        and (len(cast(froms as date[])) = 1
            or near_month_ok(cast(froms as date[])[2], cast(tos as date[])[2])),
        false
    )
