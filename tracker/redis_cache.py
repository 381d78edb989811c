"""Django's Redis cache, with one client object per connection pool instead of one a call,
and a request counted and entries read in a single round trip.

Django builds a new `redis.Redis` for every cache operation, about a quarter of a
millisecond here; a cached page costs a few operations (the data's generation, the page,
the API's throttle), so that was most of its time. A client is safe to share over its
pool, so one serves every call of the process.
"""

import hashlib

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import NoScriptError

# KEYS[1] is a request counter, ARGV[1] its window in milliseconds. The window opens with
# the first request counted (its expiry is set then, or again should the counter have
# lost it); the counter is an integer, as Django's serializer keeps integers, so
# cache.get() reads it too.
COUNT = """
local count = redis.call('INCR', KEYS[1])
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
return {count, left}
"""


# Redis names a script by the SHA-1 of its text.
COUNT_SHA = hashlib.sha1(COUNT.encode(), usedforsecurity=False).hexdigest()


class SharedClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def count_and_read(self, counter, window_ms, keys):
        """The script's count, and the entries `keys` read beside it by MGET, pipelined:
        one round trip. Not read by the script: copying a cached API answer (100 KB) in
        and out of Lua cost Redis three times the CPU of reading it (bench/README.md)."""
        client = self.get_client(counter, write=True)
        try:
            (count, left), found = _count_and_read(client, counter, window_ms, keys)
        except NoScriptError:
            # The server does not know the script yet (a new server, SCRIPT FLUSH): the
            # request was not counted.
            client.script_load(COUNT)
            (count, left), found = _count_and_read(client, counter, window_ms, keys)
        return count, left, [None if raw is None else self._serializer.loads(raw) for raw in found]


def _count_and_read(client, counter, window_ms, keys) -> tuple[list, list]:
    pipe = client.pipeline(transaction=False)
    pipe.evalsha(COUNT_SHA, 1, counter, window_ms)
    if keys:
        pipe.mget(keys)
    counted, *read = pipe.execute()
    return counted, read[0] if read else []


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
