"""Meeting materials: checks on the documents placed on the rostrum and the desks."""
