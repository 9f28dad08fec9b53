import Foundation
import MailroomHTTP

extension HTTPSettings {
    /// Reads `http.*`; nil when `http.port` is not set (no HTTP server).
    static func read(_ fields: inout ConfigFields) -> HTTPSettings? {
        let port = fields.int("http.port", default: 0, range: 0...65535)
        let host = fields.string("http.host") ?? "127.0.0.1"
        let publicURL = fields.string("http.publicURL")
        if let publicURL, URL(string: publicURL)?.scheme.map({ ["http", "https"].contains($0.lowercased()) }) != true {
            fields.problem("http.publicURL", "'\(publicURL)' is not an http:// or https:// address")
        }
        let settings = HTTPSettings(
            host: host, port: port, publicURL: publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 },
            publicIntake: fields.bool("http.publicIntake", default: false),
            sessionHours: fields.int("http.sessionHours", default: 12, range: 1...720),
            opsToken: fields.string("http.opsToken", secret: true),
            metricsToken: fields.string("http.metricsToken", secret: true),
            intakePerMinute: fields.int("http.intakePerMinute", default: 10, range: 1...10_000),
            intakePerAddressPerHour: fields.int("http.intakePerAddressPerHour", default: 5, range: 1...10_000))
        if let token = settings.opsToken, token.utf8.count < 24 {
            fields.problem("http.opsToken", "too short: use at least 24 random characters")
        }
        return port == 0 ? nil : settings
    }
}
