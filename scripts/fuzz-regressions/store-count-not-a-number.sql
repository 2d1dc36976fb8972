UPDATE reference SET documentCount = 'abc';
