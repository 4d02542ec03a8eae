"""Complaint records: one row per complaint from a complaint site, ingested into a month × platform × category store."""
