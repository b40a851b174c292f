/// The version of karta, printed by `karta --version` and written into every manifest.
public let kartaVersion = "0.1.0"
