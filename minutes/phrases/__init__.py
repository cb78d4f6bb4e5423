"""Phrases: readers of one line or sentence (people, attendance, meeting fields, resolutions in prose, reports)."""
