-- band_of(score, band_names, band_mins, lowest_band): the band of a discipline score (METRICS.md section 6): the
-- first of the setting's bands, best first, whose minimum the score reaches, else the lowest band; 'chưa đủ số
-- liệu' without a score. Every ranking names its units' bands through it.
create or replace macro band_of(score, band_names, band_mins, lowest_band) as
    case
        when score is null then 'chưa đủ số liệu'
        else coalesce(
            (cast(band_names as varchar[]))[
                list_position(list_transform(cast(band_mins as double[]), lambda m: score >= m), true)
            ],
            lowest_band
        )
    end
