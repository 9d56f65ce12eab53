-- Writes a sale's definition, except that it never takes a CLOSED sale back to another state. Closing
-- is final, but a warm (at start-up, or of a new sale) may have read the sale from MySQL just before an
-- admin closed it; writing that stale copy as it is would open the sale to purchases again.
--
-- KEYS: 1 sale hash
-- ARGV: field, value, field, value, ... (one of the fields is 'state')

local closed = redis.call('HGET', KEYS[1], 'state') == 'CLOSED'
for i = 1, #ARGV, 2 do
    if not (closed and ARGV[i] == 'state') then
        redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
    end
end
return 1
