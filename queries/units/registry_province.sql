-- The province the registry was seeded for: that of any of its communes after 1/7/2025.
SELECT province_code FROM units WHERE registry_key LIKE 'commune:%' AND source = 'registry' LIMIT 1
