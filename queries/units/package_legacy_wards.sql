-- vietnamadminunits (SQLite): the districts and communes before 1/7/2025 of the former provinces whose keys
-- $province_keys lists (a JSON array).
SELECT provinceCode, provinceKey, district, districtShort, districtType, districtCode, districtKey,
    ward, wardShort, wardType, wardCode, wardKey
FROM admin_units_legacy WHERE provinceKey IN (SELECT value FROM json_each($province_keys))
ORDER BY districtCode, wardCode
