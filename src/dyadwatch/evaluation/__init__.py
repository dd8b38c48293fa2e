"""dyadwatch.evaluation"""
