"""dyadwatch.storage"""
