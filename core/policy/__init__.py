"""Reorder policy: lead-time demand, safety stock, reorder points, order quantities, the exact (s, S)."""
