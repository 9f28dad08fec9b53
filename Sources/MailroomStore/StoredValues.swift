import GRDB
import MailroomCore

// The domain's states are stored as their raw values: GRDB reads and writes them through
// `DatabaseValueConvertible`, so the store never matches strings.

extension TicketStatus: DatabaseValueConvertible {}
extension MessageState: DatabaseValueConvertible {}
extension OutboxState: DatabaseValueConvertible {}
extension OutboxPurpose: DatabaseValueConvertible {}
extension KnowledgeState: DatabaseValueConvertible {}
