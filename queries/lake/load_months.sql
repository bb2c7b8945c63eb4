-- The months (or any periods) the lake's counts are asked for: [month_from, month_to], as lake_months.
create or replace table lake_months as
select unnest(cast($froms as date[])) as month_from, unnest(cast($tos as date[])) as month_to
