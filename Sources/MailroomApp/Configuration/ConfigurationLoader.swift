import Configuration
import Foundation

/// Loads the gateway configuration: environment variables (`MAILROOM_...`) over the YAML file.
public enum ConfigurationLoader {
    /// Reads `path` and the environment; throws ``ConfigurationError`` listing every error by key (warnings do
    /// not stop it: `check-config` and the start-up log show them).
    public static func load(path: String, environment: [String: String]? = nil) async throws -> GatewayConfiguration {
        let (configuration, problems) = try await check(path: path, environment: environment)
        let errors = problems.filter { $0.severity == .error }
        guard errors.isEmpty else { throw ConfigurationError(problems: errors) }
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
            "MAILROOM_IMAP_OAUTH2_TOKEN", "MAILROOM_SMTP_OAUTH2_TOKEN", "MAILROOM_HTTP_OPS_TOKEN",
            "MAILROOM_HTTP_METRICS_TOKEN", "MAILROOM_STORE_PASSWORD", "MAILROOM_LLM_API_KEY",
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
        var problems = fields.problems
        if let text = try? String(contentsOf: url, encoding: .utf8) {
            problems += ConfigKeys.unknownKeyProblems(inYAML: text)
        }
        problems += intentProblems(configuration)
        return (configuration, problems.sorted { ($0.key, $0.message) < ($1.key, $1.message) })
    }

    /// Intent names in `triage.alwaysEscalate` and `triage.intentThresholds` that the model does not have: a typo
    /// there would let the intent be answered automatically.
    static func intentProblems(_ configuration: GatewayConfiguration) -> [ConfigProblem] {
        let triage = configuration.triage
        // Nothing to check against the built-in model (tested on its own): not loaded twice at every start.
        let named = (triage.alwaysEscalate ?? []).count + triage.intentThresholds.count
        if triage.modelPath == nil && named == 0 { return [] }
        guard let model = try? TriageFiles.model(at: triage.modelPath) else {
            guard triage.modelPath != nil else { return [] }
            return [ConfigProblem(key: "triage.model", message: "\(triage.modelPath ?? "") cannot be read as a model")]
        }
        let labels = Set(model.labels)
        var problems: [ConfigProblem] = []
        func check(_ names: [String], key: String) {
            for name in names where !labels.contains(name) {
                let near = labels.min { ConfigKeys.distance(name, $0) < ConfigKeys.distance(name, $1) }
                let hint = near.map { ConfigKeys.distance(name, $0) <= 3 ? "; did you mean \($0)?" : "" } ?? ""
                problems.append(ConfigProblem(key: key, message: "the model has no intent '\(name)'\(hint)"))
            }
        }
        check(triage.alwaysEscalate ?? [], key: "triage.alwaysEscalate")
        check(Array(triage.intentThresholds.keys).sorted(), key: "triage.intentThresholds")
        return problems
    }
}
