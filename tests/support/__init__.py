"""Code the tests (and the benchmarks) use as the definition of a right answer; not shipped."""
