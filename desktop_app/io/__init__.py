"""Reading and validating data files. No Qt here."""
