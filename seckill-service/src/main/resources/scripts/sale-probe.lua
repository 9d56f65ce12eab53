-- What the scheduled reconciliation reads of a sale every round: only commands whose cost does not
-- grow with the sale's orders, in one step so the values belong together.
-- The outbox's last-generated-id survives the relay deleting the entries: it is the Redis time of the
-- last accepted purchase, and it changes with every accept.
--
-- KEYS: 1 stock, 2 buyers hash, 3 outbox stream
-- Returns {stock or '', buyers counted (HLEN), entries in the outbox (XLEN), last outbox id or ''}.

local last = ''
if redis.call('EXISTS', KEYS[3]) == 1 then
    local info = redis.call('XINFO', 'STREAM', KEYS[3])
    for i = 1, #info, 2 do
        if info[i] == 'last-generated-id' then
            last = info[i + 1]
        end
    end
end
return {redis.call('GET', KEYS[1]) or '', redis.call('HLEN', KEYS[2]), redis.call('XLEN', KEYS[3]), last}
