"""Small helpers every layer may use: the output folder's replacement, the
meeting's lock. Nothing here knows about meetings, plans or documents."""
