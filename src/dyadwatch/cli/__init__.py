"""dyadwatch.cli"""
