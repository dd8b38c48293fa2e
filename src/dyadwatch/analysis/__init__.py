"""dyadwatch.analysis"""
