"""Shared NLP services: the spaCy pipeline (loaded once per process) and time expressions."""
