-- Acknowledges and deletes outbox entries that Kafka has confirmed, in one round trip: the relay's last
-- step for a batch. Both commands name only the outbox, so this runs in the sale's slot on Redis Cluster.
--
-- KEYS: 1 outbox stream
-- ARGV: 1 consumer group, then the entry ids
-- Returns the number of entries deleted.

redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2))
return redis.call('XDEL', KEYS[1], unpack(ARGV, 2))
