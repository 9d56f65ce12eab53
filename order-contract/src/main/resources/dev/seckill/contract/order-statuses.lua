-- KEYS: order hashes, all of one sale. Returns each one's status, '' for none, in the order of the keys.
local statuses = {}
for i, key in ipairs(KEYS) do
  statuses[i] = redis.call('HGET', key, 'status') or ''
end
return statuses
