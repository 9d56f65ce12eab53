-- Gives an order's units back to its sale: the stock counter and the buyer's count towards the
-- per-user limit, in one atomic step together with the order's status change, and only once.
--
-- The units go back only when the status hash moves from one of the given statuses to the final
-- one. purchase.lua writes the hash in the same step that takes the stock and counts the buyer,
-- and a final status is never left again, so the transition gives them back exactly once, however
-- often it is retried or raced by other replicas. Shopper and units come from the hash, i.e. from
-- what purchase.lua took, never from the caller. Without a hash (expired after its TTL, or Redis
-- lost it) nobody can tell whether stock was taken or already restored from the database, so
-- nothing is given back; reconciliation reports and repairs such a sale. All keys carry the sale's
-- hash tag, so this is valid on Redis Cluster. The stock left is published as a StockEvent in the
-- same step, so every replica that flagged the sale sold out sells the unit again at once.
-- KEYS: order hash, stock, buyers. ARGV: status TTL millis, stock events channel, sale id, final
-- status, statuses it may come from.
-- Returns the status found ('ABSENT' without a hash).
local order = redis.call('HMGET', KEYS[1], 'status', 'userId', 'quantity')
local releasable = false
for i = 5, #ARGV do
  if order[1] == ARGV[i] then
    releasable = true
  end
end
if not releasable then
  return order[1] or 'ABSENT'
end
redis.call('HSET', KEYS[1], 'status', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
local left = redis.call('INCRBY', KEYS[2], order[3])
if redis.call('HINCRBY', KEYS[3], order[2], -tonumber(order[3])) <= 0 then
  redis.call('HDEL', KEYS[3], order[2])
end
redis.call('PUBLISH', ARGV[2], ARGV[3] .. ':' .. left)
return order[1]
