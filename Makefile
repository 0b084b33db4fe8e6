# newsgraph: every target creates .venv and installs what it needs.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
SHARED ?= ../shared
OUT    ?= out

.PHONY: demo test typecheck eval bench clean chromium docs train

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

demo: $(VENV)/.installed
	$(VENV)/bin/newsgraph build examples/ --out $(OUT)

# The type checker first (its settings: [tool.mypy] in pyproject.toml), then the tests.
test: $(VENV)/.installed chromium
	$(VENV)/bin/mypy
	$(PY) -m pytest -q

typecheck: $(VENV)/.installed
	$(VENV)/bin/mypy

# The browser test needs Chromium: Debian's package, installed where it is missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The picture of the seed's graph shown in the README.
docs: docs/seed-graph.png
docs/seed-graph.png: $(VENV)/.installed examples/000_e2dcff6a7ff40d3c.txt
	mkdir -p docs
	$(VENV)/bin/newsgraph figure examples/ --out $@

# Scores on the development gold (the whole and its two halves), a regression check on
# 100 unannotated articles, and the French TimeBank (needs ../shared).
eval: $(VENV)/.installed
	@test -d $(SHARED)/eval || { echo "make eval needs $(SHARED)/eval"; exit 1; }
	$(PY) benchmarks/quality.py --shared $(SHARED) --out $(OUT)/eval
	$(VENV)/bin/newsgraph build $(SHARED)/corpus/frtimebank/docs.jsonl --out $(OUT)/eval/timebank -q
	$(PY) $(SHARED)/eval/timex_score.py --system $(OUT)/eval/timebank/documents.jsonl

# The event model, learned again from the training gold (needs ../shared): the same gold
# gives the same file (its date is the newest gold file's). Scores on the development
# gold are written into the model's provenance, never trained on.
MODEL_FILE := src/newsgraph/data/event_model_fr.json
train: $(VENV)/.installed
	@test -d $(SHARED)/eval/gold/train || { echo "make train needs $(SHARED)/eval/gold/train"; exit 1; }
	SOURCE_DATE_EPOCH=$$(stat -c %Y $(SHARED)/eval/gold/train/*.json | sort -n | tail -n 1) \
	  $(VENV)/bin/newsgraph train $(SHARED)/eval/gold/train --dev $(SHARED)/eval/gold/dev \
	  --texts $(SHARED)/corpus/masakhanews/fr $(SHARED)/corpus/seed --out $(MODEL_FILE)

# Throughput on the 633 French MasakhaNEWS articles against bare nlp.pipe (needs ../shared).
bench: $(VENV)/.installed
	$(PY) benchmarks/bench_build.py --corpus $(SHARED)/corpus/masakhanews/fr

clean:
	rm -rf $(OUT) .pytest_cache
