"""Fact Sheets: official figures on sexual offences against children, region by region."""

__version__ = "0.1.0"
