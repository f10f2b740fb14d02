/// An RFC 4180 reader (quoted fields, doubled quotes, CRLF), per Unicode scalar as CSV readers
/// read bytes: what the export writes must read back as the same fields (tests and fuzzing).
public enum CSVReader {
    public static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = String.UnicodeScalarView(), quoted = false
        var it = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar?
        while let ch = pending ?? it.next() {
            pending = nil
            if quoted {
                if ch == "\"" {
                    if let next = it.next() { if next == "\"" { field.append("\"") } else { quoted = false; pending = next } } else { quoted = false }
                } else { field.append(ch) }
                continue
            }
            switch ch {
            case "\"": quoted = true
            case ",": row.append(String(field)); field = String.UnicodeScalarView()
            case "\r": break // CRLF: the LF ends the row
            case "\n": row.append(String(field)); rows.append(row); row = []; field = String.UnicodeScalarView()
            default: field.append(ch)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(String(field)); rows.append(row) }
        return rows
    }
}
