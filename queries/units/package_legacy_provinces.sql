-- vietnamadminunits (SQLite): the 63 provinces and centrally-run cities before 1/7/2025, in code order.
SELECT DISTINCT provinceCode, provinceShort, province, provinceKey, provinceAlias
FROM admin_units_legacy ORDER BY provinceCode
