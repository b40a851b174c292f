import KartaAggregate

/// The report's map of the 28 districts as inline SVG: the tile grid by default, or the user's
/// outlines (equirectangular, scaled by the cosine of the mean latitude) when geometry is given.
public enum DistrictMapSVG {
    public static func render(
        districts: [AreaSummary], indicator: MapIndicator, geometry: AreaGeometry?
    ) -> String {
        let values = districts.compactMap { shownValue($0, indicator) }
        let scale = ColourScale(values: values)
        var svg: String
        if let geometry, districts.contains(where: { !geometry.rings(code: $0.code).isEmpty }) {
            svg = outlines(districts: districts, indicator: indicator, scale: scale, geometry: geometry)
        } else {
            svg = tiles(districts: districts, indicator: indicator, scale: scale)
        }
        svg += legend(indicator: indicator, scale: scale)
        return svg
    }

    /// The indicator's value, or nil for a district without any submission („няма данни").
    static func shownValue(_ district: AreaSummary, _ indicator: MapIndicator) -> Double? {
        district.hasData ? indicator.value(district) : nil
    }

    /// The value as the tile and its tooltip show it.
    static func label(_ value: Double?) -> String {
        value.map { HTMLText.decimal($0) } ?? DraftReport.noData
    }

    static func tiles(districts: [AreaSummary], indicator: MapIndicator, scale: ColourScale) -> String {
        let size = 92
        let gap = 6
        let width = DistrictTileGrid.columns * (size + gap) + gap
        let height = DistrictTileGrid.rows * (size + gap) + gap
        var svg = """
            <svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" \
            width="\(width)" height="\(height)" role="img" aria-label="\(HTMLText.escape(indicator.title))">

            """
        for district in districts {
            guard let position = DistrictTileGrid.positions[district.code] else { continue }
            let x = gap + position.column * (size + gap)
            let y = gap + position.row * (size + gap)
            let value = shownValue(district, indicator)
            let colour = scale.colour(value)
            let text = ColourScale.darkClass(colour) ? "#ffffff" : "#1a1a1a"
            let name = HTMLText.escape(district.name)
            svg += """
                <g class="tile" data-code="\(HTMLText.escape(district.code))"><title>\(name): \
                \(label(value))</title>\
                <rect x="\(x)" y="\(y)" width="\(size)" height="\(size)" rx="6" fill="\(colour)" stroke="#555" stroke-width="1"/>\
                <text x="\(x + size / 2)" y="\(y + 22)" fill="\(text)" text-anchor="middle" font-size="13" font-weight="bold">\
                \(HTMLText.escape(district.code))</text>\
                <text x="\(x + size / 2)" y="\(y + 46)" fill="\(text)" text-anchor="middle" font-size="\(district.name.count > 11 ? 9 : 11)">\
                \(name)</text>\
                <text class="value" x="\(x + size / 2)" y="\(y + 74)" fill="\(text)" text-anchor="middle" \
                font-size="\(value == nil ? 12 : 16)">\(label(value))</text></g>

                """
        }
        return svg + "</svg>\n"
    }

    static func outlines(
        districts: [AreaSummary], indicator: MapIndicator, scale: ColourScale, geometry: AreaGeometry
    ) -> String {
        let ringsByCode = districts.map { ($0, geometry.rings(code: $0.code)) }
        let points = ringsByCode.flatMap { $0.1.flatMap { $0 } }
        let minLon = points.map(\.0).min() ?? 0
        let maxLon = points.map(\.0).max() ?? 1
        let minLat = points.map(\.1).min() ?? 0
        let maxLat = points.map(\.1).max() ?? 1
        let meanLat = (minLat + maxLat) / 2
        let xScale = cos(meanLat * .pi / 180)
        let width = 760.0
        let spanX = max((maxLon - minLon) * xScale, 1e-9)
        let spanY = max(maxLat - minLat, 1e-9)
        let factor = width / spanX
        let height = spanY * factor
        var svg = """
            <svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height.rounded(.up)))" \
            width="\(Int(width))" height="\(Int(height.rounded(.up)))" role="img" aria-label="\(HTMLText.escape(indicator.title))">

            """
        for (district, rings) in ringsByCode where !rings.isEmpty {
            var path = ""
            for ring in rings {
                for (index, point) in ring.enumerated() {
                    let x = (point.0 - minLon) * xScale * factor
                    let y = (maxLat - point.1) * factor
                    path +=
                        (index == 0 ? "M" : "L") + DecimalText.format(x, places: 1) + " "
                        + DecimalText.format(y, places: 1)
                }
                path += "Z"
            }
            let value = shownValue(district, indicator)
            svg += """
                <path data-code="\(HTMLText.escape(district.code))" d="\(path)" fill="\(scale.colour(value))" \
                stroke="#555" stroke-width="0.8"><title>\(HTMLText.escape(district.name)): \(label(value))</title></path>

                """
        }
        return svg + "</svg>\n"
    }

    static func legend(indicator: MapIndicator, scale: ColourScale) -> String {
        var html = "<div class=\"legend\"><p>\(HTMLText.escape(indicator.title))</p><ul>\n"
        for (index, bounds) in scale.classes.enumerated() {
            html += """
                <li><span class="swatch" style="background:\(ColourScale.colours[index])"></span>\
                \(HTMLText.decimal(bounds.lower)) – \(HTMLText.decimal(bounds.upper))</li>

                """
        }
        html +=
            "<li><span class=\"swatch\" style=\"background:\(ColourScale.noData)\"></span>няма данни</li>\n"
        return html + "</ul></div>\n"
    }
}

#if canImport(Glibc)
    import Glibc
#endif
