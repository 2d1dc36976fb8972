UPDATE artifact SET version = 99 WHERE kind = 'probes';
