-- Every upload's id: after a whole export (`python -m oversight lake --out DIR`) all are in the folder.
select upload_id from uploads order by upload_id
