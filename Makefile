# NASReplay — every published figure and table is a target here. See README.md.
SHELL    := /bin/bash
DATA     ?= ../shared/data
DATASETS ?= datasets
SWIFT    ?= swift
BIN      := .build/release/nasreplay
SOURCES  := $(shell find Sources -name '*.swift' -o -name '*.h' -o -name '*.modulemap') Package.swift
APT_PKGS := libhdf5-dev pkg-config gnuplot-nox

.PHONY: setup deps build datasets test demo bench clean

## setup: install system packages if missing, then build in release mode
setup: deps build

## deps: apt-get install libhdf5-dev, pkg-config and gnuplot-nox when any is missing
deps:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

build: $(BIN)

$(BIN): $(SOURCES) | deps
	$(SWIFT) build -c release --product nasreplay

## datasets: build every benchmark table from $(DATA) into $(DATASETS)/
datasets: $(DATASETS)/nats-tss.h5 $(DATASETS)/nb101-sample.h5 $(DATASETS)/ofa-mbv3-dynast.h5

$(DATASETS)/%.h5: $(BIN)
	$(BIN) datasets build --from $(DATA) --datasets $(DATASETS) $*

$(DATASETS)/nats-tss.h5: $(BIN) $(DATA)/nats-tss/nats_tss_15625.csv.gz
	$(BIN) datasets build --from $(DATA) --datasets $(DATASETS) nats-tss

## test: the unit and oracle tests (debug build)
test: deps
	$(SWIFT) test

## demo: the main job on the real data
demo: datasets
	@bash scripts/demo.sh $(BIN) $(DATASETS)

## bench: performance floors of DESIGN.md, medians (release build); see BENCHMARKS.md
bench: datasets
	$(BIN) bench --datasets $(DATASETS)

clean:
	rm -rf .build $(DATASETS)/*.h5 $(DATASETS)/*.h5.tmp-*

## Experiments: each spec in experiments/ is a target of the same name
ALL_SPECS   := $(basename $(notdir $(wildcard experiments/*.toml)))
PREDICTOR_EXPERIMENTS := $(filter predictors-%,$(ALL_SPECS))
EXPERIMENTS := $(filter-out predictors-%,$(ALL_SPECS))
.PHONY: $(EXPERIMENTS) $(PREDICTOR_EXPERIMENTS) predictors
$(EXPERIMENTS): %: datasets
	$(BIN) run experiments/$@.toml --datasets $(DATASETS)
	$(BIN) plot results/$@ --datasets $(DATASETS)

## predictors: the LINAS-paper predictor protocol on every predictors-*.toml spec
$(PREDICTOR_EXPERIMENTS): %: datasets
	$(BIN) predictors evaluate experiments/$@.toml --datasets $(DATASETS)
predictors: $(PREDICTOR_EXPERIMENTS)
