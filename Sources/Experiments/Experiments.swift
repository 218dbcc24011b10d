// The Experiments layer of NASReplay; see DESIGN.md.
