-- vietnamadminunits (SQLite): the 34 provinces and centrally-run cities after 1/7/2025, in code order.
SELECT DISTINCT provinceCode, provinceShort, province, provinceKey, provinceAlias
FROM admin_units ORDER BY provinceCode
