"""Protocol rules (PROTOCOL.md) as data and named functions."""
