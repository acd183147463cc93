-- Applies the changes of one run to one KV namespace, all or nothing.
-- KEYS[1]: the namespace's entries (a hash); KEYS[2]: its metadata (a hash: version, bytes).
-- ARGV[1]: the version the changes were computed from, or '' to apply them whatever the
--          version (last writer wins, key by key);
-- ARGV[2]: the most entries allowed; ARGV[3]: the most bytes allowed (keys and values);
-- ARGV[4]: n, the number of keys set; ARGV[5 .. 4 + 2n]: key, value, key, value, ...;
-- ARGV[5 + 2n ..]: the keys removed.
-- Returns { 1, new version } when applied, { 0, current version } when the namespace is no
-- longer at ARGV[1], { -1, entries } or { -2, bytes } when the result would pass the entry
-- or byte limit (and hold more than now); nothing is changed unless the first element is 1.
-- The work is proportional to the number of keys changed: the entry count is HLEN and the
-- byte count is kept in the metadata, counted once from the entries if it is missing.
local version = tonumber(redis.call('HGET', KEYS[2], 'version') or '0')
if ARGV[1] ~= '' and tonumber(ARGV[1]) ~= version then
  return { 0, version }
end
local bytes = redis.call('HGET', KEYS[2], 'bytes')
if bytes then
  bytes = tonumber(bytes)
else
  bytes = 0
  local all = redis.call('HGETALL', KEYS[1])
  for i = 1, #all do
    bytes = bytes + #all[i]
  end
end
local entries = redis.call('HLEN', KEYS[1])
local nextEntries, nextBytes = entries, bytes
local lastSet = 4 + 2 * tonumber(ARGV[4])
for i = 5, lastSet, 2 do
  local old = redis.call('HGET', KEYS[1], ARGV[i])
  if old then
    nextBytes = nextBytes - #ARGV[i] - #old
  else
    nextEntries = nextEntries + 1
  end
  nextBytes = nextBytes + #ARGV[i] + #ARGV[i + 1]
end
for i = lastSet + 1, #ARGV do
  local old = redis.call('HGET', KEYS[1], ARGV[i])
  if old then
    nextEntries = nextEntries - 1
    nextBytes = nextBytes - #ARGV[i] - #old
  end
end
if nextEntries > tonumber(ARGV[2]) and nextEntries > entries then
  return { -1, nextEntries }
end
if nextBytes > tonumber(ARGV[3]) and nextBytes > bytes then
  return { -2, nextBytes }
end
for i = 5, lastSet, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
for i = lastSet + 1, #ARGV do
  redis.call('HDEL', KEYS[1], ARGV[i])
end
redis.call('HSET', KEYS[2], 'version', version + 1, 'bytes', nextBytes)
return { 1, version + 1 }
