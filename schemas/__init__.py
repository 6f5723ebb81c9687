"""marshmallow schemas: they validate seed files, request bodies and query strings, dump responses, and
generate the OpenAPI document."""
