import KartaModel

/// Writes `docs/formats.md`: every file karta exports, and every column of every CSV file with its
/// Bulgarian header, English key, type and meaning — from the same column lists the writers use,
/// so the documentation cannot drift (a test compares the file with this text).
public enum FormatsDocument {
    public static func markdown() -> String {
        var text = """
            # Output formats

            This file is generated from the column lists in `Sources/KartaEmit` (`FormatsDocument`);
            a test fails when it is out of date (`KARTA_UPDATE_GOLDEN=1 swift test --filter FormatsDocumentTests`
            rewrites it). Keys are stable: columns are added at the end, never renamed.

            ## Files

            | file | written by | what |
            | --- | --- | --- |
            | `map-municipalities.csv`, `map-districts.csv`, `map-national.csv` | `export --format csv` | cells of the draft per level |
            | `areas.csv` | `export --format csv` | totals per area of every level |
            | `rejects-summary.csv` / `.json` | `export --format csv` (`--what rejects`) | rejected rows per source file and reason |
            | `reconciliation.csv`, `reconciliation-services.csv` / `reconciliation.json` | `export --format csv` (`--what reconciliation`) | municipal registers against АСП data |
            | `map-comparison.csv` | `export --format csv` | the draft against the adopted Map per cell (only when an adopted Map is loaded) |
            | `district-services.csv` | `export --format csv` | the services planned at district level: host municipality, scope, whom they serve |
            | `map-draft.json` | `export --format json` | the whole draft with metadata; schema `schemas/map-draft.schema.json` (JSON Schema 2020-12) |
            | `map-draft.xml` | `export --format xml` | the draft (without the criteria rules); schema `schemas/map-draft.xsd` |
            | `map-draft.geojson` | `export --format geojson` | one feature per district and municipality; geometry from `--geometry`, else `null` |
            | `report.html` | `export --format html` | self-contained report in Bulgarian with the district map |
            | `records.csv`, `records.jsonl` | `export --what records` | every normalized record with provenance |
            | `plans/<code>.html`, `plans/<code>.csv` (`.pdf`) | `plan AREA --year YYYY`, `run` with the `plans` output | a municipality's annual plan (ЗСУ Art. 37–38): the Map's services, own-budget services, hosted district-level services; printable A4 HTML |

            ## CSV conventions

            - **Excel** (default): UTF-8 with BOM, `;` between fields, CRLF line ends, decimal comma,
              Bulgarian headers. **Plain** (`--plain-csv`): UTF-8 without BOM, `,`, CRLF, decimal
              point, the English keys as headers. Both quote per RFC 4180 (a field holding the
              separator, `"`, CR or LF is quoted; quotes are doubled).
            - Numbers: integers as digits, no thousands separators. Decimals have a fixed count of
              places (see each column's type) and are rounded half away from zero; karta computes
              ratios with the same rule (`PerThousand`). Empty field = no value.
            - Lists are `|`-separated in one field.
            - **Formula neutralisation** (Excel files only): a *text* field whose first character is
              `=`, `+`, `-`, `@`, TAB or CR gets a leading apostrophe `'`, so Excel shows it as text
              (names and paths come from municipalities and are untrusted). Numbers karta writes as
              numbers — e.g. a negative capacity difference — are never changed. Plain files and
              JSON keep text exactly as it is.
            - JSON Lines (`records.jsonl`): one object per line, LF line ends, keys as in the table
              below and in that order, numbers as numbers, no value = `null`.

            """
        text += jsonSection()
        let sections: [(String, [CSVColumn])] = [
            (
                "Cells: `map-municipalities.csv`, `map-districts.csv`, `map-national.csv`",
                DraftTables.cellColumns
            ),
            ("Areas: `areas.csv`", DraftTables.areaColumns),
            ("Rejects summary: `rejects-summary.csv`", DraftTables.rejectColumns),
            ("Reconciliation: `reconciliation.csv`", DraftTables.reconciliationColumns),
            (
                "Reconciliation per service: `reconciliation-services.csv`",
                DraftTables.serviceReconciliationColumns
            ),
            (
                "Against the adopted Map: `map-comparison.csv` (only when an adopted Map is loaded)",
                DraftTables.comparisonColumns
            ),
            ("District-level services: `district-services.csv`", DraftTables.districtServiceColumns),
            ("Records: `records.csv`, `records.jsonl`", RecordsExport.columns),
            (
                "Annual plan: `plans/<code>.csv` (one row per service of the plan's three parts)",
                PlanTable.columns
            ),
        ]
        for (title, columns) in sections {
            text +=
                "\n## \(title)\n\n| # | header (Excel) | key | type | meaning |\n| --- | --- | --- | --- | --- |\n"
            for (index, column) in columns.enumerated() {
                text +=
                    "| \(index + 1) | \(column.headerBG) | `\(column.key)` | \(column.type.rawValue) | \(column.meaning) |\n"
            }
        }
        text += """

            ## Costs and indicators
            With a standards file (`standards:` in the pipeline, `--standards FILE`), every cell has a
            `cost` (JSON), a `<cost>` element (XML) and the cost columns (CSV): `mode` (the kind's mode
            of use in the file), `status` `known` or `unknown_standard`, the standard in BGN per user
            per year, and `cost_bgn` = maximum users × standard, in whole stotinki. A cell without a
            standard has **no** `cost_bgn` — unknown, never 0. Every area has `cost`:
            `known_cost_bgn` (sum of its cells' known costs), `unknown_cost_cells` and
            `unknown_cost_users`; GeoJSON features carry the same three properties. The metadata names
            `standards_version`, `standards_status` and the whole file (`standards`); the report has
            the section „Разходи по стандарти". Every cell with a criterion has `criterion_indicator`
            (`<criterionIndicator>`): the indicator's `name`, `value`, `unit` and `sources` (file and
            official source, НПСУ Art. 3); with an indicators file (`indicators:`, `--indicators
            FILE`) the metadata carries it as `indicators`.
            ## Report map

            `report.html` colours the 28 districts by `--indicator` (default `state-delegated-per-1000`:
            state-delegated places per 1,000 inhabitants; also `places-per-1000`,
            `maximum-users-per-1000`, `users-per-1000`) in five equal-interval classes between the
            smallest and largest district value; grey = no value. Without `--geometry` the map is
            karta's own tile grid (one square per district, roughly where it lies: Видин top left,
            Добрич/Варна/Бургас on the right, Кърджали at the bottom). With `--geometry FILE` (a GeoJSON
            FeatureCollection whose features carry the karta code, e.g. `SZR`, in the property named by
            `--geometry-property`, default `code`) the districts' Polygon/MultiPolygon outlines are drawn
            instead. karta ships no outlines.

            ## Determinism

            The same store, criteria and options give byte-identical files: no timestamps, every list
            in a documented order, keys sorted in JSON. Every file is written to a temporary file in
            the same folder, fsynced and renamed over the target.

            """
        return text
    }

