"""marshmallow schemas: separate input (load) and output (dump) schemas per resource."""
