/// A minimal RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF or LF line ends), on text in memory.
public struct CSVTable: Sendable {
    /// The header row.
    public let header: [String]
    /// The data rows (each as long as it was written).
    public let rows: [[String]]

    /// Parses CSV text whose first row is the header.
    public init(parsing text: String) {
        var records = Self.records(text)
        header = records.isEmpty ? [] : records.removeFirst()
        rows = records.filter { !($0.count == 1 && $0[0].isEmpty) }
    }

    /// The position of a column by name.
    public func column(_ name: String) -> Int? {
        header.firstIndex(of: name)
    }

    /// The rows as labelled examples, using the `text` and `label` columns; `nil` when either is missing.
    public func labeledExamples() -> [LabeledExample]? {
        guard let text = column("text"), let label = column("label") else { return nil }
        return rows.compactMap { row in
            guard row.count > max(text, label) else { return nil }
            return LabeledExample(text: row[text], label: row[label])
        }
    }

    private static func records(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            if quoted {
                if scalar == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = scalars.next()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": quoted = true
            case ",":
                record.append(String(field))
                field.removeAll()
            case "\r" where pending == "\n": continue
            case "\n", "\r":
                record.append(String(field))
                field.removeAll()
                records.append(record)
                record = []
            default: field.append(scalar)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(String(field))
            records.append(record)
        }
        return records
    }

    /// Quotes a field when it needs quoting.
    public static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacing("\"", with: "\"\"") + "\""
    }
}
