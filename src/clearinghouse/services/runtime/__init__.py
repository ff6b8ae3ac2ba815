"""Runtime: the unit of work, the database, retries, jobs and the Dask cluster."""
