# Everything runs from the project's own virtualenv, created on first use.
VENV   := .venv
BIN    := $(VENV)/bin
# Reinstall only when the pins or the package metadata change.
STAMP  := $(VENV)/.installed
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
# Jupyter refuses to start as root (as on this project's machines) unless told it is intended.
LAB    := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: book test check test-baseline lab notebooks clean

book: $(STAMP) vendor
	$(BIN)/jupyter-book build . --warningiserror --keep-going
	@echo
	@echo "Book built. Open: $(CURDIR)/_build/html/index.html"

# The browser tests (tests/browser/) check the site built from the committed notebooks.
test: book
	$(BIN)/pytest tests book $(NBVAL)

# The unit tests alone (no site, no nbval, no browser), for the edit-test loop: without
# the ones marked slow (figures rendered twice for byte stability, subprocesses, a kernel,
# training on the digits, the few trainings and derivations over 1.5 s), which `make test`
# runs with everything else.
check: $(STAMP)
	$(BIN)/pytest tests --ignore=tests/browser -q -p no:cacheprovider -m "not slow"

# nbval again on an older CPU's arithmetic: NumPy held to the x86-64-v2 baseline (no AVX2,
# no AVX-512) and the C library's exp, log and pow on their code paths without FMA. A
# stored output is a property of the mathematics, so both runs must pass. x86-64 only:
# elsewhere the variables name no feature of the CPU.
BASELINE := NPY_DISABLE_CPU_FEATURES="X86_V3 X86_V4 AVX512_ICL" \
            GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-FMA
test-baseline: $(STAMP)
	@if [ "$$(uname -m)" = x86_64 ]; then \
	  echo "nbval with NumPy and libm held to the x86-64-v2 baseline"; \
	  $(BASELINE) $(BIN)/pytest book $(NBVAL); \
	else echo "test-baseline: not an x86-64 machine, nothing to hold back"; fi

# The notebooks are trusted (their stored figures and widgets show before Run All: they
# are this repository's own outputs) and JupyterLab asks no question about news.
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
lab: $(STAMP)
	install -D -m 644 tools/lab/overrides.json $(LAB_SETTINGS)
	$(BIN)/jupyter trust book/*.ipynb
	$(BIN)/jupyter lab $(LAB) book/

notebooks: $(STAMP)
	$(BIN)/python tools/execute_notebooks.py

clean:
	rm -rf _build

# Benchmarks, never part of `make test` (benchmarks/README.md): each script prints its
# work, medians, and ratios to peers timed in the same run. They run in a venv of their
# own, .venv-bench: requirements.txt and the package as in .venv, plus the peers, installed
# with the pins held (-c requirements.txt), so the book's .venv stays exactly as
# requirements.txt says. A peer that cannot be installed is reported and its rows say
# "skipped". torch==2.13.0 is the CPU wheel on this machine's disk (other versions are
# multi-GB CUDA downloads).
BENCH_VENV  := .venv-bench
BENCH_BIN   := $(BENCH_VENV)/bin
BENCH_STAMP := $(BENCH_VENV)/.installed
BENCH_PEERS := torch==2.13.0 "jax jaxlib" micrograd numba
.PHONY: bench
bench: $(BENCH_STAMP)
	@for peer in $(BENCH_PEERS); do \
	  $(BENCH_BIN)/python -m pip install -qq -c requirements.txt $$peer \
	    || echo "could not install $$peer: its benchmarks will say skipped"; \
	done
	@for script in $(filter-out benchmarks/_%,$(wildcard benchmarks/*.py)); do \
	  echo; $(BENCH_BIN)/python $$script || exit 1; \
	done

$(BENCH_STAMP): requirements.txt pyproject.toml
	test -x $(BENCH_BIN)/python || python3 -m venv $(BENCH_VENV)
	$(BENCH_BIN)/python -m pip install -r requirements.txt
	$(BENCH_BIN)/python -m pip install --no-deps -e .
	touch $@

# MathJax, RequireJS and the widget manager, served from the site itself so that it
# works offline: npm fetches the versions in package-lock.json (again only when the lock
# changes) and tools/vendor_assets.py copies the files pages use into _vendor/. Without
# npm the site still builds, and loads them from CDNs.
VENDORED := _vendor/.copied
.PHONY: vendor
vendor:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(VENDORED); \
	else echo "npm not found: skipping the offline assets, the site will load MathJax and widgets from CDNs (install npm for a self-contained site)"; fi

$(VENDORED): node_modules/.package-lock.json tools/vendor_assets.py
	python3 tools/vendor_assets.py
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/python -m pip install -r requirements.txt
	$(BIN)/python -m pip install --no-deps -e .
	$(BIN)/python -m pip check
	touch $@
