-- Marks a paid order PAID in its status hash, which shoppers poll. Called after the payment committed
-- in the database, which is the truth; only an existing hash is changed: one that expired is not
-- brought back as a bare status (the order lookup then answers from the database), and its lifetime
-- is left as the purchase and the consumer set it.
-- KEYS[1]: the order hash. Returns 1 if it marked the order, 0 without a hash.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], 'status', 'PAID')
return 1
