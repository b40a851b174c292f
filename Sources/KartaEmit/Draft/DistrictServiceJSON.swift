import KartaModel

/// Writes ``DistrictService``s as the draft's JSON gives them: byte for byte what `JSONEncoder`
/// (sorted keys, two-space pretty printing, `/` unescaped) gives, indented to a depth.
///
/// Why not the encoder: at 100× national volume the draft lists about 190,000 district-level
/// services, each with its district's municipalities, and `JSONEncoder` took about 4 s of a
/// `karta run` on them (BENCHMARKS.md, session 8). The key lines are made once per depth.
/// `DraftJSONWriterTests` holds the bytes equal to the encoder's.
struct DistrictServiceJSON {
    private let capacity, districtCode, host, kind, scope, serves, servesItem, servesEnd: [UInt8]
    private let serviceName, targetGroup, code, nameBG, targetGroupEnd, users, end: [UInt8]

    /// Services as elements at `depth` (their members one deeper).
    init(depth: Int) {
        func line(_ extra: Int, _ text: String) -> [UInt8] {
            [UInt8](repeating: 32, count: 2 * (depth + extra)) + Array(text.utf8)
        }
        capacity = line(1, "\"capacity\" : ")
        districtCode = line(1, "\"district_code\" : ")
        host = line(1, "\"host_municipality_code\" : ")
        kind = line(1, "\"kind\" : ")
        scope = line(1, "\"scope\" : ")
        serves = line(1, "\"serves\" : [\n")
        servesItem = line(2, "")
        servesEnd = line(1, "],\n")
        serviceName = line(1, "\"service_name\" : ")
        targetGroup = line(1, "\"target_group\" : {\n") + line(2, "\"code\" : ")
        code = Array(",\n".utf8) + line(2, "\"name_bg\" : ")
        nameBG = Array("\n".utf8)
        targetGroupEnd = line(1, "}")
        users = line(1, "\"users\" : ")
        end = line(0, "}")
    }

    func append(_ service: DistrictService, to output: inout [UInt8]) {
        let comma: [UInt8] = [44, 10]
        output.append(contentsOf: [UInt8(ascii: "{"), 10])
        if let value = service.capacity {
            output.append(contentsOf: capacity)
            output.append(contentsOf: Array(String(value).utf8))
            output.append(contentsOf: comma)
        }
        for (prefix, text) in [
            (districtCode, service.districtCode), (host, service.hostMunicipalityCode), (kind, service.kind.rawValue),
            (scope, service.scope.rawValue),
        ] {
            output.append(contentsOf: prefix)
            JSONText.appendString(text, to: &output)
            output.append(contentsOf: comma)
        }
        output.append(contentsOf: serves)
        if service.serves.isEmpty { output.append(10) }  // the encoder's empty array: `[`, an empty line, `]`
        for (index, municipality) in service.serves.enumerated() {
            output.append(contentsOf: servesItem)
            JSONText.appendString(municipality, to: &output)
            if index + 1 < service.serves.count { output.append(44) }
            output.append(10)
        }
        output.append(contentsOf: servesEnd)
        output.append(contentsOf: serviceName)
        JSONText.appendString(service.serviceName, to: &output)
        output.append(contentsOf: comma)
        output.append(contentsOf: targetGroup)
        JSONText.appendString(service.targetGroup.code, to: &output)
        output.append(contentsOf: code)
        JSONText.appendString(service.targetGroup.nameBG, to: &output)
        output.append(contentsOf: nameBG)
        output.append(contentsOf: targetGroupEnd)
        if let value = service.users {
            output.append(contentsOf: comma)
            output.append(contentsOf: users)
            output.append(contentsOf: Array(String(value).utf8))
        }
        output.append(10)
        output.append(contentsOf: end)
    }
}
