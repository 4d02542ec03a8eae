# trustreport: every build goes through here. `make help` lists the targets.
#
#   data/raw + params/<edition>.yml ─ check ─▶ papermill runs notebooks/NN_*.ipynb ─▶ build/<edition>/chapters
#   build/<edition>/chapters ─ stage ─▶ build/<edition>/report ─ quarto | embedded engine ─▶ site + PDF

SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# What Python knows of the project, written for make by `trustreport project-plan` (pipeline/plan.py) whenever
# trustreport.yml, an edition file or the list of languages changes: DEFAULT_EDITION, LANGUAGES, PUBLISHED_EDITIONS
# and DEMO_EDITIONS (what `make publish` publishes, and adds with DEMO=1), and for each edition name
# BUILDS_<edition> (the editions `make report` builds for it: itself and its other languages), LANGUAGE_<edition>
# and EDITION_FILE_<edition> (the params file it is read from). make remakes it, then reads it, before anything else.
PROJECT_MK := build/project.mk
ifneq ($(filter-out help clean lock,$(or $(MAKECMDGOALS),help)),)
include $(PROJECT_MK)
endif
# (params, the folder: an edition file removed leaves the others' times as they were, the folder's changes)
$(PROJECT_MK): trustreport.yml params $(wildcard params/*.yml) src/trustreport/words/languages.yml src/trustreport/pipeline/plan.py src/trustreport/params.py | $(STAMP)
	@$(PY) -m trustreport project-plan >/dev/null

# An edition name given to make reaches paths and commands, so it is checked before anything uses it, with make's
# own functions: $(value) takes it as written (a `$(shell ...)` in it is never run), then every allowed character is
# removed and nothing may be left. The one part of the edition's rules make keeps, for speed: a mirror of the pattern
# of trustreport.params.Edition.edition, which checks it again.
ifeq ($(origin EDITION),undefined)
EDITION := $(DEFAULT_EDITION)
else
override EDITION := $(value EDITION)
endif
EDITION_CHARS := a b c d e f g h i j k l m n o p q r s t u v w x y z 0 1 2 3 4 5 6 7 8 9 _ -
strip_chars = $(if $(2),$(call strip_chars,$(subst $(firstword $(2)),,$(1)),$(wordlist 2,99,$(2))),$(1))
ifneq ($(strip $(call strip_chars,$(subst $$,?,$(EDITION)),$(EDITION_CHARS)))$(word 2,$(EDITION)),)
$(error EDITION is not an edition name: "$(EDITION)" (use a-z, 0-9, '_' and '-': params/<edition>.yml))
endif
# The editions `make report` builds (an unknown name as it is: its plan then says what is wrong), only those in the
# languages given (`make report LANGUAGES=en`), and the file the edition is read from, as $(PROJECT_MK) says.
in_languages = $(if $(LANGUAGE_$(1)),$(if $(filter $(LANGUAGE_$(1)),$(LANGUAGES)),$(1)),$(1))
REPORT_EDITIONS = $(foreach e,$(or $(BUILDS_$(EDITION)),$(EDITION)),$(call in_languages,$(e)))
EDITION_FILE = $(wildcard $(EDITION_FILE_$(EDITION)))
B := build/$(EDITION)
ifneq ($(origin PKG),command line)  # given by `report` to its sub-makes, found once
PKG := $(shell find src/trustreport -type f \( -name '*.py' -o -name '*.yml' -o -path '*/templates/*' \) 2>/dev/null)
REPORT_FILES := $(shell find report -type f -not -path 'report/_book/*' -not -path 'report/.quarto/*' 2>/dev/null)
endif
JOBS ?= $(shell nproc 2>/dev/null || echo 2)  # kernels running chapters at once, and make's jobs
# counted once, not at each use (nor again in each make `report` runs)
JOBS := $(strip $(JOBS))

.PHONY: help report check test lab clean validate lock publish bench demo mutate

help: ## List the targets
	@echo "trustreport: make <target> [EDITION=<name>] [REPORT_ENGINE=quarto|embedded]"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

# The lock is installed by uv (pinned in it, installed first by pip): the same packages in a fifth of pip's time
# (measured: 17 s against 62 s, bytecode compiled by both); by pip where uv cannot be had or cannot reach the index.
# uv reads no pip configuration: an index set in PIP_INDEX_URL is passed on.
PIP = $(PY) -m pip install --quiet --disable-pip-version-check
UV = $(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) $${PIP_INDEX_URL:+--index-url "$$PIP_INDEX_URL"}
$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null || \
	  { echo "error: Python 3.11 is needed as '$(PYTHON)' (set PYTHON=/path/to/python3.11)"; exit 2; }
	@echo "Setting up $(VENV) with the locked dependencies (first run only)..."
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PIP) "$$(grep -m 1 '^uv==' requirements.lock)" 2>/dev/null && \
	  $(UV) -r requirements.lock && $(UV) --no-deps --no-build-isolation -e . || { \
	  echo "(uv could not install them: pip will, more slowly)"; \
	  $(PIP) -r requirements.lock && $(PIP) --no-deps --no-build-isolation -e .; }
	@touch $@

# The project's kernel, "trustreport", registered inside .venv (nothing outside the project is touched): the
# notebooks name it, so JupyterLab and a plain `papermill` run them with the project's packages. The kernel's
# command is the python of the .venv's real folder: where .venv is a link to another's, the kernel must not name
# the link, which may not outlive it.
KERNEL := $(VENV)/share/jupyter/kernels/trustreport/kernel.json
$(KERNEL): $(STAMP)
	@"$(realpath $(VENV))/bin/python" -m ipykernel install --sys-prefix --name trustreport \
	  --display-name "Python (trustreport)" >/dev/null

# The engine this build would use (a mirror of trustreport.render.engines.choose), kept in build/<edition>/engine.txt:
# a different engine (Quarto installed or removed, REPORT_ENGINE given) remakes the site and PDF, so an incremental
# build equals a clean one. Only the two names (or "other", which assembly then refuses) ever reach the shell.
ENGINE_NOW = $(if $(REPORT_ENGINE),$(or $(filter quarto embedded,$(REPORT_ENGINE)),other),$(if $(shell command -v quarto 2>/dev/null),quarto,embedded))

# The file lists, found once by `report` and given on the command line of every make it runs, so a build with
# nothing to do runs no `find` again.
SUB_MAKE = $(MAKE) --no-print-directory PKG='$(PKG)' REPORT_FILES='$(REPORT_FILES)' JOBS='$(JOBS)'

# `make report` builds the editions of one edition name, one in each of its languages, together, in one shell:
# 1. each edition's lock is tried and taken in one step (flock -n on the open lock file), so a build that has to wait
#    always says so (a separate probe could find the lock free a moment before the other build took it); the locks
#    are held until the build ends;
# 2. one `make -q` an edition, all at once, asks whether its plan and outputs are current (nothing else runs when
#    all are);
# 3. for the editions that are not: their plans (a bad key stops the build before anything runs), in one process;
#    then one process validates their tables (what build/<edition>/tables.ok's own recipe does, for several
#    editions at once) while it starts the kernels, and once the tables are valid runs the chapters out of date in
#    any of them, each chapter once for every language (its words made in each: chapter/each.py; one line of
#    progress a chapter); then their sites and PDFs are assembled, JOBS at once;
# 4. where each site and PDF is, read from the edition's plan.mk (SITE and PDF, as `make where` prints them).
report: $(STAMP) $(KERNEL) ## Build the edition's HTML site and PDF in each language (sets up .venv on first run)
	@mkdir -p build/.locks
	@fd=8; \
	for e in $(REPORT_EDITIONS); do \
	  eval "exec $$fd>>build/.locks/$$e" || exit $$?; \
	  flock -n $$fd || { echo "Waiting for another build of edition $$e to finish..."; flock $$fd; } || exit $$?; \
	  fd=$$((fd + 1)); \
	done; \
	engine='$(ENGINE_NOW)'; todo=(); runs=(); asked=(); \
	for e in $(REPORT_EDITIONS); do \
	  if [ -d build/$$e ]; then printf '%s\n' "$$engine" | cmp -s - build/$$e/engine.txt || printf '%s\n' "$$engine" > build/$$e/engine.txt; fi; \
	  $(SUB_MAKE) -q build/$$e/plan.mk outputs EDITION=$$e 2>/dev/null & asked+=($$!); \
	done; \
	i=0; for e in $(REPORT_EDITIONS); do \
	  if wait $${asked[$$i]}; then \
	    echo "Nothing changed: edition $$e is up to date."; \
	  else \
	    todo+=($$e); \
	  fi; \
	  i=$$((i + 1)); \
	done; \
	plans=(); for e in "$${todo[@]}"; do $(SUB_MAKE) -q build/$$e/plan.mk EDITION=$$e 2>/dev/null || plans+=($$e); done; \
	if [ $${#plans[@]} -gt 0 ]; then $(PY) -m trustreport plan "$${plans[@]}" >/dev/null || exit $$?; fi; \
	for e in "$${todo[@]}"; do \
	  printf '%s\n' "$$engine" | cmp -s - build/$$e/engine.txt || printf '%s\n' "$$engine" > build/$$e/engine.txt; \
	done; \
	tables=(); \
	for e in "$${todo[@]}"; do \
	  stale=$$($(SUB_MAKE) -s LIST_STALE=1 stale-chapters EDITION=$$e) || exit $$?; \
	  [ -n "$$stale" ] || continue; \
	  $(SUB_MAKE) -q build/$$e/tables.ok EDITION=$$e 2>/dev/null || tables+=($$e); \
	  runs+=(--also $$e $$stale); \
	done; \
	if [ $${#runs[@]} -gt 0 ]; then \
	  $(PY) -m trustreport run-chapter "$${runs[@]:1}" --kernels $(JOBS) --progress \
	    $${tables[@]:+--tables "$${tables[@]}"} || exit $$?; \
	elif [ $${#tables[@]} -gt 0 ]; then \
	  $(PY) -m trustreport tables "$${tables[@]}" >/dev/null || exit $$?; \
	fi; \
	for e in "$${tables[@]}"; do touch build/$$e/tables.ok; done; \
	if [ $${#todo[@]} -gt 0 ]; then \
	  $(SUB_MAKE) -j$(JOBS) "$${todo[@]/#/assemble-edition/}" || exit $$?; \
	fi; \
	for e in $(REPORT_EDITIONS); do \
	  sed -n 's|^SITE := |  HTML site: |p; s|^PDF := |  PDF:       |p' build/$$e/plan.mk; \
	done

# One edition's site and PDF, for `report` to make several at once.
assemble-edition/%:
	@$(MAKE) --no-print-directory -s outputs EDITION=$*

# Per-edition plan (pipeline/plan.py): each chapter's executed notebook, the raw tables it reads and a file of the
# parameters it uses, rewritten only when they change. Making it checks the parameters, so a bad key stops the
# build there, before any notebook runs; `report` makes it first, so the rules below always read a current plan.
ifneq ($(filter-out $(B)/plan.mk,$(filter outputs where stale-chapters $(B)/%,$(MAKECMDGOALS))),)
include $(B)/plan.mk
endif

$(B)/plan.mk: params/base.yml $(EDITION_FILE) trustreport.yml report/_quarto.yml $(wildcard notebooks/*.ipynb notebooks/*.text.yml) $(PKG) | $(STAMP)
	@$(PY) -m trustreport plan $(EDITION) >/dev/null

# The tables stage: every table validated (and the edition's complaint records checked) before any chapter runs;
# the validated tables are stored in $(B)/tables/ for the chapters. (`report` runs this recipe itself for all the
# editions it builds at once: keep the two alike.)
$(B)/tables.ok: $(DATA_FILES) $(PKG) | $(STAMP)
	@$(PY) -m trustreport tables $(EDITION) >/dev/null
	@touch $@

# tables.ok is order-only: a chapter reruns only when its own inputs (its plan.mk line: the tables it reads and
# its parameters file), its notebook or the package changed.
#
# `report` runs the chapters make finds out of date in turn in one kernel (pipeline/execute.py): one kernel start
# and one import of polars and altair instead of one per chapter. It asks make which they are with LIST_STALE=1,
# where a chapter's recipe only names it, so make's judgement of "out of date" is the only one.
ifeq ($(LIST_STALE),1)
$(B)/chapters/%.ipynb: notebooks/%.ipynb $(PKG)
	@echo $*
.PHONY: stale-chapters
stale-chapters: $(CHAPTER_OUTPUTS)
	@:
else
$(B)/chapters/%.ipynb: notebooks/%.ipynb $(PKG) | $(STAMP) $(B)/tables.ok
	@echo "Running chapter $* ($(EDITION))"
	@$(PY) -m trustreport run-chapter $(EDITION) $* >/dev/null
endif

# A recipe killed by a signal must not make make delete its target: the site and the chapters are swapped in
# whole by the recipes themselves, so whatever is there is whole and keeps serving.
.PRECIOUS: $(OUTPUTS) $(CHAPTER_OUTPUTS) $(B)/tables.ok

# OUTPUTS, SITE and PDF come from plan.mk: the PDF's name is trustreport.project.pdf_name's.
.PHONY: outputs where
outputs: $(OUTPUTS)

where:
	@echo "  HTML site: $(SITE)"
	@echo "  PDF:       $(PDF)"

$(OUTPUTS) &: $(CHAPTER_OUTPUTS) $(REPORT_FILES) $(PKG) $(B)/tables.ok $(B)/params.json $(B)/engine.txt
	@echo "Assembling site and PDF ($(EDITION))"
	@$(PY) -m trustreport assemble $(EDITION)

# The demonstration edition's synthetic complaint records, with a known effect planted (params/demo.yml).
DEMO_RECORDS := build/demo-records/complaints.parquet
$(DEMO_RECORDS): | $(STAMP)
	@echo "Making synthetic complaint records for the demonstration edition"
	@$(PY) -m trustreport synth-complaints --rows 1000000 --seed 616 --effect 快手:2021-06-01:-0.3 --out build/demo-records/records.parquet >/dev/null
	@$(PY) -m trustreport ingest-complaints build/demo-records/records.parquet --out $@ >/dev/null

demo: $(DEMO_RECORDS) ## Build the demonstration edition: chapter 40's event study on synthetic complaint records
	@$(MAKE) --no-print-directory report EDITION=demo

# Every edition in params/ (DEMO=1: the demonstrations too), each built first through `report` in every language;
# the default edition is the front of each version, the others in site/v/<version>/editions/<edition>/.
PUBLISH_EDITIONS = $(PUBLISHED_EDITIONS) $(if $(DEMO),$(DEMO_EDITIONS))
publish: $(STAMP) $(KERNEL) $(if $(DEMO),$(DEMO_RECORDS)) ## Publish every edition (DEMO=1: the demo too) as site/v/<version>/ and site/latest/ (FORCE=1 replaces a version)
	@for e in $(PUBLISH_EDITIONS); do $(MAKE) --no-print-directory report EDITION=$$e || exit $$?; done
	@$(PY) -m trustreport publish $(PUBLISH_EDITIONS) $(if $(FORCE),--force)
	@echo "  Serve it: python3 -m http.server -d site 8000, then open http://localhost:8000/"

validate: $(STAMP) ## Validate the raw data tables in data/raw
	@$(PY) -m trustreport validate

# The unit tests (tests/unit: in process, nothing built, no kernel; seconds on two cores). The end-to-end tests
# (tests/e2e: the command line, make, kernels, builds, a browser) run in `make test`.
FAST_TESTS := tests/unit
LINTED := src tests bench tools

# Every step runs even when one fails, so one run shows every problem; the status is the worst of them. mypy (one
# core, about 9 s without its cache) runs beside the fast tests, its report printed after theirs.
check: $(STAMP) ## Lint, formatting, types, notebooks without outputs and the fast tests (under a minute)
	@status=0; \
	echo "ruff check"; $(VENV)/bin/ruff check --quiet $(LINTED) || status=1; \
	echo "ruff format --check"; $(VENV)/bin/ruff format --check --quiet $(LINTED) || status=1; \
	echo "notebooks without outputs"; $(PY) tools/clear_notebook_outputs.py --check notebooks/*.ipynb || status=1; \
	types=$$(mktemp); $(VENV)/bin/mypy > $$types 2>&1 & checking=$$!; \
	echo "fast tests"; $(PY) -m pytest -q $(FAST_TESTS) || status=1; \
	echo "mypy"; wait $$checking || status=1; cat $$types; rm -f $$types; \
	exit $$status

# The end-to-end tests in $(JOBS) processes: each build they need is made once and shared (tests/conftest.py).
test: check $(KERNEL) ## Run make check (unit tests included), then the end-to-end tests (builds what they need)
	@$(PY) -m pytest -n $(JOBS) --dist worksteal --durations=25 tests/e2e

bench: $(STAMP) ## Benchmark ingest against pandas and DuckDB, and the build; writes bench/results.md (the ingest about 17 min, the builds 6, measured; BENCH_LARGE=0 skips the 30M rows)
	@$(PY) bench/run.py

mutate: $(STAMP) ## Mutation testing (mutmut) of the modules holding the rules; about half an hour; last line: the score
	@rm -rf mutants
	@echo "Mutating and testing (log: build/mutate.log)..."
	@mkdir -p build && $(PY) -m mutmut run > build/mutate.log 2>&1 || { tail -20 build/mutate.log; exit 1; }
	@$(PY) tests/mutation/score.py

lab: $(STAMP) $(KERNEL) ## Open JupyterLab on the project's kernel (extra options: LAB_ARGS="--no-browser --port 8899")
	@$(VENV)/bin/jupyter lab --notebook-dir=. $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

lock: ## Re-resolve pyproject.toml's dependencies into requirements.lock
	@rm -rf build/.lockenv && $(PYTHON) -m venv build/.lockenv
	@build/.lockenv/bin/pip install --quiet --disable-pip-version-check --upgrade setuptools '.[test,bench,dev]'
	@{ echo "# Exact versions of every package 'make' installs into .venv (Python 3.11)."; \
	   echo "# Direct dependencies are declared in pyproject.toml; regenerate this file with 'make lock'."; \
	   build/.lockenv/bin/pip freeze --all --exclude-editable | grep -vE '^(pip|trustreport)[= @]'; } > requirements.lock
	@rm -rf build/.lockenv
	@echo "requirements.lock updated"

clean: ## Delete everything built (build/ and site/); data/raw and .venv stay
	@rm -rf build site
	@echo "Removed build/ and site/"
