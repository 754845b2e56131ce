PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DJANGO_DEBUG ?= 1

.PHONY: run test install install-dev lint check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo
	@echo "HypoGal is starting at http://127.0.0.1:8000/"
	@echo "To write and publish, create an admin account in another terminal:"
	@echo "    $(BIN)/python manage.py createsuperuser"
	@echo "then log in at http://127.0.0.1:8000/admin/"
	@echo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install-dev
	$(BIN)/python -m pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "No tests were collected."; exit 0; fi; exit $$status

lint: install-dev
	$(BIN)/ruff check .

check: install-dev
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
