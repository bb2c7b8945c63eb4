-- period_list(froms, tos): the periods [froms[i], tos[i]] numbered period_no = i (1-based), for the macros that
-- answer several periods in one pass (the current and the previous period of a ranking, a trend's months).
create or replace macro period_list(froms, tos) as table
with
final as (
    select
        cast(generate_subscripts(cast(froms as date[]), 1) as integer) as period_no,
        unnest(cast(froms as date[])) as period_from,
        unnest(cast(tos as date[])) as period_to
)
select * from final
