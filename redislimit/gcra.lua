-- GCRA (generic cell rate algorithm) for one budget, kept in one key: the
-- theoretical arrival time (TAT) of the next request, in microseconds of
-- the Redis server's clock. One key per call, so it runs on a cluster too.
--
-- KEYS[1]  the budget's key
-- ARGV[1]  emission interval T in microseconds (the budget's spacing)
-- ARGV[2]  tolerance in microseconds ((burst - 1) * T)
-- ARGV[3]  the longest wait the caller accepts, in microseconds; -1: any
-- ARGV[4]  0 for a take; > 0 records a pause of that many microseconds
--          (a 429's Retry-After) instead; < 0 only checks that Redis
--          answers (a probe), touching nothing
--
-- A take answers {1, wait}: a slot is reserved, go after wait
-- microseconds; or {0, wait}: the next slot is further away than the
-- caller accepts, nothing was reserved. A pause or a probe answers {1, 0}.
if tonumber(ARGV[4]) < 0 then return {1, 0} end
if redis.replicate_commands then redis.replicate_commands() end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then tat = now end
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local pause = tonumber(ARGV[4])
local function store(v)
  redis.call('SET', KEYS[1], string.format('%.0f', v), 'PX',
    math.ceil((v - now) / 1000) + 1000)
end
if pause > 0 then
  -- Nobody may go before now + pause: the next slot is then at the
  -- earliest, and slots already handed out stay handed out.
  local paused = now + pause + tolerance
  if paused > tat then store(paused) end
  return {1, 0}
end
local wait = tat - tolerance - now
if wait < 0 then wait = 0 end
local maxwait = tonumber(ARGV[3])
if maxwait >= 0 and wait > maxwait then
  return {0, wait}
end
store(tat + interval)
return {1, wait}
