// The SearchSpaces layer of NASReplay; see DESIGN.md.
