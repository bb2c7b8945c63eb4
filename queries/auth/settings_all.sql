-- Every stored setting (JSON values); keys not stored have their defaults.
SELECT key, value FROM app_settings
