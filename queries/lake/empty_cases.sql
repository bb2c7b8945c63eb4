-- An empty lake_cases (a lake with Biểu 06 aggregates but no case-level file): the columns classify_cases reads.
create or replace table lake_cases (
    province VARCHAR, upload_id INTEGER, source_row INTEGER, case_code VARCHAR, unit_id INTEGER, channel VARCHAR,
    received TIMESTAMP, due TIMESTAMP, done TIMESTAMP, returned TIMESTAMP, status_code VARCHAR
)
