"""Table models and the words and columns they show."""
