-- One draw from a token bucket, decided in Redis in one call (dev.seckill.gateway.ratelimit.SmallBuckets).
-- KEYS[1]  the bucket: a hash of tokens (may be fractional) and the microsecond they were counted at
-- ARGV[1]  capacity: tokens of a full bucket
-- ARGV[2]  period in microseconds: a full bucket refills evenly over it (Bucket4j's greedy refill)
-- Returns {1 if a token was taken else 0, whole tokens left, microseconds until the next token}.
-- Redis' own clock, so every gateway replica sees the same time.
local capacity = tonumber(ARGV[1])
local period = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
if now > at then
  tokens = math.min(capacity, tokens + (now - at) * capacity / period)
end
local taken = 0
if tokens >= 1 then
  tokens = tokens - 1
  taken = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
-- Kept until it would be full again; a full bucket is the same as none.
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) * period / capacity / 1000) + 1)
local wait = 0
if taken == 0 then
  wait = math.ceil((1 - tokens) * period / capacity)
end
return {taken, math.floor(tokens), wait}
