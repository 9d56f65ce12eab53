-- Moves each order's hash to CREATED only if it is absent or PENDING: the relay may deliver an order
-- again long after payment, and a replay must not turn PAID or CANCELLED back into CREATED.
-- KEYS: order hashes, all of one sale. ARGV: ttl millis, then userId and quantity for each key in turn.
-- Returns how many it marked.
local marked = 0
for i, key in ipairs(KEYS) do
  local status = redis.call('HGET', key, 'status')
  if not status or status == 'PENDING' then
    redis.call('HSET', key, 'status', 'CREATED', 'userId', ARGV[2 * i], 'quantity', ARGV[2 * i + 1])
    redis.call('PEXPIRE', key, ARGV[1])
    marked = marked + 1
  end
end
return marked
