import Testing
import KartaModel
@testable import KartaIngest

@Suite struct XMLProbe {
    @Test func probe() throws {
        for name in ["asp-export-cp1251", "asp-export-utf8-english", "municipal-register-utf16-child-elements", "external-dtd-not-fetched", "malformed-unclosed-tag", "malformed-truncated", "malformed-bad-encoding-byte", "hostile-xxe-local-file", "hostile-xxe-http", "hostile-billion-laughs", "hostile-quadratic-blowup", "hostile-deep-nesting-300", "hostile-parameter-entity"] {
            let path = "fixtures/xml/\(name).xml"
            do {
                let r = try XMLReader(path: path)
                print("==", name, r.description)
                while let x = try r.next() { print(x) }
            } catch { print("==", name, "ERROR", error) }
        }
    }
}
