-- score_volume(weight, volume, min_volume, value): the volume (denominator) a component brings to the score's
-- volume, 0 when it does not count (score_component).
create or replace macro score_volume(weight, volume, min_volume, value) as
    case when score_component(weight, volume, min_volume, value) is not null then volume else 0 end
