# NASReplay — every published figure and table is a target here. See README.md.
SHELL    := /bin/bash
DATA     ?= ../shared/data
DATASETS ?= datasets
SWIFT    ?= swift
BIN      := .build/release/nasreplay
SOURCES  := $(shell find Sources -name '*.swift' -o -name '*.c' -o -name '*.h' -o -name '*.modulemap') Package.swift
APT_PKGS := libhdf5-dev zlib1g-dev libbz2-dev pkg-config gnuplot-nox python3 python3-venv
# make test only: a headless browser opens the HTML report (Tests/ExperimentsTests/HTMLReportBrowserTests.swift)
TEST_APT_PKGS := chromium

.PHONY: setup deps build datasets test demo bench clean install

## setup: install system packages if missing, then build in release mode
setup: deps build

## deps: apt-get install libhdf5-dev, zlib1g-dev, libbz2-dev, pkg-config, gnuplot-nox, python3 and python3-venv when any is missing
deps:
	@missing=""; for p in $(APT_PKGS) $(EXTRA_APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

build: $(BIN)

# The Swift runtime and Foundation linked in, and libhdf5 from the distribution's archive
# where it ships one (scripts/static-hdf5.sh): a command starts in about 5 ms instead of 16,
# and the binary runs on a node without a Swift toolchain or libhdf5 (a Slurm cluster's);
# it is about 100 MB instead of 28.
$(BIN): $(SOURCES) scripts/static-hdf5.sh | deps
	PKG_CONFIG_PATH=$$(scripts/static-hdf5.sh) $(SWIFT) build -c release --static-swift-stdlib --product nasreplay

## datasets: build every benchmark table the specs use from $(DATA) into $(DATASETS)/
HAT_TABLES := $(addprefix hat-,iwslt14deen-gpu-titanxp wmt14ende-cpu-raspberrypi wmt14ende-cpu-xeon wmt14ende-gpu-titanxp \
                wmt14enfr-cpu-raspberrypi wmt14enfr-cpu-xeon wmt14enfr-gpu-titanxp wmt19ende-gpu-titanxp)
datasets: $(DATASETS)/nats-tss.h5 $(DATASETS)/nb101-sample.h5 $(DATASETS)/ofa-mbv3-dynast.h5 $(DATASETS)/ofa-mbv3-help.h5 $(DATASETS)/fbnet-help.h5 \
          $(foreach t,$(HAT_TABLES),$(DATASETS)/$(t).h5)

# A table depends on its data, not on every rebuild of the binary (order-only prerequisite):
# `make clean` or deleting the .h5 rebuilds it after a format change.
$(DATASETS)/%.h5: | $(BIN)
	$(BIN) datasets build --from $(DATA) --datasets $(DATASETS) $*

$(DATASETS)/nats-tss.h5: $(DATA)/nats-tss/nats_tss_15625.csv.gz | $(BIN)
	$(BIN) datasets build --from $(DATA) --datasets $(DATASETS) nats-tss

## test: the layer check (each target imports what DESIGN.md allows, and depends on exactly
## that), the Python client's tests (Benchmark's run the debug CLI: `nasreplay serve`), the
## real-Slurm test (a single-node cluster started as root; skipped with the reason
## otherwise), then the unit and oracle tests (debug build; one opens an HTML report in
## headless Chromium, which test installs)
test: EXTRA_APT_PKGS := $(TEST_APT_PKGS)
test: deps
	bash scripts/check-imports.sh
	bash scripts/check-imports-test.sh
	$(SWIFT) build --product nasreplay
	python3 -m unittest discover -s clients/python/tests
	bash scripts/slurm/test-cluster.sh .build/debug/nasreplay
	@# The tests' temporary folders (about 470, 1 GB) go to one scratch folder, removed
	@# after the run, pass or fail: /tmp is not left to fill up run after run.
	@scratch=$$(mktemp -d "$${TMPDIR:-/tmp}/nasreplay-test.XXXXXX") && \
	  { TMPDIR=$$scratch $(SWIFT) test; status=$$?; rm -rf "$$scratch"; exit $$status; }

## demo: the main job: every algorithm on NATS-TSS (experiments/demo-nats-tss.toml), summary and two figures
demo: datasets
	@bash scripts/demo.sh $(BIN) $(DATASETS) $(TRIALS)

## bench: performance floors of DESIGN.md, medians (release build); see BENCHMARKS.md
bench: datasets
	$(BIN) bench --datasets $(DATASETS) --data $(DATA)

## install: copy the release binary to $(PREFIX)/bin (default ~/.local/bin; PREFIX=/usr/local as root)
PREFIX ?= $(HOME)/.local
install: $(BIN)
	install -d $(PREFIX)/bin
	install -m 0755 $(BIN) $(PREFIX)/bin/nasreplay
	@echo "installed $(PREFIX)/bin/nasreplay (dynamically linked: it needs this machine's Swift runtime and libhdf5; README, Scale-out)"

clean:
	rm -rf .build $(DATASETS)/*.h5 $(DATASETS)/*.h5.tmp-* $(DATASETS)/.cache

## Experiments: each spec in experiments/ is a target of the same name.
## TRIALS=N runs only the first N trials of each spec (trial i is the same trial with any N)
## into results/trials-N/ instead of results/, so a quick check never replaces a full run.
TRIALS  ?=
RESULTS := $(if $(TRIALS),results/trials-$(TRIALS),results)
RUNFLAGS := --datasets $(DATASETS) $(if $(TRIALS),--trials $(TRIALS) --results $(RESULTS))
ALL_SPECS   := $(basename $(notdir $(wildcard experiments/*.toml)))
PREDICTOR_EXPERIMENTS := $(filter predictors-%,$(ALL_SPECS))
EXPERIMENTS := $(filter-out predictors-%,$(ALL_SPECS))
.PHONY: $(EXPERIMENTS) $(PREDICTOR_EXPERIMENTS) predictors
# `nasreplay run` resumes: finished trials are read back, not rerun.
# `report --html` draws the figures and writes $(RESULTS)/<spec>/index.html.
$(EXPERIMENTS): %: datasets
	$(BIN) run experiments/$@.toml $(RUNFLAGS)
	$(BIN) report $(RESULTS)/$@ --html --datasets $(DATASETS)

## predictors: the LINAS-paper predictor protocol on every predictors-*.toml spec
# An evaluation does not resume, so it reruns only when its spec is newer than its results.
$(RESULTS)/predictors-%/runs.h5: experiments/predictors-%.toml | datasets
	$(BIN) predictors evaluate $< $(RUNFLAGS)
$(PREDICTOR_EXPERIMENTS): %: $(RESULTS)/%/runs.h5
	$(BIN) plot $(RESULTS)/$@ --datasets $(DATASETS)
predictors: $(PREDICTOR_EXPERIMENTS)

## Published figures and tables (README, "Figures and tables"): outputs in $(RESULTS)/<spec>/
.PHONY: paper fig3 fig5 fig5c fig6 fig7 fig7b fig9 table3 thesis
FIG9_SPECS := linas-nats-tss linas-nats-tss-pixel3 linas-nats-tss-2080ti linas-ofa-mbv3-dynast

## fig3: predictor MAPE and Kendall τ against training size (NATS-TSS accuracy, raspi4 and pixel3 latency; OFA-MBv3 top-1; HAT decoder latency):
## the paper's models (ridge, svr-rbf, stacked) over 100 trials, the other models on the same rows in each spec's -others companion
FIG3_SPECS := predictors-nats-tss predictors-nats-tss-lat-raspi4 predictors-nats-tss-lat-pixel3 predictors-ofa-mbv3-dynast predictors-hat-wmt14ende-gpu-titanxp
fig3: $(FIG3_SPECS) $(addsuffix -others,$(FIG3_SPECS))

## fig5: fronts of LINAS, NSGA-II and random search after 250 evaluations
fig5: linas-nats-tss
	$(BIN) plot $(RESULTS)/linas-nats-tss --datasets $(DATASETS) --fronts-at 250
	$(BIN) report $(RESULTS)/linas-nats-tss --html --datasets $(DATASETS)

## fig5c: LINAS vs Once-for-All's one-shot search (predictors fitted once, one EvolutionFinder per latency group), charged and offline, on NATS-TSS and OFA-MobileNetV3
fig5c: fig5c-ofa-oneshot-nats-tss fig5c-ofa-oneshot-ofa-mbv3-dynast

## fig6: LINAS with each inner algorithm (NSGA-II, GA, AGE-MOEA, NSGA-III, U-NSGA-III, MOEA/D, C-TAEA) and each alone, 2 and 3 objectives
fig6: linas-inner-nats-tss linas-zoo-nats-tss-2obj linas-zoo-nats-tss-3obj

## fig7: LINAS with ridge, svr-rbf, stacked and DyNAS-T predictors
fig7: linas-predictors-nats-tss

## fig7b: LINAS with population 25, 50, 100 and 200 (20,000 predicted evaluations per inner search)
fig7b: linas-population-nats-tss

## fig9: HV curves of LINAS, NSGA-II and random search across benchmarks, and their ranks
## over the benchmarks (Friedman, Nemenyi, Wilcoxon; critical-difference diagram) in $(RESULTS)/fig9-ranks/
fig9: $(FIG9_SPECS)
	$(BIN) report --across $(addprefix $(RESULTS)/,$(FIG9_SPECS)) --out $(RESULTS)/fig9-ranks

## table3: evaluations to reach random search's and NSGA-II's best mean HV, per benchmark
table3: $(FIG9_SPECS)
	@mkdir -p $(RESULTS)/table3
	@for n in $(FIG9_SPECS); do $(BIN) report $(RESULTS)/$$n --thresholds $(RESULTS)/$$n/table3.md >/dev/null || exit 1; done
	@{ echo "# LINAS paper, Table 3 form: evaluations to reach each algorithm's best mean normalised HV"; echo; \
	   for n in $(FIG9_SPECS); do cat $(RESULTS)/$$n/table3.md; echo; done; } > $(RESULTS)/table3/table3.md
	@echo "wrote $(RESULTS)/table3/table3.md"

## thesis: GA vs NAS-EA-FA v2 with validation-accuracy and NASWT fitness
thesis: thesis-nats-tss thesis-nats-tss-naswt thesis-gcn-nats-tss thesis-gcn-nats-tss-naswt

## paper: every figure and table above
paper: fig3 fig5 fig5c fig6 fig7 fig7b fig9 table3 thesis
