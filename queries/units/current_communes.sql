-- The province's communes and wards of today (unit group commune, not abolished, of $province_code): the units the
-- map's boundaries stand for, with their official code (Quyết định 19/2025/QĐ-TTg) and current name.
select unit_id, code, name
from units
where unit_group = 'commune'
    and valid_to is null
    and province_code = $province_code
order by code, unit_id
