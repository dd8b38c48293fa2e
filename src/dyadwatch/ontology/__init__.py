"""Ontology and dictionaries shipped as package data (see data/PROVENANCE.md)."""
