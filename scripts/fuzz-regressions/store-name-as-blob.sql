UPDATE reference SET name = CAST(name AS BLOB);
