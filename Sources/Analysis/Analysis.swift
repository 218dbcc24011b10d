// The Analysis layer of NASReplay; see DESIGN.md.
