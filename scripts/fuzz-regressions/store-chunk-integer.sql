UPDATE ngram_chunk SET data = 12345;
