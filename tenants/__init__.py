"""Tenants (Community Safety Partnerships), regions, and the isolation between tenants' stores."""
