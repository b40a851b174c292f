/// karta's own tile-grid cartogram of the 28 districts: one square per district, placed on a grid
/// that roughly follows Bulgaria's geography (Видин top left, the Danube along the top row,
/// Варна and Бургас on the right, Кърджали at the bottom). Made for the report; no outlines.
public enum DistrictTileGrid {
    /// Column and row of each district code.
    public static let positions: [String: (column: Int, row: Int)] = [
        "VID": (0, 0), "MON": (1, 0), "VRC": (2, 0), "PVN": (3, 0), "VTR": (4, 0), "RSE": (5, 0),
        "SLS": (6, 0), "DOB": (7, 0),
        "PER": (0, 1), "SOF": (1, 1), "SFO": (2, 1), "LOV": (3, 1), "GAB": (4, 1), "RAZ": (5, 1),
        "SHU": (6, 1), "VAR": (7, 1),
        "KNL": (0, 2), "PAZ": (2, 2), "PDV": (3, 2), "SZR": (4, 2), "TGV": (5, 2), "SLV": (6, 2),
        "BGS": (7, 2),
        "BLG": (1, 3), "HKV": (4, 3), "JAM": (6, 3),
        "SML": (3, 4), "KRZ": (4, 4),
    ]
    public static let columns = 8
    public static let rows = 5
}
