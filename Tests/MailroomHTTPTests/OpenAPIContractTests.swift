import Foundation
import Hummingbird
import Testing

@testable import MailroomHTTP

/// The OpenAPI document is the contract: it names exactly the routes the server has, with the same methods (the
/// console's HTML pages under `/ops` are for browsers, not part of the API).
@Suite struct OpenAPIContractTests {
    @Test func theDocumentAndTheRouterAgree() async throws {
        let harness = try await APIHarness()
        let routes = Set(
            harness.server.router().routes.filter {
                !$0.path.description.hasPrefix("/ops") && !$0.path.description.hasPrefix("ops")
                    && $0.path.description != "/favicon.ico" && $0.path.description != "favicon.ico"
            }.map { route in
                let path =
                    "/"
                    + route.path.components.map { component -> String in
                        let text = "\(component)"
                        return text.hasPrefix(":") ? "{\(text.dropFirst())}" : text
                    }.joined(separator: "/")
                return "\(route.method.rawValue.lowercased()) \(path)"
            })
        let document = try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.bytes)) as? [String: Any]
        let paths = try #require(document?["paths"] as? [String: [String: Any]])
        let specified = Set(paths.flatMap { path, methods in methods.keys.map { "\($0) \(path)" } })
        #expect(document?["openapi"] as? String == "3.1.0")
        #expect(
            routes.subtracting(specified).isEmpty,
            "routes missing in openapi.json: \(routes.subtracting(specified).sorted())")
        #expect(
            specified.subtracting(routes).isEmpty,
            "documented but not served: \(specified.subtracting(routes).sorted())")
    }
}
