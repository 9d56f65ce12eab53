-- Sets a sale's stock counter and buyers' counts when Redis has none, e.g. a new sale or a Redis
-- that lost its data. Never touches a counter that exists: live counts are always the truth.
--
-- KEYS: 1 stock, 2 buyers hash
-- ARGV: 1 units left, then pairs of user id and units already bought
-- Returns 1 when it restored, 0 when the stock counter was already there.

if redis.call('EXISTS', KEYS[1]) == 1 then
    return 0
end
redis.call('SET', KEYS[1], ARGV[1])
for i = 2, #ARGV, 2 do
    redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
end
return 1
