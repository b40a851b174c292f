import Testing

@testable import KartaIngest

@Suite("Native libraries")
struct NativeLibrariesTests {
    @Test("reports the linked libcsv 3 and libxml2 2 versions")
    func versions() {
        #expect(NativeLibraries.libcsvVersion.hasPrefix("3."))
        #expect(NativeLibraries.libxml2Version.hasPrefix("2."))
    }
}
