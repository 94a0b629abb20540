"""The data model: plain pandas, no Qt. Views only show what is computed here."""
