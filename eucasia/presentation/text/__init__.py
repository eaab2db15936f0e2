"""How a value is written for a reader: the one rounding (numbers.py), money in the house style
(money.py), a cell's text with the value behind it (shown.py), MyST escaping (escaping.py), and
free text from the data made fit to read (readertext.py: dashes, money, citations), and the
words a corrected value changed between editions (wordchanges.py).

The ground floor of the presentation layer beside the figure kit: it imports no other room.
"""
