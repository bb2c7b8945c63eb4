-- How many uploads the manifest lists (oversight.lake.export): every upload of the database.
select count(*) from uploads
