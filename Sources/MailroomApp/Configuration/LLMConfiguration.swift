import Foundation
import MailroomCore
import MailroomLLM

/// `llm.*` with `triage.backend` and `triage.requireAgreement`: whether and how a language model is asked. With
/// `triage.backend: local` (the default) nothing here is needed and no model is ever called.
public struct LLMConfiguration: Sendable {
    /// `triage.backend`: `local` (default), `llm` or `both`.
    public var backend: TriageBackend
    /// `triage.requireAgreement` (default false): with `both`, an automatic reply only when both name the intent.
    public var requireAgreement: Bool
    /// `llm.baseURL`, `llm.model`, `llm.apiKey` (`MAILROOM_LLM_API_KEY`), `llm.timeoutSeconds`,
    /// `llm.maxConcurrent`, `llm.flavor`, `llm.maxTokens`; nil with the `local` backend.
    public var client: LLMSettings?
    /// `llm.prompts` (default `prompts` beside the configuration file, i.e. `config/prompts/`): the prompt files;
    /// the built-in ones when the folder does not exist.
    public var promptsPath: String
    /// `llm.calibration` (default `llm-calibration.json` beside the configuration file): what
    /// `mailroom evaluate --backend llm` fitted.
    public var calibrationPath: String
    /// `llm.autoSendDrafts`, `llm.allowedLinks`, `llm.allowedPhones`.
    public var autoSendDrafts: Bool
    /// The allow-lists a draft sent without a person must keep to.
    public var screen: DraftScreen
    /// `llm.breakerFailures` (default 5): failed calls in a row that open the circuit breaker.
    public var breakerFailures: Int
    /// `llm.breakerSeconds` (default 60): how long an open breaker skips the backend.
    public var breakerSeconds: Int

    init(fields: inout ConfigFields, resolve: (String) -> String) {
        backend =
            TriageBackend(rawValue: fields.choice("triage.backend", ["local", "llm", "both"], default: "local"))
            ?? .local
        requireAgreement = fields.bool("triage.requireAgreement", default: false)
        let base = fields.string("llm.baseURL")
        let model = fields.string("llm.model")
        let key = fields.string("llm.apiKey", secret: true)
        let timeout = fields.double("llm.timeoutSeconds", default: 20, range: 0.5...600)
        let concurrent = fields.int("llm.maxConcurrent", default: 4, range: 1...256)
        let maxTokens = fields.int("llm.maxTokens", default: 1024, range: 64...16_384)
        let flavor =
            LLMSettings.Flavor(
                rawValue: fields.choice(
                    "llm.flavor", LLMSettings.Flavor.allCases.map(\.rawValue), default: "openai")) ?? .openai
        promptsPath = resolve(fields.string("llm.prompts") ?? "prompts")
        calibrationPath = resolve(fields.string("llm.calibration") ?? "llm-calibration.json")
        autoSendDrafts = fields.bool("llm.autoSendDrafts", default: false)
        screen = DraftScreen(
            allowedLinks: fields.strings("llm.allowedLinks"), allowedPhones: fields.strings("llm.allowedPhones"))
        breakerFailures = fields.int("llm.breakerFailures", default: 5, range: 1...1000)
        breakerSeconds = fields.int("llm.breakerSeconds", default: 60, range: 1...86_400)
        client = nil
        guard backend != .local || base != nil else { return }
        guard let base, let url = URL(string: base), let scheme = url.scheme?.lowercased(),
            ["http", "https"].contains(scheme), url.host != nil
        else {
            fields.problem(
                "llm.baseURL",
                base == nil ? "required with triage.backend: \(backend.rawValue)" : "not an http or https URL")
            return
        }
        if url.user != nil || url.password != nil {
            fields.problem("llm.baseURL", "carries credentials: give the key as MAILROOM_LLM_API_KEY instead")
            return
        }
        guard let model, !model.isEmpty else {
            fields.problem("llm.model", "required with llm.baseURL")
            return
        }
        if scheme == "http", !Self.isLoopback(url.host ?? ""), key != nil {
            fields.warning(
                "llm.baseURL", "plain http to a remote host: the API key and customers' mail travel unencrypted")
        }
        if backend == .local {
            fields.warning("triage.backend", "local: llm.* is set but no model is asked (set llm or both)")
        }
        if backend == .llm, !FileManager.default.fileExists(atPath: calibrationPath) {
            fields.warning(
                "llm.calibration",
                "\(calibrationPath) does not exist: the model's confidence is uncalibrated and every message goes to "
                    + "the agents until `mailroom evaluate --backend llm --data FILE` fits a calibration")
        }
        if requireAgreement, backend != .both {
            fields.warning("triage.requireAgreement", "only applies with triage.backend: both")
        }
        if autoSendDrafts, backend == .local {
            fields.warning("llm.autoSendDrafts", "no effect with triage.backend: local")
        }
        client = LLMSettings(
            baseURL: url, model: model, apiKey: key, timeoutSeconds: timeout, maxConcurrent: concurrent, flavor: flavor,
            maxTokens: maxTokens)
    }

    /// Whether a model is asked at all.
    public var isEnabled: Bool { backend != .local && client != nil }

    private static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
    }
}
