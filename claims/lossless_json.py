"""Django's JSON serialisation, keeping date-times to the microsecond.

Django's encoder cuts date-times to milliseconds; a backup restored from it would not
be the data it was taken from (and the change feed orders by those times). Registered
as the "json" format in settings, so `dumpdata`, `loaddata` and the backup use it.
"""

import datetime

from django.core.serializers.json import (
    Deserializer,  # noqa: F401  (the format's reader)
    DjangoJSONEncoder,
)
from django.core.serializers.json import Serializer as DjangoSerializer


class LosslessEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(DjangoSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = LosslessEncoder
