-- Decides one purchase atomically. Nothing is written unless every check passes; on success the
-- stock, the buyer's count, the idempotency key, the order status and the outbox entry all change
-- in this one step, so stock can never be taken without an order to show for it.
--
-- KEYS: 1 sale hash, 2 stock, 3 buyers hash, 4 outbox stream, 5 new order hash, 6 idempotency key
-- ARGV: 1 user id, 2 quantity, 3 new order id, 4 '1' if an idempotency key was given,
--       5 idempotency TTL (s), 6 order status TTL (s), 7 sale id, 8 W3C traceparent of the request or '',
--       9 the stock events channel
-- Returns {outcome, order id or '', stock left or ''}.
-- An accept that takes the last unit publishes '<sale id>:0' on the stock events channel in the same
-- step, so every replica's sold-out flag is set before anyone else is sold out by Redis.
-- The outbox entry carries the payment deadline (placedAt + the sale's payment window); a sale warmed
-- before sales had a window has none, and the order consumer applies its default.

if redis.call('EXISTS', KEYS[1]) == 0 then
    return {'UNKNOWN_SALE', '', ''}
end
local sale = redis.call('HMGET', KEYS[1], 'startAt', 'endAt', 'perUserLimit', 'state', 'price', 'paymentWindowMillis')
if sale[4] ~= 'OPEN' then
    return {'CLOSED', '', ''}
end

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
if now < tonumber(sale[1]) then
    return {'NOT_STARTED', '', ''}
end
if now >= tonumber(sale[2]) then
    return {'ENDED', '', ''}
end

if ARGV[4] == '1' then
    local earlier = redis.call('GET', KEYS[6])
    if earlier then
        return {'DUPLICATE', earlier, ''}
    end
end

local user = ARGV[1]
local quantity = tonumber(ARGV[2])
local bought = tonumber(redis.call('HGET', KEYS[3], user) or '0')
if bought + quantity > tonumber(sale[3]) then
    return {'LIMIT_REACHED', '', ''}
end

local stock = tonumber(redis.call('GET', KEYS[2]) or '0')
if stock < quantity then
    return {'NO_STOCK', '', tostring(stock)}
end

redis.call('DECRBY', KEYS[2], quantity)
redis.call('HINCRBY', KEYS[3], user, quantity)
if ARGV[4] == '1' then
    redis.call('SET', KEYS[6], ARGV[3], 'EX', ARGV[5])
end
redis.call('HSET', KEYS[5], 'status', 'PENDING', 'userId', user, 'quantity', ARGV[2])
redis.call('EXPIRE', KEYS[5], ARGV[6])
local entry = {'orderId', ARGV[3], 'saleId', ARGV[7], 'userId', user, 'quantity', ARGV[2],
    'unitPrice', sale[5], 'placedAt', tostring(now)}
if sale[6] then
    table.insert(entry, 'payBy')
    table.insert(entry, tostring(now + tonumber(sale[6])))
end
if ARGV[8] ~= nil and ARGV[8] ~= '' then
    table.insert(entry, 'traceparent')
    table.insert(entry, ARGV[8])
end
redis.call('XADD', KEYS[4], '*', unpack(entry))
if stock == quantity then
    redis.call('PUBLISH', ARGV[9], ARGV[7] .. ':0')
end
return {'ACCEPTED', ARGV[3], tostring(stock - quantity)}
