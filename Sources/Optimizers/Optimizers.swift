// The Optimizers layer of NASReplay; see DESIGN.md.