    /// The JSON conventions and every artifact's `schema_version`, from ``ArtifactSchema``.
    static func jsonSection() -> String {
        var text = """
            ## JSON conventions

            Every JSON document karta writes comes from one encoder (`KartaJSON`): keys snake_case
            and sorted, two-space indentation (one line per object in JSON Lines and JSON logs), `/`
            unescaped, Cyrillic as UTF-8, dates ISO 8601. Enums are their names (`"status" :
            "shares"`), never positional `_0` keys. Every JSON artifact carries `karta_version`
            (the karta that wrote it) and `schema_version` (the layout, raised when a field changes
            meaning) at its top level; GeoJSON carries both in its `karta` member. A `--json` list
            is an object with the list under one key (`runs`, `files`, `rejects`…).

            | `schema_version` | artifact |
            | --- | --- |

            """
        for schema in ArtifactSchema.allCases {
            text += "| `\(schema.rawValue)` | \(artifact(schema)) |\n"
        }
        return text + "\n"
    }

    private static func artifact(_ schema: ArtifactSchema) -> String {
        switch schema {
        case .mapDraft: "`map-draft.json` (`export --format json`, `run`); v2: snake_case keys"
        case .runManifest: "`run.json`, the run manifest (`run`)"
        case .ingestReport: "`ingest --json`: `files`"
        case .aggregate: "`aggregate --format json`"
        case .explain: "`explain --json`"
        case .history: "`history --json`: `runs`"
        case .inspect: "`inspect --json`"
        case .reference: "`reference --json`: `districts`, `municipalities`, `aliases`, or one municipality"
        case .diff: "`diff --json`"
        case .export: "`export --json`: `files` (path, sha256, bytes)"
        case .rejects: "`rejects --format json`: `rejects`"
        case .rejectsSummary: "`rejects-summary.json`: `rejects`"
        case .reconciliation: "`reconciliation.json`"
        case .geoJSON: "`map-draft.geojson` (in its `karta` member)"
        case .storeCopy:
            "`store copy --json`: `source`, `destination`, `store_schema_version`, `replaced`, `tables` (table, rows, sha256)"
        case .storeCheck:
            "`store check --json`: `store`, `store_schema_version`, `supported_schema_version`, `tables` (table, rows, sha256)"
        }
    }
}
