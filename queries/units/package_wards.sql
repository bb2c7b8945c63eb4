-- vietnamadminunits (SQLite): the communes and wards of province $province_code after 1/7/2025.
SELECT province, ward, wardShort, wardType, wardCode, provinceKey, wardKey
FROM admin_units WHERE provinceCode = $province_code ORDER BY wardCode
