UPDATE reference SET documentCount = 9223372036854775807;
