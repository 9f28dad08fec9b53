import GRDB
import MailroomCore

/// The KPI rollup changes of one transaction, written once at its end (``flush(_:)``): the tickets of a batch of
/// messages move the same day's cells again and again, and each move was two upserts. The rollups only add, so
/// the sums written are exactly those of the moves one by one. Used by one transaction on one thread.
final class KPIRollupBuffer {
    private var days: [String: [KPICell: Double]] = [:]

    /// Adds `value` to a day's cell.
    func add(day: String, _ cell: KPICell, _ value: Double) {
        days[day, default: [:]][cell, default: 0] += value
    }

    /// Writes what was added to the days and their months (cells whose changes cancel out are left alone), and
    /// empties the buffer.
    func flush(_ db: Database) throws {
        var months: [String: [KPICell: Double]] = [:]
        for (day, cells) in days {
            for (cell, value) in cells where value != 0 {
                try KPIRollup.upsert(db, day: day, cell, value)
                months[String(day.prefix(7)), default: [:]][cell, default: 0] += value
            }
        }
        for (month, cells) in months {
            for (cell, value) in cells where value != 0 { try KPIRollup.upsert(db, month: month, cell, value) }
        }
        days = [:]
    }
}
