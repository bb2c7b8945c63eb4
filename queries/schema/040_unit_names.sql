-- 040: a unit's former names. A renamed unit keeps one identity (unit_id); units.name is its current
-- name and each former name is kept here with the days it was in use, so figures "as reported" show the
-- name the unit had in the period. The former name also stays an alias, so old exports still match.
CREATE TABLE unit_names (
    unit_id    INTEGER NOT NULL,
    name       VARCHAR NOT NULL,
    short_name VARCHAR NOT NULL,
    valid_from DATE,                    -- NULL: since before any data
    valid_to   DATE NOT NULL,           -- the last day the name was used
    renamed_by VARCHAR NOT NULL,
    renamed_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (unit_id, valid_to)
);
