import MailMessage
import Triage

/// What can be worked out of a stored message before its transaction: the parse, the kind, the new text, and the
/// analysis (classification, signals, similar tickets) of the text it will most likely be classified on. It needs
/// nothing from the store, so a batch is prepared in parallel outside the single writer; the pipeline uses each
/// part only where it applies (the same bytes, the same classified text) and otherwise works it out again, so a
/// wrong guess costs time, never a different result.
public struct PreparedMessage: Sendable {
    /// The bytes it was prepared from (shared, not copied): it is used only for the very same bytes.
    let raw: [UInt8]
    let parsed: Message
    let kind: KindVerdict
    let textBody: String
    let newText: String
    /// Analyses by the exact text classified (the subject and the new text for a new ticket, the new text alone for
    /// a follow-up); the similar tickets are not yet filtered by the ticket they belong to.
    let analyses: [String: MessagePipeline.Analysis]
    /// The language model's triage, asked before the transaction (``MessagePipeline/modelQuestion(_:)``); nil when
    /// none was asked.
    public var opinion: ModelOpinion?
}

extension MessagePipeline {
    /// Prepares `message` for ``process(_:prepared:lookup:now:random:)``; nil when there is nothing to prepare
    /// (an oversized stub, unreadable bytes). Pure and safe to call from several threads at once.
    public func prepare(_ message: InboundMessage) -> PreparedMessage? {
        guard message.oversizedSize == nil,
            let parsed = try? MessageParser.parse(message.raw, limits: settings.parseLimits)
        else { return nil }
        let kind = parsed.kindVerdict
        let textBody = Work.textBody(of: parsed)
        let newText = Work.newText(textBody: textBody)
        var analyses: [String: Analysis] = [:]
        if kind.kind == .normal {
            // A mail that refers to no earlier one most likely opens a ticket; threading decides in the transaction.
            let isNew = parsed.inReplyTo == nil && parsed.references.isEmpty
            let heading = Self.classifiedHeading(parsed, isNew: isNew)
            analyses[Self.classifiedText(heading, text: newText)] = analyseText(newText, under: heading)
        }
        return PreparedMessage(
            raw: message.raw, parsed: parsed, kind: kind, textBody: textBody, newText: newText, analyses: analyses)
    }

    /// What a language model is asked about a prepared message (its subject and new text), or nil when no model
    /// is configured or the message is not a person's mail to triage (machine mail, an agent's or our own).
    public func modelQuestion(_ prepared: PreparedMessage) -> String? {
        guard settings.opinions.backend != .local, prepared.kind.kind == .normal else { return nil }
        let sender = (prepared.parsed.from.first ?? prepared.parsed.sender)?.address.lowercased() ?? ""
        guard !sender.isEmpty, !settings.allowedAgents.contains(sender), sender != settings.agentsInbox,
            !plusAddress.isOwnAddress(sender), !prepared.newText.isEmpty
        else { return nil }
        let subject = prepared.parsed.subject.map { TextLimits.subject($0) } ?? ""
        return "Subject: \(subject)\n\n\(prepared.newText.prefix(6000))"
    }

    /// The line a message's new text is classified under: a new ticket's subject; nil for a follow-up (or no
    /// subject).
    static func classifiedHeading(_ parsed: Message, isNew: Bool) -> String? {
        let subject = parsed.subject.map { TextLimits.subject($0) } ?? ""
        return isNew && !subject.isEmpty ? subject : nil
    }

    /// The text a message is classified on: a new ticket's subject and new text, a follow-up's new text.
    static func classifiedText(_ heading: String?, text: String) -> String {
        heading.map { $0 + "\n" + text } ?? text
    }

    /// Classification and signals of the classified text (`heading` and `text`), and the resolved tickets similar
    /// to `text` (unfiltered).
    func analyseText(_ text: String, under heading: String?) -> Analysis {
        // Tokenised once: `text` is read once for the similarity search, and the classified text's tokens (for the
        // signals and the classifier) add the heading's.
        let tokens: (text: [Token], classified: [Token])
        if let heading {
            let both = Tokenizer().tokens(text, under: heading)
            tokens = (both.text, both.headed)
        } else {
            let once = Tokenizer().tokens(text)
            tokens = (once, once)
        }
        let classified = Self.classifiedText(heading, text: text)
        let signals = signalDetector.signals(classified, tokens: tokens.classified)
        return Analysis(
            prediction: classifier?.predict(classified, tokens: tokens.classified), signals: signals,
            similar: similarity(tokens.text), language: signals.language.level)
    }
}
