/// How the pipeline uses a language model's opinion (`triage.backend`, `llm.autoSendDrafts`, `llm.allowedLinks`,
/// `llm.allowedPhones`); `triage.requireAgreement` is the decision policy's.
public struct OpinionSettings: Sendable, Hashable {
    /// Whose word the policy takes.
    public var backend: TriageBackend
    /// `llm.autoSendDrafts` (default off): send the model's draft instead of the intent's template text, only when
    /// the policy answers automatically anyway, the model named the same intent, and the draft passes ``screen``.
    public var autoSendDrafts: Bool
    /// The personal-data screen and the link and phone allow-lists a draft must pass to be sent on its own.
    public var screen: DraftScreen

    /// Creates settings; the defaults ask no model.
    public init(backend: TriageBackend = .local, autoSendDrafts: Bool = false, screen: DraftScreen = DraftScreen()) {
        self.backend = backend
        self.autoSendDrafts = autoSendDrafts
        self.screen = screen
    }
}
