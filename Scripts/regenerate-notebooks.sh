#!/bin/sh
# Rewrites every output and figure in Notebooks-md from what the program prints now, and
# recompiles the notebooks' Swift cells into Tests/BrobyggareCommandsTests/NotebookCells.swift.
# Run from the package root. Three passes: the first compiles with no cells (so that a cell
# that changed cannot stop the build), the second writes the cells, the third their outputs.
set -eu
cat > Tests/BrobyggareCommandsTests/NotebookCells.swift <<'STUB'
let notebookCells: [String: @Sendable () throws -> [String]] = [:]
STUB
for pass in 1 2; do
  BROBYGGARE_REGENERATE_NOTEBOOKS=1 swift test --filter NotebookTests >/dev/null 2>&1 || true
done
swift test --filter NotebookTests
