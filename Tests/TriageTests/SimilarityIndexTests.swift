import Testing

@testable import Triage

@Suite struct SimilarityIndexTests {
    static func sampleIndex() -> SimilarityIndex {
        var index = SimilarityIndex(hashBits: 14)
        let entries = [
            ("T-1", "my parcel has not arrived after two weeks", "Reshipped via express.", "track_order"),
            ("T-2", "how do I reset my password", "Sent the reset link.", "recover_password"),
            ("T-3", "I was charged twice for the same order", "Refunded the duplicate charge.", "payment_issue"),
            ("T-4", "please change my delivery address", "Updated the address.", "change_shipping_address"),
            ("T-5", "can I pay with paypal", "Yes, PayPal is accepted.", "check_payment_methods"),
        ]
        for (id, text, resolution, intent) in entries {
            index.add(SimilarityIndex.Entry(ticketID: id, customerText: text, resolution: resolution, intent: intent))
        }
        return index
    }

    @Test func paraphraseRanksAboveUnrelatedText() {
        let index = Self.sampleIndex()
        let matches = index.query("the parcel still has not arrived", k: 3)
        #expect(matches.first?.entry.ticketID == "T-1")
        #expect((matches.first?.score ?? 0) > (matches.dropFirst().first?.score ?? 0))
        let charged = index.query("you charged me twice", k: 1)
        #expect(charged.first?.entry.ticketID == "T-3")
        #expect(index.query("zebra xylophone quantum", k: 3).isEmpty)
    }

    @Test func identicalTextScoresOne() {
        let index = Self.sampleIndex()
        let live = index.query("how do I reset my password", k: 1).first
        #expect(live?.entry.ticketID == "T-2")
        #expect((live?.score ?? 0) > 0.98)
        let rebuilt = index.rebuilt().query("how do I reset my password", k: 1).first
        #expect(abs((rebuilt?.score ?? 0) - 1) < 1e-4)
    }

    @Test func addRemoveAndReplaceAtRunTime() {
        var index = Self.sampleIndex()
        #expect(index.count == 5)
        let removed = index.remove(ticketID: "T-1")
        let removedAgain = index.remove(ticketID: "T-1")
        #expect(removed)
        #expect(!removedAgain)
        #expect(index.query("parcel has not arrived", k: 5).allSatisfy { $0.entry.ticketID != "T-1" })
        index.add(
            SimilarityIndex.Entry(
                ticketID: "T-2", customerText: "parcel never arrived", resolution: "Refunded.", intent: "track_order"))
        #expect(index.count == 4)
        #expect(index.query("parcel arrived", k: 1).first?.entry.ticketID == "T-2")
        #expect(index.query("reset password", k: 5).allSatisfy { $0.entry.ticketID != "T-2" })
    }

    @Test func invertedIndexAgreesWithBruteForce() {
        let index = Self.sampleIndex()
        for text in ["parcel arrived", "charged twice order", "address change please", "paypal"] {
            let fast = index.query(text, k: 5)
            let slow = index.bruteForceQuery(text, k: 5)
            #expect(fast.map(\.entry.ticketID) == slow.map(\.entry.ticketID))
            for (a, b) in zip(fast, slow) { #expect(abs(a.score - b.score) < 1e-5) }
        }
    }

    @Test func encodesAndRebuilds() throws {
        let index = Self.sampleIndex()
        let decoded = try SimilarityIndex.decode(index.encode())
        #expect(decoded.count == index.count)
        #expect(decoded.allEntries == index.allEntries)
        #expect(decoded.query("charged twice", k: 1).first?.entry.ticketID == "T-3")
        var bytes = index.encode()
        bytes[4] = 7
        #expect(throws: ModelFileError.versionMismatch(found: 7, expected: SimilarityIndex.formatVersion)) {
            try SimilarityIndex.decode(bytes)
        }
    }
}
