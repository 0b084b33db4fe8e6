# newsgraph: every target creates .venv and installs what it needs.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
SHARED ?= ../shared
OUT    ?= out

.PHONY: demo test eval bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

demo: $(VENV)/.installed
	$(VENV)/bin/newsgraph build examples/ --out $(OUT)

test: $(VENV)/.installed
	$(PY) -m pytest -q

# Scores on the development gold and the French TimeBank (needs ../shared).
eval: $(VENV)/.installed
	@test -d $(SHARED)/eval || { echo "make eval needs $(SHARED)/eval"; exit 1; }
	rm -rf $(OUT)/eval && mkdir -p $(OUT)/eval/dev-inputs
	$(SHARED)/eval/bin/dev-inputs | while read -r f; do ln -sf "$$(cd "$$(dirname "$$f")" && pwd)/$$(basename "$$f")" $(OUT)/eval/dev-inputs/; done
	$(VENV)/bin/newsgraph build $(OUT)/eval/dev-inputs --out $(OUT)/eval/dev -q
	$(PY) $(SHARED)/eval/score.py --gold $(SHARED)/eval/gold/dev --system $(OUT)/eval/dev/documents.jsonl
	$(VENV)/bin/newsgraph build $(SHARED)/corpus/frtimebank/docs.jsonl --out $(OUT)/eval/timebank -q
	$(PY) $(SHARED)/eval/timex_score.py --system $(OUT)/eval/timebank/documents.jsonl

# Throughput on the 633 French MasakhaNEWS articles against bare nlp.pipe (needs ../shared).
bench: $(VENV)/.installed
	$(PY) benchmarks/bench_build.py --corpus $(SHARED)/corpus/masakhanews/fr

clean:
	rm -rf $(OUT) .pytest_cache
