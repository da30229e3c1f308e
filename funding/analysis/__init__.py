"""Analysis: pure functions over the curated tables (filters, defaults, sums, comparisons, facts), on the rows
funding.dataset.select chooses.

No Streamlit and no text: every function takes frames and plain values and returns new frames or frozen
dataclasses, never mutating its input, because the dataset is shared by every session. Amounts stay
whole kronor (int64) until the one per-capita division (funding.dataset.per_capita).
"""
