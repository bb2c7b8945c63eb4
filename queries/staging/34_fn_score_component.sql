-- score_component(weight, volume, min_volume, value): a component of the discipline score (METRICS.md section 6)
-- counts only when its weight is positive and its denominator (volume) reaches min_volume: then its value, else
-- NULL (also when the value is). score_weight / score_volume say what a counting component brings to the
-- weighted mean.
create or replace macro score_component(weight, volume, min_volume, value) as
    case when weight > 0 and volume >= min_volume then value end
