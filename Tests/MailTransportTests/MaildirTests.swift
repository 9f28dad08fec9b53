import Foundation
import Testing

@testable import MailTransport

@Suite struct MaildirTests {
    private func temporaryMaildir() -> String {
        NSTemporaryDirectory() + "maildir-test-\(UInt64.random(in: 0...UInt64.max))"
    }

    @Test func deliverWritesThroughTmpIntoNew() throws {
        let root = temporaryMaildir()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let sink = try MaildirSink(directory: root)
        let message = Array("Subject: hi\r\n\r\nGrüße\r\n".utf8) + [0x80, 0xFF]
        let name = try sink.deliver(message)
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(root)/new/\(name)")) == Data(message))
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(root)/tmp").isEmpty)
        let other = try sink.deliver(message)
        #expect(other != name)
    }

    @Test func sourceTakesNewMessagesIntoCurWithFlags() throws {
        let root = temporaryMaildir()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let sink = try MaildirSink(directory: root)
        let first = Array("Subject: 1\r\n\r\n".utf8)
        try sink.deliver(first)
        try sink.deliver(Array("Subject: 2\r\n\r\n".utf8))
        let source = try MaildirSource(directory: root)
        let waiting = try source.newMessages()
        #expect(waiting.count == 2)
        #expect(try source.read(waiting[0]) == first)
        let taken = try source.take(waiting[0], flags: [.seen])
        #expect(taken.fileName == waiting[0].name + ":2,S")
        #expect(try source.newMessages().count == 1)
        let flagged = try source.setFlags([.seen, .replied, .flagged], on: taken)
        #expect(flagged.fileName.hasSuffix(":2,FRS"))
        #expect(try source.currentMessages() == [flagged])
        #expect(try source.read(flagged) == first)
    }

    @Test func parsesInfoSuffixes() {
        let message = MaildirSource.parse("1700000000.M1P2Q3.host:2,SRx")
        #expect(message.name == "1700000000.M1P2Q3.host")
        #expect(message.flags == [.seen, .replied])
        #expect(MaildirSource.parse("plain-name").flags.isEmpty)
    }

    @Test func missingMaildirIsAStorageError() {
        #expect(throws: TransportError.storageFailed) { try MaildirSource(directory: "/nonexistent/maildir") }
        let file = temporaryMaildir()
        #expect(FileManager.default.createFile(atPath: file, contents: Data("not a folder".utf8)))
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(throws: TransportError.storageFailed) { try MaildirSink(directory: file + "/maildir") }
    }

    @Test func readerHonoursTheLimit() throws {
        var pipeEnds: [Int32] = [0, 0]
        #expect(pipe(&pipeEnds) == 0)
        let payload = [UInt8](repeating: 65, count: 200_000)
        let writeEnd = pipeEnds[1]
        let writer = Thread {
            payload.withUnsafeBytes { _ = write(writeEnd, $0.baseAddress!, $0.count) }
            close(writeEnd)
        }
        writer.start()
        #expect(MessageReader.read(fileDescriptor: pipeEnds[0], limit: 100_000) == .tooLarge(limit: 100_000))
        close(pipeEnds[0])
    }
}
