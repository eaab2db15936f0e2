"""One page per actor and the actors' index, as MyST text written from the data and the actor
profiles. It sits on top beside the prose: it may read the tables, page helpers, text and
figure kit, and no other room reads it.
"""
