"""Django's Redis cache, with one client object per connection pool instead of one a call.

Django builds a new `redis.Redis` for every cache operation, about a quarter of a
millisecond here; a cached page costs a few operations (the data's generation, the page,
the API's throttle), so that was most of its time. A client is safe to share over its
pool, so one serves every call of the process.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


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


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClient
