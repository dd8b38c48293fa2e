"""dyadwatch.report"""
