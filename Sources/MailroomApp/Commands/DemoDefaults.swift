import Foundation

/// The embedded default configuration: Maildir in and out, the built-in model, the shipped templates. Used by
/// `mailroom replay` without `--config` and by `scripts/demo`.
public enum DemoDefaults {
    /// The configuration text, with paths relative to the file it is written to.
    public static func yaml(templates: String) -> String {
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
        templates:
          path: \(templates)
        tokens:
          secret: demo-secret-not-for-production-use
        metrics:
          path: metrics/mailroom.prom
        """
    }

    /// Writes a workspace with the embedded default configuration (`mailroom.yaml`) and its Maildirs; returns
    /// the configuration's path. An existing configuration is kept.
    public static func writeWorkspace(at directory: String, templates: String? = nil) throws -> String {
        let root = URL(fileURLWithPath: directory)
        for folder in ["maildir/inbox/new", "maildir/inbox/cur", "maildir/inbox/tmp", "maildir/outbox"] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let path = root.appendingPathComponent("mailroom.yaml")
        if !FileManager.default.fileExists(atPath: path.path) {
            try yaml(templates: templates ?? templatesDirectory()).write(to: path, atomically: true, encoding: .utf8)
        }
        return path.path
    }

    /// The shipped templates: `$MAILROOM_TEMPLATES`, `./templates`, or the repository's next to the binary.
    public static func templatesDirectory() -> String {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["MAILROOM_TEMPLATES"], !path.isEmpty { return path }
        let local = FileManager.default.currentDirectoryPath + "/templates"
        if FileManager.default.fileExists(atPath: local) { return local }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = directory.appendingPathComponent("templates").path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return local
    }
}
