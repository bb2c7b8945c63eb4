-- near_months(): kind_counts may answer custom periods from their near_month_run (a switch so that tests can
-- compare it with classifying every item: CREATE OR REPLACE MACRO near_months() AS false; db.create_views(con,
-- force=True) restores it).
create or replace macro near_months() as true
