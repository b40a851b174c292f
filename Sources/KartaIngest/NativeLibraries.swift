import CLibCSV
import CLibXML2

/// The versions of the C parsers karta reads with, as compiled in (a test checks them against the
/// installed libraries).
public enum NativeLibraries {
    /// libcsv's version, e.g. `3.0.3`.
    public static var libcsvVersion: String { "\(CSV_MAJOR).\(CSV_MINOR).\(CSV_RELEASE)" }

    /// The libxml2 version karta was compiled against, e.g. `2.9.14`.
    public static var libxml2Version: String { LIBXML_DOTTED_VERSION }
}
