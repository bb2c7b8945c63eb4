-- Unit $id's new name and short name.
UPDATE units SET name = $name, short_name = $short WHERE unit_id = $id
