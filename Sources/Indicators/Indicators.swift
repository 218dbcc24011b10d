// The Indicators layer of NASReplay; see DESIGN.md.
