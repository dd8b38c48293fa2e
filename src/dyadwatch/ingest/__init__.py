"""dyadwatch.ingest"""
