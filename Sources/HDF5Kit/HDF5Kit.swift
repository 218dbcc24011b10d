// The HDF5Kit layer of NASReplay; see DESIGN.md.
