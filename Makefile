# The README's two commands: `make demo` and `make test`. Both set up everything first.
.PHONY: setup system-deps demo test lint

setup:
	@./scripts/setup.sh

system-deps:
	@./scripts/system-deps.sh

demo: setup
	.venv/bin/clearinghouse demo

lint: setup
	.venv/bin/ruff check src tests benchmarks
	.venv/bin/mypy src
	.venv/bin/lint-imports

test: lint system-deps
	.venv/bin/pytest -q
