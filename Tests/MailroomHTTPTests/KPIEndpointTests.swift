import Foundation
import Hummingbird
import HummingbirdTesting
import MailroomCore
import Testing

@testable import MailroomApp
@testable import MailroomHTTP

/// `GET /api/v1/kpis` returns the object `mailroom stats --json` prints.
@Suite struct KPIEndpointTests {
    @Test func theEndpointAndStatsJSONAgree() async throws {
        let harness = try await APIHarness()
        try await harness.customerMail(subject: "Where is my order?", body: "Hi, where is my order #A10-48213?")
        try await harness.customerMail(
            from: "Bob <bob@example.com>", subject: "Lawyer", body: "I will sue you unless you refund me today.")
        let since = "2020-01-01T00:00:00Z"
        let until = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3600))
        let headers = harness.headers(.manager)
        let body = try await harness.test { client in
            try await client.execute(uri: "/api/v1/kpis?since=\(since)&until=\(until)", method: .get, headers: headers)
            { response in
                #expect(response.status == .ok)
                return Data(response.body.readableBytesView)
            }
        }
        var fromAPI = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        let report = try harness.gateway.store.kpis(
            since: try Date(since, strategy: .iso8601), until: try Date(until, strategy: .iso8601), now: Date())
        var fromStats = try #require(
            try JSONSerialization.jsonObject(with: Data(try StatsReport.json(report).utf8)) as? [String: Any])
        #expect(Set(fromAPI.keys) == Set(fromStats.keys))
        fromAPI["generatedAt"] = nil
        fromStats["generatedAt"] = nil
        #expect(NSDictionary(dictionary: fromAPI).isEqual(to: fromStats), "\(fromAPI) vs \(fromStats)")
        #expect(fromAPI["tickets"] as? Int == 2)
        let bad = try await harness.test { client in
            try await client.execute(uri: "/api/v1/kpis?since=\(until)&until=\(since)", method: .get, headers: headers)
            { $0.status }
        }
        #expect(bad == .badRequest)
    }
}
