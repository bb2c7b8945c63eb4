-- ratio(num, den): num / den as a fraction, NULL when the denominator is zero or missing (a rate with a
-- zero denominator is empty, never 0 % and never 100 %).
create or replace macro ratio(num, den) as
    case when den > 0 then cast(num as double) / den end
