import Configuration
import Foundation

/// Loads the gateway configuration: environment variables (`MAILROOM_...`) over the YAML file.
public enum ConfigurationLoader {
    /// Reads `path` and the environment; throws ``ConfigurationError`` listing every problem by key.
    public static func load(path: String, environment: [String: String]? = nil) async throws -> GatewayConfiguration {
        let (configuration, problems) = try await check(path: path, environment: environment)
        guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
        return configuration
    }

    /// Reads everything and returns the configuration with every problem found (empty when usable).
    public static func check(path: String, environment: [String: String]? = nil) async throws
        -> (GatewayConfiguration, [ConfigProblem])
    {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ConfigurationError(problems: [ConfigProblem(key: "(file)", message: "\(path) does not exist")])
        }
        let file: FileProvider<YAMLSnapshot>
        do {
            file = try await FileProvider<YAMLSnapshot>(filePath: .init(url.path))
        } catch {
            throw ConfigurationError(problems: [
                ConfigProblem(key: "(file)", message: "\(path) is not valid YAML: \(error)")
            ])
        }
        let secrets: Set<String> = [
            "MAILROOM_IMAP_PASSWORD", "MAILROOM_SMTP_PASSWORD", "MAILROOM_TOKENS_SECRET",
            "MAILROOM_IMAP_OAUTH2_TOKEN", "MAILROOM_SMTP_OAUTH2_TOKEN",
        ]
        let env: EnvironmentVariablesProvider
        if let environment {
            env = EnvironmentVariablesProvider(environmentVariables: environment, secretsSpecifier: .specific(secrets))
        } else {
            env = EnvironmentVariablesProvider(secretsSpecifier: .specific(secrets))
        }
        let reader = ConfigReader(providers: [env.prefixKeys(with: "mailroom"), file])
        var fields = ConfigFields(reader: reader)
        let configuration = GatewayConfiguration(fields: &fields, baseDirectory: url.deletingLastPathComponent())
        return (configuration, fields.problems.sorted { $0.key < $1.key })
    }
}
