PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DJANGO_DEBUG ?= 1

.PHONY: run serve bench test install install-dev e2e-tools lint check clean

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
	@echo "    DJANGO_DEBUG=1 $(BIN)/python manage.py createsuperuser"
	@echo "then log in at http://127.0.0.1:8000/admin/"
	@echo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# Production-like, locally: gunicorn, DEBUG off, hashed static files through whitenoise. Plain
# HTTP on localhost, so the HTTPS-only cookie and redirect settings are relaxed for it alone.
SERVE_ENV = DJANGO_DEBUG=0 DJANGO_SECRET_KEY="$$(cat .secret_key)" HYPOGAL_SERVE_MEDIA=1 \
	DJANGO_EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend \
	DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SESSION_COOKIE_SECURE=0 DJANGO_CSRF_COOKIE_SECURE=0 \
	DJANGO_SECURE_HSTS_SECONDS=0

.secret_key:
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

serve: install .secret_key
	$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput
	$(SERVE_ENV) $(BIN)/python manage.py load_demo
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
	@echo "HypoGal (production mode) at http://127.0.0.1:8000/"
	$(SERVE_ENV) $(BIN)/gunicorn hypogal.wsgi:application --workers 2 --bind 127.0.0.1:8000 \
		--forwarded-allow-ips 127.0.0.1

# Throughput and latency with wrk against gunicorn; writes bench/results.txt.
bench: install .secret_key
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python bench/run.py

# Browser tests (tests/e2e): Debian's Chromium plus axe-core from tests/e2e/package-lock.json.
# They run when both are there; otherwise they skip, and this says so before and after the suite.
CHROMIUM ?= /usr/bin/chromium
E2E_AXE := tests/e2e/node_modules/axe-core/axe.min.js
E2E_STATUS = if echo "$(PYTEST_ARGS)" | grep -q "ignore=tests/e2e"; then \
	  echo "Browser tests (tests/e2e): left out by PYTEST_ARGS."; \
	elif [ ! -x "$(CHROMIUM)" ]; then \
	  echo "*** Browser tests (tests/e2e) SKIPPED: no Chromium at $(CHROMIUM) (apt-get install -y chromium)."; \
	elif [ ! -f "$(E2E_AXE)" ]; then \
	  echo "*** Browser tests (tests/e2e) SKIPPED: axe-core is not installed (needs npm: make e2e-tools)."; \
	else echo "Browser tests (tests/e2e): on, with $(CHROMIUM) and axe-core."; fi

tests/e2e/node_modules/.installed: tests/e2e/package.json tests/e2e/package-lock.json
	npm ci --prefix tests/e2e --no-audit --no-fund --loglevel=error
	touch $@

# axe-core for the browser tests, when npm is there (CI installs Node.js first).
e2e-tools:
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory tests/e2e/node_modules/.installed; fi

# PYTEST_ARGS: extra pytest arguments, e.g. PYTEST_ARGS=--ignore=tests/e2e
test: install-dev e2e-tools
	@$(E2E_STATUS)
	HYPOGAL_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "No tests were collected."; status=0; fi; \
	$(E2E_STATUS); exit $$status

lint: install-dev
	$(BIN)/ruff check .

check: install-dev
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/e2e/node_modules
