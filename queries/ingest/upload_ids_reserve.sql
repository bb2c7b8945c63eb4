-- Move the upload id sequence on by $n, so that uploads made from now on get ids above the $n reserved for the
-- demo's files (the staged first start loads them later under those ids); returns the last id handed out.
SELECT max(nextval('seq_upload_id')) FROM range($n)
