-- score_weight(weight, volume, min_volume, value): the weight a component brings to the score's weighted mean
-- (the weights are re-normalised over the counting components), 0 when it does not count (score_component).
create or replace macro score_weight(weight, volume, min_volume, value) as
    case when score_component(weight, volume, min_volume, value) is not null then weight else 0 end
