# Two commands on a fresh machine:  `make site` (build the briefing)  and  `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: site pdf deploy serve test extract render schema bench eval clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

site: $(STAMP)             ## extract seeds/ -> facts/, render docs/, build site/, then its PDFs (site/pdf/)
	$(BIN)/briefing build
	$(BIN)/briefing pdf

pdf: $(STAMP)              ## (re)print site/ to site/pdf/dossier.pdf + one PDF per article (ENGINE=chromium optional)
	$(BIN)/briefing pdf --engine $(or $(ENGINE),weasyprint)

deploy: site               ## publish to the gh-pages branch (mkdocs gh-deploy --force; PDFs ride along from docs/pdf/)
	$(BIN)/python -m mkdocs gh-deploy --force

serve: site                ## serve the site at http://127.0.0.1:8000/
	$(BIN)/briefing serve

NODE_STAMP := node_modules/.package-lock.json
$(NODE_STAMP): package.json package-lock.json   # axe-core for the browser tests (npm registry)
	npm ci --no-audit --no-fund --loglevel=error

test: $(STAMP) $(NODE_STAMP)  ## the whole test suite (real spaCy model, mkdocs, Chromium, axe-core, PDF)
	$(BIN)/python -m pytest -q

extract: $(STAMP)
	$(BIN)/briefing extract seeds/* --out facts

render: $(STAMP)
	$(BIN)/briefing render

schema: $(STAMP)           ## JSON Schema of every fact file into schema/
	$(BIN)/briefing schema --out schema

bench: $(STAMP)            ## per-stage time, CPU, memory, site size (SIZES=50,100,200,400,1000 for the full table)
	$(BIN)/python scripts/bench.py --sizes $(or $(SIZES),50,100,200)

eval: $(STAMP)             ## extraction quality on tests/gold/: score.py SUMMARY + every miss, extra, wrong speaker
	$(BIN)/python scripts/eval.py

clean:
	rm -rf site .pytest_cache tests/artifacts
