-- How many active admins there are besides $except_user_id (NULL: all of them).
SELECT count(*) AS admins
FROM users
WHERE role = 'admin' AND active AND user_id IS DISTINCT FROM $except_user_id
