"""The REST API: a FastAPI app whose thin routes call the services."""
