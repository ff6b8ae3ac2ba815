"""Planning: bundle → optimisation model (HiGHS) → plan; greedy baseline; training."""
