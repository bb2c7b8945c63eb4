-- Timestamps are stored in UTC whatever the server's time zone, for every cursor of the database.
SET GLOBAL TimeZone = 'UTC'
