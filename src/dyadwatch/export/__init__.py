"""dyadwatch.export"""
