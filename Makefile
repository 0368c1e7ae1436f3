# Everything runs from the project's own virtualenv, created on first use.
VENV   := .venv
BIN    := $(VENV)/bin
# Reinstall only when the pins or the package metadata change.
STAMP  := $(VENV)/.installed
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
# Jupyter refuses to start as root (as on this project's machines) unless told it is intended.
LAB    := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: book test lab notebooks clean

book: $(STAMP)
	$(BIN)/jupyter-book build . --warningiserror --keep-going
	@echo
	@echo "Book built. Open: $(CURDIR)/_build/html/index.html"

test: $(STAMP)
	$(BIN)/pytest tests book $(NBVAL)

lab: $(STAMP)
	$(BIN)/jupyter lab $(LAB) book/

notebooks: $(STAMP)
	$(BIN)/python tools/execute_notebooks.py

clean:
	rm -rf _build

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/python -m pip install -r requirements.txt
	$(BIN)/python -m pip install --no-deps -e .
	$(BIN)/python -m pip check
	touch $@
