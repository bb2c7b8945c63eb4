-- An empty lake_unit_lineage (a province without lineage rows): the columns lake/unit_today.sql reads.
create or replace table lake_unit_lineage (
    province VARCHAR, from_unit_id INTEGER, to_unit_id INTEGER, effective DATE, is_default BOOLEAN, is_split BOOLEAN
)
