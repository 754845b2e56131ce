"""Django's Redis cache, with one client object per connection pool instead of one per call.

Django builds a new ``redis.Redis`` for every cache call; its constructor alone costs about as
much as the Redis round trip itself, and a page-cache hit is little more than that round trip.
A client is safe to share between threads (the pool hands out the connections).
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient

    def get_int(self, key, default=None):
        """An integer stored by set()/incr(), read straight from Redis.

        The page cache reads its content version on every request; Django's generic get()
        (key validation, the serializer) costs about half again the round trip itself.
        Integers are stored as plain numbers by Django's Redis serializer, so no unpickling.
        """
        made = self.make_key(key)
        value = self._cache.get_client(made).get(made)
        if value is None:
            return default
        try:
            return int(value)
        except ValueError:  # not one of ours: let Django's reader make sense of it
            return self.get(key, default)
