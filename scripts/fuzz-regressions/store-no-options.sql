DELETE FROM meta WHERE key = 'options';
