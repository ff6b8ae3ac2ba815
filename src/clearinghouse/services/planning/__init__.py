"""Planning use cases: plan runs, approval, producer capacity already booked."""
