-- Sets a sale's stock counter and buyers' counts from what the database says was sold.
-- Mode 'missing' (warming): only when Redis has no stock counter, e.g. a new sale or a Redis that lost
-- its data; a counter that exists is live and always the truth.
-- Mode 'repair' (reconciliation of a quiescent sale): overwrites the counters, but only if nothing
-- happened since the repair was computed: the stock counter still holds what was read then ('' for
-- none) and the outbox is empty, so a purchase accepted in between is never overwritten.
--
-- Setting the counter publishes '<sale id>:<units left>' on the stock events channel in the same step,
-- so replicas drop (or set) their sold-out flags at once.
--
-- KEYS: 1 stock, 2 buyers hash, 3 outbox stream
-- ARGV: 1 mode, 2 stock counter read before ('repair' only), 3 units left, 4 stock events channel, 5 sale id,
--       then pairs of user id and units bought
-- Returns 1 when it set the counters, 0 when it left them.

if ARGV[1] == 'missing' then
    if redis.call('EXISTS', KEYS[1]) == 1 then
        return 0
    end
else
    if (redis.call('GET', KEYS[1]) or '') ~= ARGV[2] or redis.call('XLEN', KEYS[3]) > 0 then
        return 0
    end
    redis.call('DEL', KEYS[2])
end
redis.call('SET', KEYS[1], ARGV[3])
for i = 6, #ARGV, 2 do
    redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
end
redis.call('PUBLISH', ARGV[4], ARGV[5] .. ':' .. ARGV[3])
return 1
