import NASCore

// Bad architectures and unknown variants are the user's input: exit code 2.
extension SearchSpaceError: UserFacingError {}
extension NATSArchError: UserFacingError {}
extension NB101ParseError: UserFacingError {}
extension NB101Invalidity: UserFacingError {}
extension GeneError: UserFacingError {}
