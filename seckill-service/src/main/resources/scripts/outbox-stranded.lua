-- Deletes outbox entries the relays' group has already acknowledged but that are still in the stream:
-- a relay that acknowledged and deleted in two commands and was cut off between them (releases before
-- outbox-ack.lua), or a failover. They were sent to Kafka, yet they keep the sale from draining and
-- count as orders waiting. Every command names only the outbox, so this runs in the sale's slot on
-- Redis Cluster, and the whole check is one atomic step: no relay reads or acknowledges in between.
--
-- An entry is acknowledged when the group delivered it (its id is at most the group's
-- last-delivered-id) and it is no longer pending. An entry above that id was never read and stays;
-- a pending one is on its way to Kafka and stays. The cost is bounded by the count, not by the
-- stream: one XRANGE and one XPENDING page of at most that many from the start of the stream.
--
-- KEYS: 1 outbox stream
-- ARGV: 1 consumer group, 2 most entries to look at
-- Returns the number of entries deleted.

if redis.call('EXISTS', KEYS[1]) == 0 then
    return 0
end
local delivered
for _, group in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
    -- XINFO answers each group as a flat list of field names and values.
    local fields = {}
    for i = 1, #group, 2 do
        fields[group[i]] = group[i + 1]
    end
    if fields['name'] == ARGV[1] then
        delivered = fields['last-delivered-id']
    end
end
if delivered == nil then
    return 0
end
local count = tonumber(ARGV[2])
local entries = redis.call('XRANGE', KEYS[1], '-', delivered, 'COUNT', count)
if #entries == 0 then
    return 0
end
local first = entries[1][1]
local pending = redis.call('XPENDING', KEYS[1], ARGV[1], first, entries[#entries][1], count)
if #pending == count then
    -- A full page may end short of the last entry (pending ids whose entries were deleted fill it):
    -- only entries up to its last id are known not to be pending.
    entries = redis.call('XRANGE', KEYS[1], first, pending[count][1], 'COUNT', count)
end
local held = {}
for _, entry in ipairs(pending) do
    held[entry[1]] = true
end
local acknowledged = {}
for _, entry in ipairs(entries) do
    if not held[entry[1]] then
        acknowledged[#acknowledged + 1] = entry[1]
    end
end
if #acknowledged == 0 then
    return 0
end
return redis.call('XDEL', KEYS[1], unpack(acknowledged))
