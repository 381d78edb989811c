"""Fields of the API's serializers beyond DRF's own."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import ProhibitNullCharactersValidator
from rest_framework import serializers


class SlugLookupField(serializers.SlugRelatedField):
    """A related record named by its slug. A value with a NUL character is refused before
    it is looked up, as DRF's text fields refuse it: no slug holds one, and PostgreSQL
    refuses one in a query, which would end in a server error."""

    def to_internal_value(self, data):
        try:
            ProhibitNullCharactersValidator()(data)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error
        return super().to_internal_value(data)
