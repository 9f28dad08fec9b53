import Foundation
import Synchronization
import Testing

@testable import MailroomApp

@Suite struct GroupCommitTests {
    /// Records each group it commits; slow, like a transaction waiting for the writer.
    final class Recorder: Sendable {
        let groups = Mutex<[[Int]]>([])
        let failOn: Int?

        init(failOn: Int? = nil) { self.failOn = failOn }

        func commit(_ inputs: [Int]) throws -> [Int] {
            groups.withLock { $0.append(inputs) }
            Thread.sleep(forTimeInterval: 0.02)
            if let failOn, inputs.contains(failOn) { throw CocoaError(.fileWriteUnknown) }
            return inputs.map { $0 * 10 }
        }
    }

    @Test func aLoneCallerIsCommittedAtOnce() async throws {
        let recorder = Recorder()
        let group = GroupCommit<Int, Int> { try recorder.commit($0) }
        #expect(try await group.submit(7) == 70)
        #expect(recorder.groups.withLock { $0 } == [[7]])
    }

    @Test func inputsLeftForTheNextCommitWaitForASubmitAndShareIt() async throws {
        let recorder = Recorder()
        let group = GroupCommit<Int, Int> { try recorder.commit($0) }
        let first = group.submitWithNext(1)
        let second = group.submitWithNext(2)
        // Nothing starts a commit for them: they are queued, and nothing is committed.
        try await Task.sleep(for: .milliseconds(50))
        #expect(recorder.groups.withLock { $0 }.isEmpty)
        #expect(group.waitingCount == 2)
        #expect(try await group.submit(3) == 30)
        #expect(try await first.value == 10)
        #expect(try await second.value == 20)
        #expect(recorder.groups.withLock { $0 } == [[1, 2, 3]])
    }

    @Test func whatWasLeftDuringACommitWaitsForTheNextSubmit() async throws {
        let recorder = Recorder()
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let group = GroupCommit<Int, Int> { inputs in
            if inputs == [1] {
                started.signal()
                release.wait()
            }
            return try recorder.commit(inputs)
        }
        async let first = group.submit(1)
        await Task.detached { started.wait() }.value
        let later = group.submitWithNext(2)
        release.signal()
        #expect(try await first == 10)
        // The commit that ran does not make another for it alone; the next submit takes it.
        try await Task.sleep(for: .milliseconds(50))
        #expect(recorder.groups.withLock { $0 } == [[1]])
        #expect(try await group.submit(3) == 30)
        #expect(try await later.value == 20)
        #expect(recorder.groups.withLock { $0 } == [[1], [2, 3]])
    }

    @Test func aFailedCommitFailsWhatWasLeftForIt() async throws {
        let recorder = Recorder(failOn: 5)
        let group = GroupCommit<Int, Int> { try recorder.commit($0) }
        let left = group.submitWithNext(4)
        await #expect(throws: CocoaError.self) { try await group.submit(5) }
        await #expect(throws: CocoaError.self) { try await left.value }
    }

    @Test func callersWaitingForACommitShareTheNextOne() async throws {
        // The first commit is held until the 39 other callers are observably waiting, so the test does not depend
        // on how fast a loaded machine starts tasks.
        let recorder = Recorder()
        let firstStarted = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let group = GroupCommit<Int, Int> { inputs in
            if inputs == [1] {
                firstStarted.signal()
                release.wait()
            }
            return try recorder.commit(inputs)
        }
        let outputs = try await withThrowingTaskGroup(of: (Int, Int).self) { tasks in
            tasks.addTask { (1, try await group.submit(1)) }
            await Task.detached { firstStarted.wait() }.value
            for input in 2...40 { tasks.addTask { (input, try await group.submit(input)) } }
            let deadline = ContinuousClock.now + .seconds(30)
            while group.waitingCount < 39, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(5))
            }
            release.signal()
            return try await tasks.reduce(into: [Int: Int]()) { $0[$1.0] = $1.1 }
        }
        #expect(outputs.count == 40)
        #expect(outputs.allSatisfy { $0.value == $0.key * 10 })
        let groups = recorder.groups.withLock { $0 }
        #expect(groups.count == 2)
        #expect(groups.first == [1])
        #expect(groups.last?.sorted() == Array(2...40))
    }

    @Test func aFailedCommitFailsItsCallersOnly() async throws {
        let recorder = Recorder(failOn: 3)
        let group = GroupCommit<Int, Int> { try recorder.commit($0) }
        await #expect(throws: CocoaError.self) { try await group.submit(3) }
        #expect(try await group.submit(4) == 40)
        let wrong = GroupCommit<Int, Int> { _ in [] }
        await #expect(throws: GroupCommitError.outputCount(expected: 1, got: 0)) { try await wrong.submit(1) }
    }
}
