-- Reads whose an order is and where it stands, for an order not in the database yet (on its way
-- there, or dead-lettered): its status and its shopper as the purchase wrote them.
-- KEYS[1]: the order hash. Returns {status, userId}, an empty list without a hash.
local order = redis.call('HMGET', KEYS[1], 'status', 'userId')
if not order[1] then
  return {}
end
return order
