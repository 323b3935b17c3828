"""Audiences: RFM and interest segments, lookalikes, churn risk, lifetime value, next orders."""
