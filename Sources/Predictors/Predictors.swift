// The Predictors layer of NASReplay; see DESIGN.md.
