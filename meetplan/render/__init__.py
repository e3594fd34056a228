"""Documents. Each renderer takes a plan (and what it needs) and returns bytes;
the caller writes files, atomically, all at once."""
