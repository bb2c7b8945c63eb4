-- backlog_grouped(): kind_counts counts the open backlog (the items open through all the periods it is asked
-- for) per status and due day instead of classifying each item once per period. A switch so that tests can
-- compare it with classifying every item (CREATE OR REPLACE MACRO backlog_grouped() AS false; db.create_views
-- restores it).
create or replace macro backlog_grouped() as true
