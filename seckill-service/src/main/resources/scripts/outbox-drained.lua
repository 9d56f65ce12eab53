-- Whether a sale can take no more orders and the relay has nothing left of it: the test for leaving
-- the set of active sales. Runs in the sale's slot on Redis' own clock, the one purchase.lua judges
-- the window by, so the clocks of seckill-service instances play no part.
-- A sale takes no more orders once it is not OPEN (closed, or its definition is gone: purchase.lua
-- then answers UNKNOWN_SALE) or Redis' time is past its end by the grace period, which absorbs a
-- Redis failover to a node whose clock is behind. An entry counts until the relay deleted it, which
-- it does only after Kafka acknowledged it; entries pending in any consumer group count as well, in
-- case one was deleted but not acknowledged.
--
-- KEYS: 1 sale hash, 2 outbox stream
-- ARGV: 1 grace after the end (ms)
-- Returns 1 when drained, 0 otherwise.

local sale = redis.call('HMGET', KEYS[1], 'state', 'endAt')
if sale[1] == 'OPEN' then
    local time = redis.call('TIME')
    local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
    if now < tonumber(sale[2]) + tonumber(ARGV[1]) then
        return 0
    end
end
if redis.call('EXISTS', KEYS[2]) == 0 then
    return 1
end
if redis.call('XLEN', KEYS[2]) > 0 then
    return 0
end
local groups = redis.call('XINFO', 'GROUPS', KEYS[2])
for _, group in ipairs(groups) do
    -- XINFO answers each group as a flat list of field names and values.
    for i = 1, #group, 2 do
        if group[i] == 'pending' and group[i + 1] > 0 then
            return 0
        end
    end
end
return 1
