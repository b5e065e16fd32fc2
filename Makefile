.PHONY: run test lint format bench
run:
	./portal up
test:
	./portal test
lint:
	./portal lint
format:
	.venv/bin/ruff format . && .venv/bin/ruff check --fix .
bench:
	.venv/bin/python bench/provision.py
