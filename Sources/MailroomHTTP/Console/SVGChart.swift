import Foundation
import MailroomCore

/// Charts as inline SVG, built on the server from numbers: stacked bars per day, lines over days, horizontal bars
/// per label. Colours come from classes in mailroom.css (`series-0`...), never from inline styles (the CSP allows
/// no inline styles); every label is XML-escaped here, since the page inserts the SVG unescaped.
enum SVGChart {
    static let width = 640.0
    static let height = 220.0
    static let left = 48.0
    static let right = 12.0
    static let top = 12.0
    static let bottom = 28.0

    /// Stacked bars: one bar per label, one segment per series.
    static func stackedBars(labels: [String], series: [(name: String, values: [Double])], title: String) -> String {
        let totals = labels.indices.map { index in series.reduce(0) { $0 + ($1.values[safe: index] ?? 0) } }
        let maximum = max(5, niceMaximum(totals.max() ?? 0))
        let plotWidth = width - left - right
        let slot = plotWidth / Double(max(labels.count, 1))
        var parts = frame(title: title, maximum: maximum, format: { String(Int($0)) })
        for index in labels.indices {
            var base = height - bottom
            for (number, entry) in series.enumerated() {
                let value = entry.values[safe: index] ?? 0
                guard value > 0 else { continue }
                let barHeight = (value / maximum) * (height - top - bottom)
                base -= barHeight
                parts.append(
                    "<rect class=\"series-\(number)\" x=\(attr(left + Double(index) * slot + slot * 0.1)) y=\(attr(base)) width=\(attr(slot * 0.8)) height=\(attr(barHeight))><title>\(escape(labels[index])): \(escape(entry.name)) \(Int(value))</title></rect>"
                )
            }
        }
        parts.append(contentsOf: xLabels(labels, slot: slot))
        parts.append(legend(series.map(\.name)))
        return wrap(parts, title: title)
    }

    /// Lines over the labels; nil values leave a gap. `format` writes the axis values.
    static func lines(
        labels: [String], series: [(name: String, values: [Double?])], title: String, maximum fixed: Double? = nil,
        format: @escaping (Double) -> String
    ) -> String {
        let all = series.flatMap { $0.values.compactMap { $0 } }
        let maximum = fixed ?? niceMaximum(all.max() ?? 0)
        let plotWidth = width - left - right
        let slot = plotWidth / Double(max(labels.count, 1))
        var parts = frame(title: title, maximum: maximum, format: format)
        for (number, entry) in series.enumerated() {
            var segment: [String] = []
            func flush() {
                if segment.count > 1 {
                    parts.append(
                        "<polyline class=\"line series-\(number)\" points=\"\(segment.joined(separator: " "))\"/>")
                }
                segment = []
            }
            for (index, value) in entry.values.enumerated() {
                guard let value else {
                    flush()
                    continue
                }
                let x = left + Double(index) * slot + slot / 2
                let y = height - bottom - min(value, maximum) / maximum * (height - top - bottom)
                segment.append(String(format: "%.1f,%.1f", x, y))
                parts.append(
                    "<circle class=\"series-\(number)\" cx=\(attr(x)) cy=\(attr(y)) r=\"2.5\"><title>\(escape(labels[safe: index] ?? "")): \(escape(entry.name)) \(escape(format(value)))</title></circle>"
                )
            }
            flush()
        }
        parts.append(contentsOf: xLabels(labels, slot: slot))
        parts.append(legend(series.map(\.name)))
        return wrap(parts, title: title)
    }

    /// One horizontal bar per label, longest first as given.
    static func horizontalBars(
        _ rows: [(label: String, value: Double)], title: String, maximum fixed: Double? = nil,
        format: @escaping (Double) -> String
    ) -> String {
        let rowHeight = 22.0
        let chartHeight = max(40, Double(rows.count) * rowHeight + 16)
        let maximum = fixed ?? niceMaximum(rows.map(\.value).max() ?? 0)
        let labelWidth = 180.0
        var parts: [String] = []
        for (index, row) in rows.enumerated() {
            let y = 8 + Double(index) * rowHeight
            let barWidth = max(0, row.value / maximum) * (width - labelWidth - 70)
            parts.append(
                "<text class=\"label\" x=\(attr(labelWidth - 6)) y=\(attr(y + 14)) text-anchor=\"end\">\(escape(String(row.label.prefix(28))))</text>"
            )
            parts.append(
                "<rect class=\"series-0\" x=\(attr(labelWidth)) y=\(attr(y + 3)) width=\(attr(barWidth)) height=\"14\"><title>\(escape(row.label)): \(escape(format(row.value)))</title></rect>"
            )
            parts.append(
                "<text class=\"label\" x=\(attr(labelWidth + barWidth + 6)) y=\(attr(y + 14))>\(escape(format(row.value)))</text>"
            )
        }
        if rows.isEmpty { parts.append("<text class=\"label\" x=\"8\" y=\"24\">no data in this period</text>") }
        return
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(chartHeight))\" role=\"img\" aria-label=\"\(escape(title))\">"
            + parts.joined() + "</svg>"
    }

    // MARK: parts

    private static func frame(title: String, maximum: Double, format: (Double) -> String) -> [String] {
        var parts: [String] = []
        for step in 0...5 {
            let value = maximum * Double(step) / 5
            let y = height - bottom - Double(step) / 5 * (height - top - bottom)
            parts.append(
                "<line class=\"grid\" x1=\(attr(left)) x2=\(attr(width - right)) y1=\(attr(y)) y2=\(attr(y))/>")
            parts.append(
                "<text class=\"label\" x=\(attr(left - 4)) y=\(attr(y + 4)) text-anchor=\"end\">\(escape(format(value)))</text>"
            )
        }
        return parts
    }

    private static func xLabels(_ labels: [String], slot: Double) -> [String] {
        guard !labels.isEmpty else { return ["<text class=\"label\" x=\"60\" y=\"100\">no data in this period</text>"] }
        let every = max(1, Int((Double(labels.count) / 6).rounded(.up)))
        return labels.indices.filter { $0 % every == 0 || $0 == labels.count - 1 }.map { index in
            "<text class=\"label\" x=\(attr(left + Double(index) * slot + slot / 2)) y=\(attr(height - bottom + 16)) text-anchor=\"middle\">\(escape(String(labels[index].suffix(5))))</text>"
        }
    }

    private static func legend(_ names: [String]) -> String {
        names.enumerated().map { number, name in
            let x = left + Double(number) * 150
            return "<rect class=\"series-\(number)\" x=\(attr(x)) y=\"0\" width=\"10\" height=\"10\"/>"
                + "<text class=\"label\" x=\(attr(x + 14)) y=\"9\">\(escape(name))</text>"
        }.joined()
    }

    private static func wrap(_ parts: [String], title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 -4 \(Int(width)) \(Int(height + 4))\" role=\"img\" aria-label=\"\(escape(title))\">"
            + parts.joined() + "</svg>"
    }

    /// A round upper bound for an axis (1, 2 or 5 times a power of ten), at least 1.
    static func niceMaximum(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        let power = pow(10, floor(log10(value)))
        for factor in [1.0, 2, 5, 10] where factor * power >= value { return factor * power }
        return 10 * power
    }

    private static func attr(_ value: Double) -> String {
        String(format: "\"%.1f\"", value.isFinite ? value : 0)
    }

    /// XML escaping for text and attribute values.
    static func escape(_ text: String) -> String {
        MarkupEscaping.escape(text)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
