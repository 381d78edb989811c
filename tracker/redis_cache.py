"""Django's Redis cache, with one client object per connection pool instead of one a call,
and one script that counts a request and reads entries in a single round trip.

Django builds a new `redis.Redis` for every cache operation, about a quarter of a
millisecond here; a cached page costs a few operations (the data's generation, the page,
the API's throttle), so that was most of its time. A client is safe to share over its
pool, so one serves every call of the process.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

# KEYS[1] is a request counter, ARGV[1] its window in milliseconds; KEYS[2], ... are
# entries to read. The window opens with the first request counted (its expiry is set
# then, or again should the counter have lost it); the counter is an integer, as Django's
# serializer keeps integers, so cache.get() reads it too.
COUNT_AND_READ = """
local count = redis.call('INCR', KEYS[1])
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
local answer = {count, left}
for i = 2, #KEYS do
  answer[i + 1] = redis.call('GET', KEYS[i])
end
return answer
"""


class SharedClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._scripts = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def count_and_read(self, counter, window_ms, keys):
        client = self.get_client(counter, write=True)
        script = self._scripts.get(id(client))
        if script is None:
            # EVALSHA, and the script loaded once should the server not know it yet.
            script = self._scripts[id(client)] = client.register_script(COUNT_AND_READ)
        count, left, *found = script(keys=[counter, *keys], args=[window_ms])
        return count, left, [None if raw is None else self._serializer.loads(raw) for raw in found]


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClient

    def count_and_read(
        self, counter: str, window: int, keys: list[str] = ()
    ) -> tuple[int, float, dict]:
        """One request counted against `counter`, whose window of `window` seconds opens
        with the first request it counts, and the entries `keys` read, in one round trip:
        the count so far, the seconds left in the window, and the entries found."""
        full_keys = [self.make_and_validate_key(key) for key in keys]
        count, left_ms, found = self._cache.count_and_read(
            self.make_and_validate_key(counter), window * 1000, full_keys
        )
        values = {key: value for key, value in zip(keys, found, strict=True) if value is not None}
        return count, left_ms / 1000, values
