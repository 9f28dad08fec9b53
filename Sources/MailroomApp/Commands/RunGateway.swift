import Foundation
import Logging
import MailTransport

/// `mailroom run [--once] --config FILE`.
public enum RunGateway {
    /// Loads the configuration and runs until stopped, or once; returns the summary of a `--once` run.
    @discardableResult
    public static func run(configPath: String, once: Bool, logger: Logger) async throws -> RunSummary? {
        let configuration = try await ConfigurationLoader.load(path: configPath)
        do {
            let gateway = try Gateway(configuration: configuration, logger: logger)
            if once { return try await gateway.runOnce() }
            try await gateway.run()
            return nil
        } catch let error as TransportError {
            throw RunError(message: RunError.detail(error))
        }
    }
}
