-- The snapshot of one KV namespace, read atomically with its version.
-- KEYS[1]: the namespace's entries (a hash); KEYS[2]: its metadata (a hash: version, bytes).
-- Returns { version, key1, value1, key2, value2, ... }; the version of a namespace never
-- written is 0.
local snapshot = redis.call('HGETALL', KEYS[1])
table.insert(snapshot, 1, redis.call('HGET', KEYS[2], 'version') or '0')
return snapshot
