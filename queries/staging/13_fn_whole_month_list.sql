-- whole_month_list(froms, tos): every range [froms[i], tos[i]] is a run of whole months (the monthly trend's
-- months). A constant when the lists are bound parameters, so a query over many periods (a LATERAL join,
-- where each period's dates are columns) still plans only one of the two paths.
create or replace macro whole_month_list(froms, tos) as
    coalesce(
        len(cast(froms as date[])) = len(cast(tos as date[]))
        and list_bool_and(
            [month_cutoff(pair[1], pair[2]) is not null for pair in list_zip(cast(froms as date[]), cast(tos as date[]))]
        ),
        false
    )
