"""meetplan: meeting logistics and seating for Chinese meeting offices (办会).

Layers, one way only: ``model`` (people, layouts, plans, settings) imports
nothing else of meetplan; ``roster``, ``ordering``, ``protocol``, ``fonts`` and
``render`` build on the model; ``build`` wires a whole run together; only
``cli`` knows about terminals, paths given by the user and exit codes.
"""

__version__ = "0.1.0"
