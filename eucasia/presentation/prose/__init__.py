"""What a chapter's prose cites and claims: the facts it glues (facts.py), each with the table
cell that shows the same quantity (glued.py), and the checks of its qualitative claims
(claims.py). It sits on top: it may read any other room, and none reads it.
"""
