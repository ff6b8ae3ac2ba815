"""Training use cases: place trainees on course seats, watch mandates."""
