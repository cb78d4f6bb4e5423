"""Dates: the Jalali calendar, dates and deadline phrases."""
