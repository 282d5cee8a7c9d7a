# Two commands on a fresh machine:  `make site` (build the briefing)  and  `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test extract render schema bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

site: $(STAMP)             ## extract seeds/ -> facts/, render docs/, build site/
	$(BIN)/briefing build

serve: site                ## serve the site at http://127.0.0.1:8000/
	$(BIN)/briefing serve

test: $(STAMP)             ## the whole test suite (real spaCy model, mkdocs, Chromium, PDF)
	$(BIN)/python -m pytest -q

extract: $(STAMP)
	$(BIN)/briefing extract seeds/* --out facts

render: $(STAMP)
	$(BIN)/briefing render

schema: $(STAMP)           ## JSON Schema of every fact file into schema/
	$(BIN)/briefing schema --out schema

bench: $(STAMP)            ## extraction vs bare spaCy, render and mkdocs timings
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site .pytest_cache tests/artifacts
