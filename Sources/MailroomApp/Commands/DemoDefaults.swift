import Foundation

/// The embedded default configuration: Maildir in and out, the built-in model, the shipped templates. Used by
/// `mailroom replay` without `--config` and by `scripts/demo`.
public enum DemoDefaults {
    /// The configuration text, with paths relative to the file it is written to; without `templates`, the
    /// built-in templates are used.
    public static func yaml(templates: String?) -> String {
        """
        mailroom:
          supportAddress: support@shop.example
          companyName: Larkwood
          authservId: mx.shop.example
        store:
          path: mailroom.sqlite
        maildir:
          inbox: maildir/inbox
          outbox: maildir/outbox
        agents:
          inbox: agents@shop.example
          allowed: [ana@shop.example, ben@shop.example]
        \(templates.map { "templates:\n  path: \($0)" } ?? "# templates.path: the built-in templates")
        tokens:
          secret: demo-secret-not-for-production-use
        metrics:
          path: metrics/mailroom.prom

        """
    }

    /// Writes a workspace with the embedded default configuration (`mailroom.yaml`) and its Maildirs; returns
    /// the configuration's path. The built-in templates are copied into `templates/` for admins to edit, unless
    /// `templates` names another directory, and the language model's prompts into `prompts/`. An existing configuration (and template copy) is kept.
    public static func writeWorkspace(at directory: String, templates: String? = nil) throws -> String {
        let root = URL(fileURLWithPath: directory)
        for folder in ["maildir/inbox/new", "maildir/inbox/cur", "maildir/inbox/tmp", "maildir/outbox"] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let copy = root.appendingPathComponent("templates")
        if templates == nil, !FileManager.default.fileExists(atPath: copy.path) {
            try BuiltInTemplates.copy(to: copy)
        }
        let prompts = root.appendingPathComponent("prompts")
        if !FileManager.default.fileExists(atPath: prompts.path),
            let builtIn = Bundle.module.url(forResource: "prompts", withExtension: nil)
        {
            try FileManager.default.copyItem(at: builtIn, to: prompts)
        }
        let path = root.appendingPathComponent("mailroom.yaml")
        if !FileManager.default.fileExists(atPath: path.path) {
            try yaml(templates: templates ?? "templates").write(to: path, atomically: true, encoding: .utf8)
        }
        return path.path
    }
}
